package org.besuzkml.sidecar.store;

/**
 * One job as stored: an immutable snapshot; a change is a new snapshot written through
 * {@link JobStore#update}. {@code input} is the canonical quantized input (JSON lists of integers,
 * one per graph input); it is null in snapshots recovered for jobs that will not run again.
 * Times are epoch milliseconds, 0 when not reached; {@code deadlineMs} 0 means none.
 */
public record Job(
    String id,
    String model,
    String dedupKey,
    String idempotencyKey,
    boolean submit,
    String input,
    JobState state,
    boolean retryable,
    String error,
    long createdMs,
    long updatedMs,
    long startedMs,
    long finishedMs,
    long deadlineMs,
    int attempts) {

  /**
   * The same job in {@code next}, updated at {@code now}; the error and retryable flag cleared. The
   * finish time is the first end (the proof's): chain states after PROVED keep it.
   */
  public Job to(JobState next, long now) {
    if (!state.canBecome(next)) {
      throw new IllegalStateException("job " + id + ": " + state + " cannot become " + next);
    }
    return new Job(id, model, dedupKey, idempotencyKey, submit, input, next, false, null, createdMs, now,
        startedMs, next.live() ? 0 : finishedMs > 0 ? finishedMs : now, deadlineMs, attempts);
  }

  /** PROVING for one more attempt, started at {@code now}. */
  public Job proving(long now) {
    Job j = to(JobState.PROVING, now);
    return new Job(id, model, dedupKey, idempotencyKey, submit, input, j.state, false, null, createdMs, now,
        now, 0, deadlineMs, attempts + 1);
  }

  /** An end state with a one-line reason. */
  public Job ended(JobState end, boolean retry, String why, long now) {
    Job j = to(end, now);
    return new Job(id, model, dedupKey, idempotencyKey, submit, input, end, retry, why, createdMs, now,
        startedMs, j.finishedMs, deadlineMs, attempts);
  }
}
