package org.besuzkml.sidecar.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.proof.ProofJson;
import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.verify.VerifyResult;
import org.besuzkml.sidecar.jobs.JobEvents;
import org.besuzkml.sidecar.jobs.JobScheduler;
import org.besuzkml.sidecar.models.InvalidInput;
import org.besuzkml.sidecar.models.LoadedModel;
import org.besuzkml.sidecar.models.ModelCatalog;
import org.besuzkml.sidecar.models.QuantizedInput;
import org.besuzkml.sidecar.ops.CancelTokens;
import org.besuzkml.sidecar.store.Job;
import org.besuzkml.sidecar.store.JobState;

/**
 * The zkml_* methods. Each validates its params on the calling thread (cheap, bounded by the
 * request size limit) and hands anything slow to the scheduler, the store or the verify executor.
 */
public final class ZkmlMethods {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final ModelCatalog models;
  private final JobScheduler scheduler;
  private final CancelTokens cancelTokens;
  private final Executor verifyPool;
  private final Executor adminPool;
  private final long defaultTimeoutMs;
  private final org.besuzkml.sidecar.status.RecentJobs recent = new org.besuzkml.sidecar.status.RecentJobs(50);
  private final boolean chainConfigured;
  private volatile Front front;

  /**
   * The cluster's side of the methods (org.besuzkml.sidecar.cluster): it routes new requests to a
   * member, and answers for jobs that another member holds. Without one the node is alone.
   */
  public interface Front {
    /** A validated request, deduplicated cluster-wide and stored by some member: the requestProof answer. */
    CompletableFuture<JsonNode> request(JobScheduler.Request r);

    /** A job another member holds (its view from the shared record, and its proof if shared), else null. */
    CompletableFuture<Remote> remote(String jobId);

    /** Calls a method on another member (its JSON-RPC URL): the result, or the member's RpcError. */
    CompletableFuture<JsonNode> call(String url, String method, JsonNode params);

    /** zkml_clusterAccept: a member hands this one a job it named (params as {@link #acceptParams}). */
    CompletableFuture<JsonNode> accept(JsonNode params) throws RpcError;

    /** zkml_cluster: this member and the members it sees. */
    JsonNode describe();
  }

  /** A job held by another member: {@code proofJson} null when not shared (then ask {@code ownerUrl}). */
  public record Remote(JobScheduler.View view, String proofJson, String ownerUrl, boolean ownerAlive) {}

  /** Joins the cluster: from now on requests are routed and other members' jobs answered. */
  public void withCluster(Front f) {
    this.front = f;
  }

  public ZkmlMethods(ModelCatalog models, JobScheduler scheduler, CancelTokens cancelTokens, Executor verifyPool,
      Executor adminPool, long defaultTimeoutMs) {
    this(models, scheduler, cancelTokens, verifyPool, adminPool, defaultTimeoutMs, false);
  }

  /**
   * {@code adminPool} loads models added at run time (slow: pk.bzkk and a warm-up proof);
   * {@code chainConfigured} false refuses {@code submit: true}.
   */
  public ZkmlMethods(ModelCatalog models, JobScheduler scheduler, CancelTokens cancelTokens, Executor verifyPool,
      Executor adminPool, long defaultTimeoutMs, boolean chainConfigured) {
    this.chainConfigured = chainConfigured;
    this.models = models;
    this.scheduler = scheduler;
    this.cancelTokens = cancelTokens;
    this.verifyPool = verifyPool;
    this.adminPool = adminPool;
    this.defaultTimeoutMs = defaultTimeoutMs;
    if (scheduler != null) { // null only where a test reads the method table
      scheduler.addListener(recent);
    }
  }

