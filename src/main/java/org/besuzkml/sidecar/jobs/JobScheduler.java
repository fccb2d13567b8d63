package org.besuzkml.sidecar.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.besuzkml.proof.ProofJson;
import org.besuzkml.proof.Prover;
import org.besuzkml.sidecar.models.LoadedModel;
import org.besuzkml.sidecar.models.ModelCatalog;
import org.besuzkml.sidecar.models.QuantizedInput;
import org.besuzkml.sidecar.store.Job;
import org.besuzkml.sidecar.store.JobState;
import org.besuzkml.sidecar.store.JobStore;
import org.besuzkml.sidecar.store.Submission;

/**
 * Admission, dedup and the proving pool. A request becomes a job only once the store has it on
 * disk; until then concurrent identical requests wait on the same commit and get the same job.
 * Jobs wait in a FIFO queue bounded by {@code queueLimit} (beyond it {@link QueueFull}: the caller
 * retries later) and run on {@code workers} prover threads. Cancellation and timeouts are
 * cooperative: checked between prover phases through its progress callback.
 *
 * <p>Dedup: a job whose proof exists, or is still being made, is found by its dedup key; a FAILED,
 * CANCELLED or EXPIRED job is not, so the same request again starts a new job. An idempotency key
 * names the job it created (or joined) for as long as the sidecar runs, whatever that job's state,
 * and the job that created it across restarts; a reuse for another model or input is a
 * {@link Conflict}.
 */
public final class JobScheduler implements AutoCloseable {
  /**
   * Sizes: {@code workers} prover threads, at most {@code queueLimit} jobs waiting, at most
   * {@code maxFinishedInMemory} finished jobs held in memory (older ones are read from the store).
   */
  public record Config(int workers, int queueLimit, long retryAfterMs, int maxFinishedInMemory) {
    public Config(int workers, int queueLimit, long retryAfterMs) {
      this(workers, queueLimit, retryAfterMs, 10_000);
    }
  }

  /** A validated request. {@code timeoutMs} 0 means the model's own ceiling. */
  public record Request(LoadedModel model, QuantizedInput input, String idempotencyKey, boolean submit,
      long timeoutMs) {}

  /** The answer to a request: the job (as committed) and whether it already existed. */
  public record Accepted(Job job, boolean deduplicated) {}

  /** The queue is full: retry after {@link #retryAfterMs}. */
  public static final class QueueFull extends Exception {
    private static final long serialVersionUID = 1L;
    private final long retryAfterMs;

    QueueFull(int limit, long retryAfterMs) {
      super("the proving queue is full (" + limit + " jobs waiting); retry after " + retryAfterMs + " ms");
      this.retryAfterMs = retryAfterMs;
    }

    public long retryAfterMs() {
      return retryAfterMs;
    }
  }

  /** An idempotency key already used for another model or input. */
  public static final class Conflict extends Exception {
    private static final long serialVersionUID = 1L;

    Conflict(String m) {
      super(m);
    }
  }

  /** What a cancel did: the job's state after it, and whether it stops (now or at the next phase). */
  public record CancelResult(Job job, boolean cancelled) {}

  /** Read-only view of a job for the API. */
  public record View(Job job, String phase, double progress, boolean cancelRequested) {}

  /** Thrown out of the prover's progress callback to stop a proof between phases. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final JobState end;

    Stop(JobState end) {
      super(end.name(), null, false, false);
      this.end = end;
    }
  }

  private final JobStore store;
  private final ModelCatalog models;
  private final Config config;
  private final LongSupplier clock;
  private final JobIndex index;
  private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger waiting = new AtomicInteger(); // ACCEPTED or QUEUED
  private final AtomicInteger running = new AtomicInteger();
  private final List<Consumer<JobChange>> listeners = new CopyOnWriteArrayList<>();
  private final ProofCache proofs = new ProofCache(256);
  private final List<Thread> workers = new ArrayList<>();
  private final ScheduledExecutorService sweeper;
  private volatile boolean closed;
  private volatile java.util.function.BiFunction<Job, String, CompletableFuture<Void>> beforeProofStored;

  public JobScheduler(JobStore store, ModelCatalog models, Config config, LongSupplier clock) {
    this.store = store;
    this.models = models;
    this.config = config;
    this.clock = clock;
    this.index = new JobIndex(config.maxFinishedInMemory());
    this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "zkml-deadlines");
      t.setDaemon(true);
      return t;
    });
  }

  public void addListener(Consumer<JobChange> l) {
    listeners.add(l);
  }

  /**
   * Called with each new proof before it is committed; the commit waits for the returned future
   * (its failure is ignored). The cluster shares the proof there, so that a member killed between
   * the proof and the commit leaves the proof to the member that adopts the job, not a second run.
   */
  public void beforeProofStored(java.util.function.BiFunction<Job, String, CompletableFuture<Void>> hook) {
    this.beforeProofStored = hook;
  }

