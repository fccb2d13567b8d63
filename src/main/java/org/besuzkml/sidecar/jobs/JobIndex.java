package org.besuzkml.sidecar.jobs;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.besuzkml.sidecar.store.Job;

/**
 * The jobs held in memory and the two ways a request finds one: by dedup key (jobs waiting, proving
 * or with a proof) and by idempotency key. Live jobs always stay; finished ones stay up to
 * {@code maxFinished}, oldest dropped first, and are then found through the store. Lookups and
 * changes of the key maps hold this object's lock, briefly (map operations only).
 */
final class JobIndex {
  private final Map<String, JobEntry> jobs = new ConcurrentHashMap<>();
  private final Map<String, String> byDedupKey = new HashMap<>();
  private final Map<String, String> byIdempotencyKey = new HashMap<>();
  private final Deque<String> finished = new ArrayDeque<>();
  private final int maxFinished;
  private boolean evicted;

  JobIndex(int maxFinished) {
    this.maxFinished = maxFinished;
  }

  JobEntry get(String id) {
    return id == null ? null : jobs.get(id);
  }

  Collection<JobEntry> all() {
    return jobs.values();
  }

  /** The store holds finished jobs that were never loaded: misses must ask it. */
  synchronized void markMayBeOnDisk() {
    evicted = true;
  }

  /** True once some finished job was dropped from memory: a miss must then ask the store. */
  synchronized boolean mayBeOnDisk() {
    return evicted;
  }

  /**
   * The job a request joins: the one its idempotency key names, else the one with its dedup key;
   * null if none is in memory. Throws when the key names a job for another input.
   */
  synchronized JobEntry lookup(String dedupKey, String idem) throws JobScheduler.Conflict {
    String id = idem == null ? null : byIdempotencyKey.get(idem);
    if (id != null) {
      JobEntry e = jobs.get(id);
      if (!e.job.dedupKey().equals(dedupKey)) {
        throw new JobScheduler.Conflict("idempotencyKey " + idem + " was used for another model or input (job "
            + id + ")");
      }
      return e;
    }
    id = byDedupKey.get(dedupKey);
    JobEntry e = id == null ? null : jobs.get(id);
    if (e != null && idem != null) {
      byIdempotencyKey.put(idem, id);
      e.joinedKeys.add(idem);
    }
    return e;
  }

  /** Adds a job (new, or recovered from the store). */
  synchronized void add(JobEntry e) {
    Job j = e.job;
    jobs.put(j.id(), e);
    if (j.idempotencyKey() != null) {
      byIdempotencyKey.put(j.idempotencyKey(), j.id());
    }
    if (j.state().live() || j.state().hasProof()) {
      byDedupKey.put(j.dedupKey(), j.id());
    }
    if (!j.state().live()) {
      finished(e);
    }
  }

  /** Removes a job whose insert failed: it never existed. */
  synchronized void forget(JobEntry e) {
    drop(e);
  }

  /** A job left the live states: without a proof dedup no longer finds it; it may now be evicted. */
  synchronized void finished(JobEntry e) {
    Job j = e.job;
    if (!j.state().hasProof()) {
      byDedupKey.remove(j.dedupKey(), j.id());
    }
    finished.addLast(j.id());
    while (finished.size() > maxFinished) {
      JobEntry old = jobs.get(finished.removeFirst());
      if (old != null && !old.job.state().live()) {
        drop(old);
        evicted = true;
      }
    }
  }

  private void drop(JobEntry e) {
    Job j = e.job;
    jobs.remove(j.id());
    byDedupKey.remove(j.dedupKey(), j.id());
    if (j.idempotencyKey() != null) {
      byIdempotencyKey.remove(j.idempotencyKey(), j.id());
    }
    for (String k : e.joinedKeys) {
      byIdempotencyKey.remove(k, j.id());
    }
  }
}