  /** The method table (OpenRPC's docs/sidecar.openrpc.json lists the same names). */
  public Map<String, RpcDispatcher.Method> table() {
    Map<String, RpcDispatcher.Method> t = new LinkedHashMap<>();
    t.put("zkml_models", (p, c) -> CompletableFuture.completedFuture(models()));
    t.put("zkml_requestProof", this::requestProof);
    t.put("zkml_getJob", this::getJob);
    t.put("zkml_cancel", this::cancel);
    t.put("zkml_verify", this::verify);
    t.put("zkml_addModel", this::addModel);
    t.put("zkml_removeModel", this::removeModel);
    t.put("zkml_status", new org.besuzkml.sidecar.status.StatusMethod(scheduler, recent));
    t.put("zkml_cluster", (p, c) -> CompletableFuture.completedFuture(front == null
        ? F.objectNode().put("clustered", false) : front.describe()));
    t.put("zkml_clusterAccept", (p, c) -> {
      Front f = front;
      if (f == null) {
        throw new RpcError(RpcError.INVALID_PARAMS, "zkml_clusterAccept: this sidecar is not in a cluster");
      }
      return f.accept(p);
    });
    return t;
  }

  /** A named (object) or positional (array) parameter; null when absent. */
  static JsonNode param(JsonNode params, int index, String name) {
    if (params == null) {
      return null;
    }
    JsonNode v = params.isArray() ? params.get(index) : params.get(name);
    return v == null || v.isNull() ? null : v;
  }

  static String text(JsonNode params, int index, String name, boolean required) throws RpcError {
    JsonNode v = param(params, index, name);
    if (v == null) {
      if (required) {
        throw new RpcError(RpcError.INVALID_PARAMS, "missing parameter " + name);
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new RpcError(RpcError.INVALID_PARAMS, "parameter " + name + " must be a string");
    }
    return v.asText();
  }

  private JsonNode models() {
    ArrayNode a = F.arrayNode();
    for (LoadedModel m : models.all()) {
      ObjectNode o = a.addObject().put("id", m.id()).put("name", m.name()).put("vkHash", m.id())
          .put("vkBytes", m.pk().vk().bytes().length).put("nBin", m.pk().vk().nBin())
          .put("devSrs", m.pk().vk().dev()).put("timeoutMs", m.timeoutMs())
          .put("warmProveMs", Math.round(m.warmProveMs() * 10) / 10.0)
          .put("proofBytesAllocated", m.proofBytesAllocated());
      tensors(o.putArray("inputs"), m.inputs());
      tensors(o.putArray("outputs"), m.outputs());
    }
    return a;
  }

  private static void tensors(ArrayNode a, java.util.List<LoadedModel.Tensor> ts) {
    for (LoadedModel.Tensor t : ts) {
      ObjectNode o = a.addObject().put("name", t.name()).put("scale", t.scale());
      ArrayNode s = o.putArray("shape");
      for (int d : t.shape()) {
        s.add(d);
      }
    }
  }

  private CompletableFuture<JsonNode> requestProof(JsonNode params, RpcDispatcher.Caller caller) throws RpcError {
    JsonNode req = params == null ? null : params.isArray() ? params.get(0) : params;
    if (req == null || !req.isObject()) {
      throw new RpcError(RpcError.INVALID_PARAMS, "params must be {model, input, idempotencyKey?, submit?, timeoutMs?}");
    }
    for (var it = req.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!java.util.Set.of("model", "input", "idempotencyKey", "submit", "timeoutMs").contains(f)) {
        throw new RpcError(RpcError.INVALID_PARAMS, "unknown parameter " + f);
      }
    }
    String name = text(req, -1, "model", true);
    LoadedModel m = models.find(name)
        .orElseThrow(() -> new RpcError(RpcError.INVALID_PARAMS, "unknown model " + name));
    QuantizedInput in;
    try {
      in = QuantizedInput.decode(req.get("input"), m);
    } catch (InvalidInput e) {
      throw new RpcError(RpcError.INVALID_PARAMS, e.getMessage());
    }
    String idem = text(req, -1, "idempotencyKey", false);
    if (idem != null && (idem.isEmpty() || idem.length() > 128)) {
      throw new RpcError(RpcError.INVALID_PARAMS, "idempotencyKey must hold 1 to 128 characters");
    }
    JsonNode submit = req.get("submit");
    if (submit != null && !submit.isBoolean()) {
      throw new RpcError(RpcError.INVALID_PARAMS, "submit must be true or false");
    }
    if (submit != null && submit.asBoolean() && !chainConfigured) {
      throw new RpcError(RpcError.INVALID_PARAMS, "submit: true needs chain submission, which this sidecar does not"
          + " have (start it with --chain-rpc)");
    }
    JsonNode timeout = req.get("timeoutMs");
    if (timeout != null && (!timeout.canConvertToLong() || !timeout.isIntegralNumber() || timeout.asLong() < 1)) {
      throw new RpcError(RpcError.INVALID_PARAMS, "timeoutMs must be a positive integer");
    }
    var r = new JobScheduler.Request(m, in, idem, submit != null && submit.asBoolean(),
        timeout == null ? 0 : timeout.asLong());
    Front f = front;
    return f != null ? f.request(r) : acceptLocally(r, null);
  }