  /**
   * Takes in a job proved elsewhere (its proof made by a member that died before it stored it):
   * stored as PROVED without a run, then found by dedup and getJob like any proved job.
   */
  public CompletableFuture<Job> adoptProved(Job proved, String proofJson) {
    JobEntry known = index.get(proved.id());
    if (known != null) {
      return known.committed.thenApply(v -> known.job);
    }
    JobEntry e = new JobEntry(proved);
    index.add(e);
    return store.insertProved(proved, proofJson).handle((v, err) -> {
      if (err != null) {
        index.forget(e);
        e.committed.completeExceptionally(err);
        throw err instanceof java.util.concurrent.CompletionException c ? c
            : new java.util.concurrent.CompletionException(err);
      }
      proofs.put(proved.id(), proofJson);
      e.committed.complete(null);
      notify(new JobChange(JobChange.Kind.STATE, proved, null, 1, 0));
      return proved;
    });
  }

  /**
   * Takes back the jobs found in the store: live jobs whose model is served go back to the queue
   * (without regard to the limit: nothing accepted is dropped), proved ones are found by dedup.
   * Then starts the workers.
   */
  public void start(List<Job> recovered) {
    long now = clock.getAsLong();
    if (store.hasUnrecovered()) {
      index.markMayBeOnDisk();
    }
    for (Job j : recovered) {
      JobEntry e = new JobEntry(j);
      e.committed.complete(null);
      index.add(e);
      if (!j.state().live()) {
        continue;
      }
      if (models.find(j.model()).isEmpty()) {
        e.parked = true; // waits, untouched, until its model is served again (modelAdded or a restart)
        continue;
      }
      if (j.state() == JobState.PROVING) {
        store.runEnded(j, "INTERRUPTED"); // the attempt the kill cut short
      }
      waiting.incrementAndGet();
      enqueue(e, now);
    }
    for (int i = 0; i < config.workers(); i++) {
      Thread t = new Thread(this::work, "zkml-prover-" + i);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
    sweeper.scheduleWithFixedDelay(this::expireWaiting, 250, 250, TimeUnit.MILLISECONDS);
  }

  /** Admits a request: completes once the job is on disk (or fails with QueueFull / Conflict). */
  public CompletableFuture<Accepted> request(Request r) {
    return request(r, UUID.randomUUID().toString(), false);
  }

  /**
   * As {@link #request(Request)}, a new job taking the id {@code newId} (the cluster names a job
   * before the member that stores it is chosen); {@code adopted} admits it beyond the queue limit,
   * as a job another member had accepted must not be dropped.
   */
  public CompletableFuture<Accepted> request(Request r, String newId, boolean adopted) {
    String key = r.input().dedupKey(r.model());
    String inputJson = r.input().toJson(); // outside the lock: every request passes through it
    CompletableFuture<Accepted> fast = admit(r, key, inputJson, newId, null, false, adopted);
    if (fast != null) {
      return fast;
    }
    // not in memory, but finished jobs have been dropped from it: ask the store, then decide again
    return store.findExisting(key, r.idempotencyKey())
        .thenCompose(found -> admit(r, key, inputJson, newId, found.orElse(null), true, adopted));
  }

  /**
   * Joins the job in memory, else the one found on disk, else creates a job. Null when the memory
   * has nothing and the store has not been asked yet but may know the job.
   */
  private CompletableFuture<Accepted> admit(Request r, String key, String inputJson, String newId, Job onDisk,
      boolean diskChecked, boolean adopted) {
    JobEntry existing;
    JobEntry fresh = null;
    String idem = r.idempotencyKey();
    synchronized (index) {
      try {
        existing = index.lookup(key, idem);
      } catch (Conflict c) {
        return CompletableFuture.failedFuture(c);
      }
      if (existing == null && onDisk != null) {
        if (idem != null && idem.equals(onDisk.idempotencyKey()) && !onDisk.dedupKey().equals(key)) {
          return CompletableFuture.failedFuture(new Conflict("idempotencyKey " + idem
              + " was used for another model or input (job " + onDisk.id() + ")"));
        }
        notify(new JobChange(JobChange.Kind.DEDUP, onDisk, null, onDisk.state().hasProof() ? 1 : 0, 0));
        return CompletableFuture.completedFuture(new Accepted(onDisk, true));
      }
      if (existing == null && !diskChecked && index.mayBeOnDisk()) {
        return null;
      }
      if (existing == null) {
        if (!adopted && waiting.get() >= config.queueLimit()) {
          return CompletableFuture.failedFuture(new QueueFull(config.queueLimit(), config.retryAfterMs()));
        }
        long now = clock.getAsLong();
        long timeout = r.timeoutMs() > 0 ? Math.min(r.timeoutMs(), r.model().timeoutMs()) : r.model().timeoutMs();
        fresh = new JobEntry(new Job(newId, r.model().id(), key, idem, r.submit(), inputJson, JobState.ACCEPTED,
            false, null, now, now, 0, 0, now + timeout, 0));
        index.add(fresh);
        waiting.incrementAndGet();
      }
    }
    if (existing != null) {
      JobEntry x = existing;
      notify(new JobChange(JobChange.Kind.DEDUP, x.job, null, x.progress, 0));
      return x.committed.thenApply(v -> new Accepted(x.job, true));
    }
    JobEntry e = fresh;
    store.insert(e.job).whenComplete((v, err) -> {
      if (err != null) {
        index.forget(e);
        waiting.decrementAndGet();
        e.committed.completeExceptionally(err);
      } else {
        notify(new JobChange(JobChange.Kind.STATE, e.job, null, 0, 0));
        // committed first: once a worker can take the job, get and cancel must see it
        e.committed.complete(null);
        enqueue(e, clock.getAsLong());
      }
    });
    return e.committed.thenApply(v -> new Accepted(e.job, false));
  }

  private void enqueue(JobEntry e, long now) {
    Job q;
    synchronized (e) {
      if (e.cancelRequested) {
        waiting.decrementAndGet();
        end(e, JobState.CANCELLED, false, "cancelled before it was queued", null);
        return;
      }
      q = e.job.to(JobState.QUEUED, now);
      e.job = q;
    }
    store.update(q);
    notify(new JobChange(JobChange.Kind.STATE, q, null, 0, 0));
    queue.add(q.id());
  }

  /** A job held in memory (every live job, and recent finished ones). */
  public Optional<View> get(String id) {
    JobEntry e = index.get(id);
    if (e == null || !e.committed.isDone() || e.committed.isCompletedExceptionally()) {
      return Optional.empty();
    }
    return Optional.of(new View(e.job, e.phase, e.progress, e.cancelRequested));
  }

  /** Any job: from memory, else from the store (a finished job no longer held in memory). */
  public CompletableFuture<Optional<View>> find(String id) {
    Optional<View> v = get(id);
    if (v.isPresent() || id == null || index.get(id) != null || !index.mayBeOnDisk()) {
      return CompletableFuture.completedFuture(v);
    }
    return store.find(id).thenApply(j -> j.map(x -> new View(x, null, x.state().hasProof() ? 1 : 0, false)));
  }

  /** The proof JSON of a proved job (from a small cache, else the store). */
  public CompletableFuture<Optional<String>> proof(String id) {
    String p = proofs.get(id);
    return p != null ? CompletableFuture.completedFuture(Optional.of(p)) : store.proof(id);
  }

  /**
   * A chain submission step of a job with a proof (PROVED to SUBMITTED, SUBMITTED to CONFIRMED, or
   * either to FAILED): the state and the submission are committed together before anyone sees them.
   */
  public CompletableFuture<Job> chainStep(Job next, Submission s) {
    return store.chainStep(next, s).thenApply(v -> {
      JobEntry e = index.get(next.id());
      if (e != null) {
        synchronized (e) {
          e.job = next;
        }
        if (next.state() == JobState.FAILED) {
          index.finished(e); // no longer found by dedup: the same request again starts afresh
        }
      }
      notify(new JobChange(JobChange.Kind.STATE, next, null, 1, 0, s));
      return next;
    });
  }

  /** The stored submission of a job (for zkml_getJob). */
  public CompletableFuture<Optional<Submission>> submission(String id) {
    return store.submission(id);
  }

  /** Jobs whose submission must be taken up again after a restart (PROVED with submit, SUBMITTED). */
  public CompletableFuture<List<Job>> awaitingSubmission() {
    return store.awaitingSubmission();
  }

  /** Cancels a waiting job at once, a proving one at its next phase; other states are left as they are. */
  public Optional<CancelResult> cancel(String id) {
    JobEntry e = index.get(id);
    if (e == null || !e.committed.isDone()) {
      return Optional.empty();
    }
    synchronized (e) {
      JobState s = e.job.state();
      if (s == JobState.QUEUED || s == JobState.ACCEPTED) {
        if (!e.parked) {
          waiting.decrementAndGet();
        }
        end(e, JobState.CANCELLED, false, "cancelled", null);
        return Optional.of(new CancelResult(e.job, true));
      }
      if (s == JobState.PROVING) {
        e.cancelRequested = true;
        return Optional.of(new CancelResult(e.job, true));
      }
      return Optional.of(new CancelResult(e.job, false));
    }
  }

  public int queueDepth() {
    return waiting.get();
  }

  public int running() {
    return running.get();
  }

  public int workers() {
    return config.workers();
  }

  /** Jobs of a model still waiting or proving. */
  public long liveJobs(String modelId) {
    return index.all().stream().filter(e -> e.job.model().equals(modelId) && e.job.state().live()).count();
  }

  /**
   * A model was added to the catalog: its live jobs that were waiting for it (stored before a
   * restart without it) join the queue.
   */
  public void modelAdded(String modelId) {
    long now = clock.getAsLong();
    for (JobEntry e : index.all()) {
      Job j = e.job;
      synchronized (e) {
        if (!e.parked || !j.model().equals(modelId) || !e.job.state().live()) {
          continue;
        }
        e.parked = false;
      }
      if (j.state() == JobState.PROVING) {
        store.runEnded(j, "INTERRUPTED");
      }
      waiting.incrementAndGet();
      enqueue(e, now);
    }
  }

  /** Ends a live job (caller holds e's lock): persisted, dedup entry dropped, listeners told. */
  private void end(JobEntry e, JobState end, boolean retryable, String why, String outcome) {
    Job j = e.job.ended(end, retryable, why, clock.getAsLong());
    e.job = j;
    index.finished(e);
    store.update(j);
    if (outcome != null) {
      store.runEnded(j, outcome);
    }
    notify(new JobChange(JobChange.Kind.STATE, j, null, e.progress, 0));
  }

  private void expireWaiting() {
    long now = clock.getAsLong();
    for (String id : queue) { // weakly consistent: a job added meanwhile is seen at the next sweep
      JobEntry e = index.get(id);
      Job j = e.job;
      if (j.state() == JobState.QUEUED && j.deadlineMs() > 0 && now > j.deadlineMs()) {
        synchronized (e) {
          if (e.job.state() == JobState.QUEUED) {
            if (!e.parked) {
              waiting.decrementAndGet();
            }
            end(e, JobState.EXPIRED, false, "timed out after " + (now - j.createdMs()) + " ms in the queue", null);
          }
        }
      }
    }
  }

  private void work() {
    while (!closed) {
      String id;
      try {
        id = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException ie) {
        return;
      }
      if (id == null) {
        continue;
      }
      JobEntry e = index.get(id);
      Job j;
      synchronized (e) {
        if (e.job.state() != JobState.QUEUED) {
          continue; // cancelled or expired while it waited
        }
        waiting.decrementAndGet();
        long now = clock.getAsLong();
        if (e.job.deadlineMs() > 0 && now > e.job.deadlineMs()) {
          end(e, JobState.EXPIRED, false, "timed out in the queue", null);
          continue;
        }
        j = e.job.proving(now);
        e.job = j;
        e.phase = null;
        e.progress = 0;
      }
      running.incrementAndGet();
      try {
        prove(e, j);
      } finally {
        running.decrementAndGet();
      }
    }
  }

  private void prove(JobEntry e, Job j) {
    store.update(j);
    store.runStarted(j);
    notify(new JobChange(JobChange.Kind.STATE, j, null, 0, 0));
    LoadedModel m = models.find(j.model()).orElse(null);
    if (m == null) { // removed by the operator after this job was admitted
      synchronized (e) {
        end(e, JobState.FAILED, true, "model " + j.model() + " is no longer served", JobState.FAILED.name());
      }
      return;
    }
    long t0 = System.nanoTime();
    int phases = Prover.PHASES.size();
    int[] done = {0};
    try {
      Prover.Proof p = Prover.prove(m.pk(), QuantizedInput.fromJson(j.input()).dequantized(m), phase -> {
        if (e.cancelRequested) {
          throw new Stop(JobState.CANCELLED);
        }
        if (j.deadlineMs() > 0 && clock.getAsLong() > j.deadlineMs()) {
          throw new Stop(JobState.EXPIRED);
        }
        e.phase = phase;
        e.progress = (double) ++done[0] / phases;
        notify(new JobChange(JobChange.Kind.PROGRESS, e.job, phase, e.progress, 0));
      });
      String json = ProofJson.toJson(m.pk().vk(), p).toString();
      long nanos = System.nanoTime() - t0;
      Job proved = j.to(JobState.PROVED, clock.getAsLong());
      var hook = beforeProofStored;
      CompletableFuture<Void> shared = hook == null ? CompletableFuture.completedFuture(null)
          : hook.apply(proved, json).handle((v, err) -> null);
      // the job shows PROVED only once proof and state are on disk together
      shared.thenCompose(v -> store.proved(proved, json)).whenComplete((v, err) -> {
        synchronized (e) {
          if (err != null) {
            end(e, JobState.FAILED, true, "could not store the proof: " + ProofJson.firstLine(err.getMessage()),
                null);
            return;
          }
          proofs.put(proved.id(), json);
          e.job = proved;
        }
        index.finished(e);
        notify(new JobChange(JobChange.Kind.STATE, proved, null, 1, nanos));
      });
    } catch (Stop s) {
      synchronized (e) {
        end(e, s.end, false, s.end == JobState.CANCELLED ? "cancelled while proving"
            : "timed out while proving", s.end.name());
      }
    } catch (Prover.ProveException | ArithmeticException e1) {
      // the model cannot be proven on this input (an unsupported gadget, a fixed-point overflow)
      synchronized (e) {
        end(e, JobState.FAILED, false, ProofJson.firstLine(e1.getMessage()), JobState.FAILED.name());
      }
    } catch (OutOfMemoryError e1) { // one line with the heap this model needs
      synchronized (e) {
        end(e, JobState.FAILED, true, org.besuzkml.proof.ProveMemory.outOfHeap(m.pk().vk(),
            Runtime.getRuntime().maxMemory()), JobState.FAILED.name());
      }
    } catch (RuntimeException | StackOverflowError e1) {
      synchronized (e) {
        end(e, JobState.FAILED, true, "proving failed: " + e1.getClass().getSimpleName() + ": "
            + ProofJson.firstLine(e1.getMessage()), JobState.FAILED.name());
      }
    }
  }

  private void notify(JobChange c) {
    for (Consumer<JobChange> l : listeners) {
      try {
        l.accept(c);
      } catch (RuntimeException ignored) {
        // a listener's failure must not stop a job
      }
    }
  }

  /** Stops the workers after their current proof; the store stays open (the caller closes it). */
  @Override
  public void close() {
    closed = true;
    sweeper.shutdownNow();
    for (Thread t : workers) {
      try {
        t.join(30_000);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
