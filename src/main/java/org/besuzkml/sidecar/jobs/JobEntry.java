package org.besuzkml.sidecar.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.besuzkml.sidecar.store.Job;

/** A job in memory: its latest snapshot, progress, and the flags a worker checks between phases. */
final class JobEntry {
  volatile Job job;
  volatile String phase;
  volatile double progress;
  volatile boolean cancelRequested;
  /** A live job of a model not served now: not in the queue, not counted as waiting. */
  volatile boolean parked;
  /** Completes once the job is on disk; requests that join it wait on it too. */
  final CompletableFuture<Void> committed = new CompletableFuture<>();
  /** Idempotency keys of requests that joined this job (guarded by the index). */
  final List<String> joinedKeys = new ArrayList<>();

  JobEntry(Job job) {
    this.job = job;
  }
}