  /**
   * Stores the request on this node (as the job {@code jobId}, or a fresh id when null; a cluster
   * adoption passes {@code adopted}) and gives the requestProof answer, with a cancelToken when new.
   */
  public CompletableFuture<JsonNode> acceptLocally(JobScheduler.Request r, String jobId) {
    CompletableFuture<JobScheduler.Accepted> a = jobId == null ? scheduler.request(r)
        : scheduler.request(r, jobId, false);
    return a.handle((x, err) -> answer(x, err));
  }

  private JsonNode answer(JobScheduler.Accepted a, Throwable err) {
    if (err != null) {
      throw new CompletionException(translate(err));
    }
    ObjectNode o = F.objectNode().put("jobId", a.job().id()).put("state", a.job().state().name())
        .put("deduplicated", a.deduplicated()).put("submit", a.job().submit());
    if (!a.deduplicated()) {
      o.put("cancelToken", cancelTokens.token(a.job().id()));
    }
    return o;
  }

  /** The params of zkml_clusterAccept for a request named {@code jobId}. */
  public static ObjectNode acceptParams(JobScheduler.Request r, String jobId) {
    ObjectNode o = F.objectNode().put("jobId", jobId).put("model", r.model().id())
        .put("input", r.input().toJson()).put("submit", r.submit()).put("timeoutMs", r.timeoutMs());
    if (r.idempotencyKey() != null) {
      o.put("idempotencyKey", r.idempotencyKey());
    }
    return o;
  }

  private static Throwable translate(Throwable err) {
    Throwable c = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
    if (c instanceof JobScheduler.QueueFull q) {
      return new RpcError(RpcError.QUEUE_FULL, q.getMessage(), F.objectNode().put("retryAfterMs", q.retryAfterMs()));
    }
    if (c instanceof JobScheduler.Conflict k) {
      return new RpcError(RpcError.IDEMPOTENCY_CONFLICT, k.getMessage());
    }
    return c;
  }

  private CompletableFuture<JsonNode> getJob(JsonNode params, RpcDispatcher.Caller caller) throws RpcError {
    String id = text(params, 0, "jobId", true);
    Front f = front;
    if (f == null) {
      return localJob(id);
    }
    return f.remote(id).thenCompose(r -> {
      if (r == null) {
        return localJob(id);
      }
      if (r.view().job().state().hasProof() && r.proofJson() == null) {
        return f.call(r.ownerUrl(), "zkml_getJob", F.arrayNode().add(id)); // the proof is on its member only
      }
      ObjectNode o = describe(r.view()).put("member", r.ownerUrl());
      if (r.proofJson() != null) {
        o.putRawValue("proof", new RawValue(r.proofJson()));
      }
      return CompletableFuture.completedFuture(o);
    });
  }

