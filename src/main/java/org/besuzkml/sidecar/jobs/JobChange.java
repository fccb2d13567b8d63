package org.besuzkml.sidecar.jobs;

import org.besuzkml.sidecar.store.Job;
import org.besuzkml.sidecar.store.Submission;

/**
 * What the scheduler tells its listeners (events, metrics, logs): a job's new snapshot and why.
 *
 * @param phase for PROGRESS the prover phase just finished (else null)
 * @param progress fraction of the prover's phases done, 0..1
 * @param provingNanos for a finished attempt, its proving time (else 0)
 * @param submission for a chain step (SUBMITTED, CONFIRMED, or FAILED after PROVED), the stored
 *     submission; else null
 */
public record JobChange(Kind kind, Job job, String phase, double progress, long provingNanos,
    Submission submission) {
  public JobChange(Kind kind, Job job, String phase, double progress, long provingNanos) {
    this(kind, job, phase, progress, provingNanos, null);
  }

  /** STATE: a state change; PROGRESS: a prover phase ended; DEDUP: a request joined this job. */
  public enum Kind { STATE, PROGRESS, DEDUP }
}
