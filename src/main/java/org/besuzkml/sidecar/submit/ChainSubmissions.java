package org.besuzkml.sidecar.submit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.besuzkml.chain.ChainClient;
import org.besuzkml.chain.ChainException;
import org.besuzkml.chain.ChainSubmitter;
import org.besuzkml.chain.Pending;
import org.besuzkml.chain.ProofStatement;
import org.besuzkml.chain.Receipt;
import org.besuzkml.chain.SigningKey;
import org.besuzkml.chain.SubmitRequest;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.proof.ProofJson;
import org.besuzkml.sidecar.jobs.JobChange;
import org.besuzkml.sidecar.jobs.JobScheduler;
import org.besuzkml.sidecar.models.LoadedModel;
import org.besuzkml.sidecar.models.ModelCatalog;
import org.besuzkml.sidecar.ops.JsonLog;
import org.besuzkml.sidecar.store.Job;
import org.besuzkml.sidecar.store.JobState;
import org.besuzkml.sidecar.store.Submission;
import org.web3j.utils.Numeric;

/**
 * Puts proved jobs with {@code submit} on chain, on its own threads (never the event loop, never a
 * prover): broadcast, then store the transaction hash with state SUBMITTED and only then await the
 * receipt, so that after a crash the job is awaited again by that hash instead of being sent twice.
 * A receipt with status 1 (under the configured depth) makes the job CONFIRMED; a revert, or a gas
 * estimate that reverts, FAILED and not retryable, with the decoded reason; a node that stays
 * unreachable or slow past the bounded retries FAILED and retryable. Nonces are the chain client's.
 */