  private CompletableFuture<JsonNode> localJob(String id) {
    return scheduler.find(id).thenCompose(found -> {
      JobScheduler.View v = found.orElseThrow(() -> new CompletionException(
          new RpcError(RpcError.UNKNOWN_JOB, "unknown job " + id)));
      ObjectNode o = describe(v);
      JobState s = v.job().state();
      CompletableFuture<ObjectNode> withChain = !v.job().submit() || s.live() || s == JobState.PROVED
          ? CompletableFuture.completedFuture(o)
          : scheduler.submission(id).thenApply(sub -> {
            sub.ifPresent(x -> JobEvents.putChain(o, x));
            return o;
          });
      if (!s.hasProof()) {
        return withChain.thenApply(x -> (JsonNode) x);
      }
      return withChain.thenCompose(x -> scheduler.proof(id)).thenApply(p -> {
        p.ifPresent(json -> o.putRawValue("proof", new RawValue(json)));
        return (JsonNode) o;
      });
    });
  }

  static ObjectNode describe(JobScheduler.View v) {
    Job j = v.job();
    ObjectNode o = F.objectNode().put("jobId", j.id()).put("model", j.model()).put("state", j.state().name())
        .put("progress", v.progress()).put("attempts", j.attempts()).put("submit", j.submit());
    if (v.phase() != null) {
      o.put("phase", v.phase());
    }
    if (j.error() != null) {
      o.put("error", j.error()).put("retryable", j.retryable());
    }
    if (v.cancelRequested()) {
      o.put("cancelRequested", true);
    }
    ObjectNode t = o.putObject("timings").put("createdMs", j.createdMs()).put("deadlineMs", j.deadlineMs());
    if (j.startedMs() > 0) {
      t.put("startedMs", j.startedMs()).put("queuedMs", j.startedMs() - j.createdMs());
    }
    if (j.finishedMs() > 0) {
      t.put("finishedMs", j.finishedMs());
      if (j.startedMs() > 0 && j.state().hasProof()) {
        t.put("provingMs", j.finishedMs() - j.startedMs());
      }
    }
    return o;
  }

  private CompletableFuture<JsonNode> cancel(JsonNode params, RpcDispatcher.Caller caller) throws RpcError {
    String id = text(params, 0, "jobId", true);
    String token = text(params, 1, "cancelToken", false);
    Front f = front;
    if (f == null) {
      return localCancel(id, token, caller);
    }
    return f.remote(id).thenCompose(rm -> {
      if (rm == null) {
        return localCancel(id, token, caller);
      }
      if (!rm.ownerAlive() || !rm.view().job().state().live()) {
        return CompletableFuture.completedFuture(cancelled(id, false, rm.view().job().state().name()));
      }
      return f.call(rm.ownerUrl(), "zkml_cancel", params); // the member that runs it checks the token
    });
  }

  private CompletableFuture<JsonNode> localCancel(String id, String token, RpcDispatcher.Caller caller) {
    if (!caller.admin() && !cancelTokens.matches(id, token)) {
      return CompletableFuture.failedFuture(new RpcError(RpcError.UNAUTHORIZED,
          "cancelling needs the job's cancelToken (from the request that created it) or the admin token"));
    }
    var r = scheduler.cancel(id);
    if (r.isPresent()) {
      return CompletableFuture.completedFuture(cancelled(id, r.get().cancelled(), r.get().job().state().name()));
    }
    // not in memory: a finished job (nothing to cancel) or none at all
    return scheduler.find(id).thenApply(v -> cancelled(id, false, v.orElseThrow(() -> new CompletionException(
        new RpcError(RpcError.UNKNOWN_JOB, "unknown job " + id))).job().state().name()));
  }

  private static JsonNode cancelled(String id, boolean cancelled, String state) {
    return F.objectNode().put("jobId", id).put("cancelled", cancelled).put("state", state);
  }

