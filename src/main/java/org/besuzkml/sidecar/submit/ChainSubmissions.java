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
import org.besuzkml.chain.SignedTx;
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
 * prover): sign at a fixed nonce, store the signed bytes, their hash and nonce with state SUBMITTED
 * (fsynced), and only then broadcast and await the receipt. After a crash at any point the job
 * sends those same bytes again (the node answers that it has them, or that their nonce is used
 * while it knows the hash) and awaits them: a transaction can be mined at most once because it is
 * never signed twice. A receipt with status 1 (under the configured depth) makes the job CONFIRMED; a revert, or a gas
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
  /** Done once the nonces of stored signed transactions are reserved (see resumeStored). */
  private final java.util.concurrent.CompletableFuture<Void> nonceFloor = new java.util.concurrent.CompletableFuture<>();
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
    scheduler.awaitingSubmission().thenCompose(jobs -> {
      List<java.util.concurrent.CompletableFuture<Optional<Submission>>> subs = new java.util.ArrayList<>();
      for (Job j : jobs) {
        subs.add(scheduler.submission(j.id()));
      }
      return java.util.concurrent.CompletableFuture.allOf(subs.toArray(new java.util.concurrent.CompletableFuture[0]))
          .thenRun(() -> {
            long floor = -1;
            for (int i = 0; i < jobs.size(); i++) {
              Submission s = subs.get(i).join().orElse(null);
              if (s != null && s.rawTx() != null) {
                floor = Math.max(floor, s.nonce());
              }
            }
            if (floor >= 0) { // a stored transaction the node may not have yet keeps its nonce
              chain.client().reserveNoncesBelow(floor + 1);
            }
            nonceFloor.complete(null);
            for (int i = 0; i < jobs.size(); i++) {
              schedule(jobs.get(i), subs.get(i).join().orElse(null));
            }
            if (!jobs.isEmpty()) {
              log.info("chain.resuming", "jobs", jobs.size());
            }
          });
    }).whenComplete((v, err) -> {
      if (err != null) {
        log.warn("chain.resume_failed", "error", ProofJson.firstLine(String.valueOf(err.getMessage())));
      }
      nonceFloor.complete(null); // no stored nonces known: new transactions take the node's count
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
    Job[] current = {j};
    Submission[] sub = {stored};
    Pending pending = null;
    if (j.state() == JobState.PROVED) {
      try {
        nonceFloor.get(30, TimeUnit.SECONDS); // stored transactions of an earlier run keep their nonces
      } catch (java.util.concurrent.TimeoutException e) {
        log.warn("chain.nonce_floor_unknown", "job", j.id()); // the store did not answer: the node's count
      }
      try {
        pending = broadcast(req, tx -> {
          // SUBMITTED with the signed bytes, fsynced before they are sent: a restart from here sends
          // these same bytes again (mined at most once), never a newly signed transaction
          Submission s = Submission.signed(j.id(), tx.hash(), tx.nonce(), tx.rawHex(), now());
          current[0] = store(current[0].state() == JobState.SUBMITTED ? current[0]
              : current[0].to(JobState.SUBMITTED, now()), s);
          sub[0] = s;
          holdForTests();
        });
      } catch (ChainException e) {
        if (!closed) {
          if (sub[0] != null) {
            pending = resend(current[0], sub[0], req, e);
          } else {
            fail(j, null, e.retryable(), "not sent: " + ProofJson.firstLine(e.getMessage()));
          }
        }
        if (pending == null) {
          return;
        }
      }
      if (!pending.sent()) {
        fail(j, null, false, "the chain refuses the proof: " + pending.refused());
        return;
      }
    } else if (sub[0] == null || sub[0].txHash() == null) {
      fail(j, sub[0], true, "SUBMITTED without a stored transaction hash");
      return;
    } else if (sub[0].rawTx() != null) {
      pending = resend(j, sub[0], req, null); // after a restart: the stored bytes again
      if (pending == null) {
        return;
      }
    }
    Receipt r;
    try {
      r = awaitReceipt(sub[0].txHash(), pending, req);
      awaitDepth(r);
    } catch (ChainException e) {
      if (!closed) {
        fail(current[0], sub[0], e.retryable(), "no receipt: " + ProofJson.firstLine(e.getMessage()));
      }
      return;
    }
    if (r.success()) {
      Submission done = sub[0].receipt(r.blockNumber(), r.gasUsed().longValue(), true, null, now());
      scheduler.chainStep(current[0].to(JobState.CONFIRMED, now()), done).get();
    } else {
      String why = String.valueOf(r.revert());
      Submission done = sub[0].receipt(r.blockNumber(), r.gasUsed().longValue(), false, why, now());
      scheduler.chainStep(current[0].ended(JobState.FAILED, false, "reverted on chain: " + why, now()), done).get();
    }
  }

  /** Stores a chain step from inside the chain client's send (a failure there means: do not send). */
  private Job store(Job next, Submission s) throws ChainException {
    try {
      return scheduler.chainStep(next, s).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChainException(ChainException.Kind.TIMEOUT, "interrupted while storing the signed transaction");
    } catch (ExecutionException e) {
      throw new ChainException(ChainException.Kind.UNREACHABLE, "the store refused the signed transaction: "
          + ProofJson.firstLine(String.valueOf(e.getCause().getMessage())));
    }
  }

  /**
   * Sends a stored signed transaction again, as the same bytes, while the node cannot be reached
   * (bounded by the attempts); null when the job was ended FAILED (or the sidecar is closing).
   */
  private Pending resend(Job j, Submission s, SubmitRequest req, ChainException first)
      throws InterruptedException, ExecutionException {
    SignedTx tx = SignedTx.of(s.rawTx(), s.nonce());
    ChainException last = first;
    for (int attempt = first == null ? 1 : 2; attempt <= settings.attempts() && !closed; attempt++) {
      if (last != null) {
        if (!last.retryable()) {
          break;
        }
        pause(attempt - 1);
      }
      try {
        return chain.client().rebroadcast(tx, req.address(), req.calldata());
      } catch (ChainException e) {
        last = e;
      }
    }
    if (!closed && last != null) {
      fail(j, s, last.retryable(), "the signed transaction " + tx.hash() + " was not taken by the node (kept;"
          + " it is never signed again): " + ProofJson.firstLine(last.getMessage()));
    }
    return null;
  }

  /**
   * Test hook ({@code -Dzkml.test.holdAfterSignedStoreMs=N}): waits N ms after the signed
   * transaction is on disk and before it is sent, so that a test can kill the process in exactly
   * that window. Never set in production.
   */
  private void holdForTests() {
    long ms = Long.getLong("zkml.test.holdAfterSignedStoreMs", 0);
    if (ms > 0) {
      log.warn("chain.test_hold", "ms", ms);
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
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
   * Signs, stores through {@code store} and broadcasts, trying again while the node is unreachable
   * but only while nothing is stored (the failure came before signing); once the signed bytes are
   * stored, {@link #resend} takes over.
   */
  private Pending broadcast(SubmitRequest req, SignedTx.Store store) throws ChainException, InterruptedException {
    boolean[] stored = {false};
    SignedTx.Store marking = tx -> {
      store.store(tx);
      stored[0] = true;
    };
    for (int attempt = 1; ; attempt++) {
      try {
        if (closed) {
          throw new ChainException(ChainException.Kind.TIMEOUT, "the sidecar is closing");
        }
        return chain.client().broadcastStored(req.address(), req.calldata(), req.gasLimit(), marking);
      } catch (ChainException e) {
        if (!e.retryable() || stored[0] || attempt >= settings.attempts() || closed) {
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