public final class ChainSubmissions implements Consumer<JobChange>, AutoCloseable {
  private final ChainSettings settings;
  private final ChainSubmitter chain;
  private final JobScheduler scheduler;
  private final ModelCatalog models;
  private final JsonLog log;
  private final ExecutorService pool;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private ChainSubmissions(ChainSettings settings, ChainSubmitter chain, JobScheduler scheduler, ModelCatalog models,
      JsonLog log) {
    this.settings = settings;
    this.chain = chain;
    this.scheduler = scheduler;
    this.models = models;
    this.log = log;
    AtomicInteger n = new AtomicInteger();
    // unbounded queue, bounded threads: jobs wait their turn, at most `concurrency` transactions in flight
    this.pool = new ThreadPoolExecutor(settings.concurrency(), settings.concurrency(), 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "zkml-chain-" + n.getAndIncrement());
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * Reads the key (from its file or variable; a failure names only where it looked) and connects.
   * Checks the chain id when one is configured.
   */
  public static ChainSubmissions connect(ChainSettings s, JobScheduler scheduler, ModelCatalog models, JsonLog log)
      throws ChainException {
    SigningKey key = s.keyFile() != null ? SigningKey.fromFile(s.keyFile()) : SigningKey.fromEnv(s.keyEnv());
    ChainClient.Options o = new ChainClient.Options(ChainClient.Options.DEFAULTS.backoff(), s.receiptTimeout(),
        ChainClient.Options.DEFAULTS.httpTimeout(), ChainClient.Options.DEFAULTS.gasMargin());
    ChainClient client = ChainClient.connect(s.rpcUrl(), key, o);
    if (s.chainId() != 0 && client.chainId() != s.chainId()) {
      client.close();
      throw new ChainException(ChainException.Kind.REJECTED, "the node at " + s.rpcUrl() + " is on chain "
          + client.chainId() + ", not " + s.chainId());
    }
    log.info("chain.connected", "rpc", s.rpcUrl(), "chain_id", client.chainId(), "account", client.address(),
        "target", s.target(), "eip1559", client.eip1559());
    return new ChainSubmissions(s, new ChainSubmitter(client), scheduler, models, log);
  }

  /** The submitting account's address. */
  public String account() {
    return chain.client().address();
  }

  /** A job just proved: submit it if it asked to be. */
  @Override
  public void accept(JobChange c) {
    Job j = c.job();
    if (c.kind() == JobChange.Kind.STATE && c.submission() == null && j.state() == JobState.PROVED && j.submit()) {
      schedule(j, null);
    }
  }

  /** After a restart: takes up every stored job whose submission did not end (PROVED with submit, SUBMITTED). */
  public void resumeStored() {
    scheduler.awaitingSubmission().thenAccept(jobs -> {
      for (Job j : jobs) {
        scheduler.submission(j.id()).thenAccept(s -> schedule(j, s.orElse(null)));
      }
      if (!jobs.isEmpty()) {
        log.info("chain.resuming", "jobs", jobs.size());
      }
    });
  }

  private void schedule(Job j, Submission stored) {
    if (closed || !inFlight.add(j.id())) {
      return; // closing (a restart takes it up) or already being submitted
    }
    try {
      pool.execute(() -> {
        try {
          run(j, stored);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException e) {
          log.warn("chain.internal_error", "job", j.id(), "error", e.getClass().getSimpleName() + ": "
              + ProofJson.firstLine(String.valueOf(e.getMessage())));
        } finally {
          inFlight.remove(j.id());
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      inFlight.remove(j.id()); // closed meanwhile: the stored state is resumed after a restart
    }
  }

  private void run(Job scheduled, Submission stored) throws InterruptedException, ExecutionException {
    // the job as it is now: a run for the same job that ended just before this one took it further
    Job j = scheduler.find(scheduled.id()).get().map(JobScheduler.View::job).orElse(scheduled);
    if (j.state() != scheduled.state()) {
      return;
    }
    SubmitRequest req;
    try {
      req = request(j);
    } catch (IllegalStateException e) {
      fail(j, stored, true, e.getMessage());
      return;
    }
    Job current = j;
    Submission sub = stored;
    Pending pending = null;
    if (j.state() == JobState.PROVED) {
      try {
        pending = broadcast(req);
      } catch (ChainException e) {
        if (!closed) {
          fail(j, null, e.retryable(), (e.maybeSent() ? "the node stopped answering while the transaction was sent"
              + " (it may still be mined; not sent again): " : "not sent: ") + ProofJson.firstLine(e.getMessage()));
        }
        return;
      }
      if (!pending.sent()) {
        fail(j, null, false, "the chain refuses the proof: " + pending.refused());
        return;
      }
      sub = Submission.sent(j.id(), pending.hash(), now());
      // on disk before anything relies on it: a restart from here awaits this hash, never re-sends
      current = scheduler.chainStep(j.to(JobState.SUBMITTED, now()), sub).get();
    } else if (sub == null || sub.txHash() == null) {
      fail(j, sub, true, "SUBMITTED without a stored transaction hash");
      return;
    }
    Receipt r;
    try {
      r = awaitReceipt(sub.txHash(), pending, req);
      awaitDepth(r);
    } catch (ChainException e) {
      if (!closed) {
        fail(current, sub, e.retryable(), "no receipt: " + ProofJson.firstLine(e.getMessage()));
      }
      return;
    }
    if (r.success()) {
      Submission done = sub.receipt(r.blockNumber(), r.gasUsed().longValue(), true, null, now());
      scheduler.chainStep(current.to(JobState.CONFIRMED, now()), done).get();
    } else {
      String why = String.valueOf(r.revert());
      Submission done = sub.receipt(r.blockNumber(), r.gasUsed().longValue(), false, why, now());
      scheduler.chainStep(current.ended(JobState.FAILED, false, "reverted on chain: " + why, now()), done).get();
    }
  }

  /** The verify call for a job's stored proof. */
  private SubmitRequest request(Job j) throws InterruptedException, ExecutionException {
    LoadedModel m = models.find(j.model()).orElseThrow(() ->
        new IllegalStateException("model " + j.model() + " is no longer served: its vk is needed to submit"));
    Optional<String> json = scheduler.proof(j.id()).get();
    if (json.isEmpty()) {
      throw new IllegalStateException("the stored proof of job " + j.id() + " is missing");
    }
    VerifyingKey vk = m.pk().vk();
    ProofJson.Parsed p;
    try {
      p = ProofJson.parse(json.get(), "proof", vk);
    } catch (ProofJson.Malformed | ProofJson.WrongModel e) {
      throw new IllegalStateException("the stored proof does not parse: " + e.getMessage());
    }
    ProofStatement s = new ProofStatement(vk.bytes(), p.inputs(), p.outputs(), p.proof());
    return "precompile".equals(settings.target()) ? SubmitRequest.toPrecompile(settings.precompile(), s)
        : SubmitRequest.toConsumer(settings.target(), s);
  }

  /**
   * Broadcasts, trying again while the node is unreachable, but only when nothing can have been
   * sent (the failure came before the signed transaction was handed over).
   */
  private Pending broadcast(SubmitRequest req) throws ChainException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        if (closed) {
          throw new ChainException(ChainException.Kind.TIMEOUT, "the sidecar is closing");
        }
        return chain.broadcast(req);
      } catch (ChainException e) {
        if (!e.retryable() || e.maybeSent() || attempt >= settings.attempts() || closed) {
          throw e;
        }
        pause(attempt);
      }
    }
  }

  /** Awaits the receipt (the broadcast's, or by hash after a restart), again after a transient failure. */
  private Receipt awaitReceipt(String hash, Pending pending, SubmitRequest req)
      throws ChainException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return pending != null ? chain.await(pending) : chain.resume(hash, req);
      } catch (ChainException e) {
        if (!e.retryable() || attempt >= settings.attempts() || closed) {
          throw e;
        }
        pause(attempt);
      }
    }
  }

  /** Waits until the receipt's block is {@code confirmations} deep (1: at once). */
  private void awaitDepth(Receipt r) throws ChainException, InterruptedException {
    if (settings.confirmations() <= 1 || !r.sent()) {
      return;
    }
    long want = r.blockNumber() + settings.confirmations() - 1;
    long deadline = System.nanoTime() + settings.receiptTimeout().toNanos();
    while (Numeric.decodeQuantity(chain.client().rpc("eth_blockNumber").asText()).longValueExact() < want) {
      if (System.nanoTime() > deadline || closed) {
        throw new ChainException(ChainException.Kind.TIMEOUT, "block " + r.blockNumber() + " did not reach "
            + settings.confirmations() + " confirmations within " + settings.receiptTimeout().toSeconds() + " s");
      }
      Thread.sleep(200);
    }
  }

  private void pause(int attempt) throws InterruptedException {
    Duration d = settings.retryDelay().multipliedBy(1L << Math.min(attempt - 1, 10));
    Thread.sleep(d.toMillis());
  }

  /** Ends the job FAILED with its submission record (a transaction hash is kept when there is one). */
  private void fail(Job j, Submission s, boolean retryable, String why) throws InterruptedException,
      ExecutionException {
    long t = now();
    Submission rec = s != null ? s.failed(why, t) : new Submission(j.id(), null, -1, -1, null, why, 0, t);
    scheduler.chainStep(j.ended(JobState.FAILED, retryable, why, t), rec).get();
  }

  private static long now() {
    return System.currentTimeMillis();
  }

  /** Stops taking jobs and interrupts the ones in flight; their stored state is resumed after a restart. */
  @Override
  public void close() {
    closed = true;
    pool.shutdownNow();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    chain.close();
  }

  /** Jobs being submitted now (for tests and the ready check). */
  public int inFlight() {
    return inFlight.size();
  }
}