  private static void requireAdmin(RpcDispatcher.Caller caller, String what) throws RpcError {
    if (!caller.admin()) {
      throw new RpcError(RpcError.UNAUTHORIZED, what + " is an operator method: it needs the admin token");
    }
  }

  private CompletableFuture<JsonNode> addModel(JsonNode params, RpcDispatcher.Caller caller) throws RpcError {
    requireAdmin(caller, "zkml_addModel");
    String dir = text(params, 0, "dir", true);
    return CompletableFuture.supplyAsync(() -> {
      try {
        LoadedModel m = ModelCatalog.load(java.nio.file.Path.of(dir), defaultTimeoutMs);
        models.add(m);
        scheduler.modelAdded(m.id());
        return (JsonNode) F.objectNode().put("id", m.id()).put("name", m.name());
      } catch (org.besuzkml.proof.ModelFiles.FileException | java.nio.file.InvalidPathException e) {
        throw new CompletionException(new RpcError(RpcError.INVALID_PARAMS, e.getMessage()));
      }
    }, adminPool);
  }

  private CompletableFuture<JsonNode> removeModel(JsonNode params, RpcDispatcher.Caller caller) throws RpcError {
    requireAdmin(caller, "zkml_removeModel");
    String name = text(params, 0, "model", true);
    LoadedModel m = models.find(name)
        .orElseThrow(() -> new RpcError(RpcError.INVALID_PARAMS, "unknown model " + name));
    long live = scheduler.liveJobs(m.id());
    if (live > 0) {
      throw new RpcError(RpcError.INVALID_PARAMS, "model " + m.name() + " has " + live
          + " jobs waiting or proving: cancel them or wait");
    }
    models.remove(m.id());
    return CompletableFuture.completedFuture(F.objectNode().put("id", m.id()).put("name", m.name())
        .put("removed", true));
  }

  private CompletableFuture<JsonNode> verify(JsonNode params, RpcDispatcher.Caller caller) throws RpcError {
    JsonNode proof = param(params, 0, "proof");
    if (proof == null || !(proof.isObject() || proof.isTextual())) {
      throw new RpcError(RpcError.INVALID_PARAMS, "params must be [proofJson]: the object `prove` writes");
    }
    String text = proof.isTextual() ? proof.asText() : proof.toString();
    String modelId = proof.isObject() ? proof.path("model").asText("") : null;
    if (modelId == null) {
      try {
        modelId = RpcDispatcher.JSON.readTree(text).path("model").asText("");
      } catch (java.io.IOException e) {
        throw new RpcError(RpcError.INVALID_PARAMS, "proof is not JSON: " + RpcError.oneLine(e.getMessage()));
      }
    }
    String id = modelId;
    LoadedModel m = models.find(id).filter(x -> x.id().equalsIgnoreCase(id))
        .orElseThrow(() -> new RpcError(RpcError.INVALID_PARAMS, "unknown model " + id));
    VerifyingKey vk = m.pk().vk();
    ProofJson.Parsed parsed;
    try {
      parsed = ProofJson.parse(text, "proof", vk);
    } catch (ProofJson.Malformed | ProofJson.WrongModel e) {
      throw new RpcError(RpcError.INVALID_PARAMS, e.getMessage());
    }
    return CompletableFuture.supplyAsync(() -> {
      long t0 = System.nanoTime();
      VerifyResult r = Verifier.verify(vk, parsed.statement(), parsed.proof(), Verifier.SrsPolicy.ALLOW_DEV);
      ObjectNode o = F.objectNode().put("valid", r.valid()).put("model", m.id())
          .put("verifyMs", Math.round((System.nanoTime() - t0) / 1e4) / 100.0);
      if (r.valid()) {
        o.putNull("reason");
      } else {
        o.put("reason", r.reason());
      }
      if (vk.dev()) {
        o.put("warning", "this model's key uses the INSECURE development SRS: anyone can forge its proofs");
      }
      return (JsonNode) o;
    }, verifyPool);
  }
}
