package org.besuzkml.sidecar.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Durable job storage. Every write completes its future only once it is on disk (committed and
 * fsynced); writes are applied in the order they are made. No method blocks its caller: the
 * futures complete on the store's own threads.
 */
public interface JobStore extends AutoCloseable {

  /** Every stored job, as found when the store was opened (inputs only for live jobs). */
  List<Job> recovered();

  /** Stores a new job. */
  CompletableFuture<Void> insert(Job job);

  /** Replaces a job's mutable fields (state, error, times, attempts). */
  CompletableFuture<Void> update(Job job);

  /** Records that proving attempt {@code job.attempts()} of the job started. */
  CompletableFuture<Void> runStarted(Job job);

  /** Records how an attempt ended without a proof (FAILED, CANCELLED, EXPIRED, ...). */
  CompletableFuture<Void> runEnded(Job job, String outcome);

  /**
   * Stores the proof and moves the job to PROVED in one transaction, with its attempt's outcome:
   * after a crash either all of it is on disk or none of it.
   */
  CompletableFuture<Void> proved(Job job, String proofJson);

  /** The stored proof JSON of a proved job. */
  CompletableFuture<Optional<String>> proof(String jobId);

  /** Commits so far and the jobs they held (group commit: many writes per commit under load). */
  long commits();

  long writes();

  @Override
  void close();
}
