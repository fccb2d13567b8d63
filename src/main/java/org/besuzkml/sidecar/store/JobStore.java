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

  /**
   * The jobs found when the store was opened: every live one and the most recent finished ones
   * (inputs only for live jobs); older finished jobs are reached through {@link #find}.
   */
  List<Job> recovered();

  /** True when the store holds finished jobs beyond those in {@link #recovered}. */
  boolean hasUnrecovered();

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

  /**
   * A chain submission step: the job's new state (SUBMITTED, CONFIRMED or FAILED) and its
   * submission record in one transaction.
   */
  CompletableFuture<Void> chainStep(Job job, Submission submission);

  /**
   * Stores a job that arrives already PROVED with its proof, in one transaction and without a run:
   * the proof was made elsewhere (a cluster member that died before it stored it).
   */
  CompletableFuture<Void> insertProved(Job job, String proofJson);

  /** The stored submission of a job, if it has one. */
  CompletableFuture<Optional<Submission>> submission(String jobId);

  /** Jobs with {@code submit} whose submission has not ended (PROVED or SUBMITTED), oldest first. */
  CompletableFuture<List<Job>> awaitingSubmission();

  /** A stored job by id (the input only for a live job). */
  CompletableFuture<Optional<Job>> find(String jobId);

  /**
   * The job an idempotency key created (any state), else the latest job with a proof for the dedup
   * key: how a request finds a finished job that is no longer held in memory.
   */
  CompletableFuture<Optional<Job>> findExisting(String dedupKey, String idempotencyKey);

  /** The stored proof JSON of a proved job. */
  CompletableFuture<Optional<String>> proof(String jobId);

  /** Commits so far and the jobs they held (group commit: many writes per commit under load). */
  long commits();

  long writes();

  @Override
  void close();
}
