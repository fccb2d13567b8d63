package org.besuzkml.sidecar.cluster;

import static org.besuzkml.sidecar.cluster.SharedMaps.cf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.besuzkml.sidecar.jobs.JobScheduler;
import org.besuzkml.sidecar.models.LoadedModel;
import org.besuzkml.sidecar.models.ModelCatalog;
import org.besuzkml.sidecar.models.QuantizedInput;
import org.besuzkml.sidecar.ops.JsonLog;
import org.besuzkml.sidecar.rpc.RpcError;
import org.besuzkml.sidecar.rpc.ZkmlMethods;

/**
 * The cluster's answers to the zkml_* methods.
 *
 * <p>A request: its dedup key is looked up in {@code zkml.dedup}; a live or proved job there is the
 * answer ({@code deduplicated: true}). Otherwise this member names a new job id and claims the key
 * with putIfAbsent (a concurrent claimant loses and joins the winner's job), then hands the job to
 * the least-loaded member serving the model (itself on a tie) over zkml_clusterAccept. That member
 * stores it durably and publishes it before it answers, so the id a client gets is on disk and
 * known cluster-wide. If the chosen member does not answer, this member stores the job itself.
 */
public final class Router implements ZkmlMethods.Front {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  /** How long a request waits for a claimed key's job to be published before taking the key over. */
  static final long CLAIM_WAIT_MS = 5_000;

  private final ClusterNode node;
  private final ModelCatalog models;
  private final ZkmlMethods methods;
  private final JsonLog log;
  private final PeerRpc peers = new PeerRpc(Duration.ofSeconds(10));
  private final Vertx vertx;

  public Router(ClusterNode node, ModelCatalog models, ZkmlMethods methods, Vertx vertx, JsonLog log) {
    this.node = node;
    this.models = models;
    this.methods = methods;
    this.vertx = vertx;
    this.log = log;
  }

  @Override
  public CompletableFuture<JsonNode> request(JobScheduler.Request r) {
    return route(r, r.input().dedupKey(r.model()), 0);
  }

  private CompletableFuture<JsonNode> route(JobScheduler.Request r, String key, int round) {
    if (round > 3) {
      return CompletableFuture.failedFuture(new RpcError(RpcError.INTERNAL,
          "the cluster's dedup entry for this input kept changing; retry"));
    }
    SharedMaps m = node.maps();
    return cf(m.dedup.get(key)).thenCompose(existing -> {
      if (existing != null) {
        return join(r, key, existing, round, System.currentTimeMillis() + CLAIM_WAIT_MS);
      }
      String id = UUID.randomUUID().toString();
      return cf(m.dedup.putIfAbsent(key, id)).thenCompose(prev -> prev != null
          ? join(r, key, prev, round, System.currentTimeMillis() + CLAIM_WAIT_MS) : place(r, key, id));
    });
  }

  /** The job another request claimed the key for: its answer once it is published. */
  private CompletableFuture<JsonNode> join(JobScheduler.Request r, String key, String id, int round, long until) {
    SharedMaps m = node.maps();
    return cf(m.jobs.get(id)).thenCompose(s -> {
      if (s != null) {
        JobRecord rec;
        try {
          rec = JobRecord.decode(s);
        } catch (JobRecord.Malformed e) {
          throw new CompletionException(new RpcError(RpcError.INTERNAL, e.getMessage()));
        }
        if (rec.job().state().live() || rec.job().state().hasProof()) {
          return CompletableFuture.completedFuture((JsonNode) F.objectNode().put("jobId", id)
              .put("state", rec.job().state().name()).put("deduplicated", true).put("submit", rec.job().submit()));
        }
        // it failed, was cancelled or expired: a new request starts afresh, as on one node
        return cf(m.dedup.removeIfPresent(key, id)).thenCompose(b -> route(r, key, round + 1));
      }
      if (System.currentTimeMillis() > until) { // its claimant died between the claim and the store
        log.warn("cluster.claim_abandoned", "job", id);
        return cf(m.dedup.removeIfPresent(key, id)).thenCompose(b -> route(r, key, round + 1));
      }
      CompletableFuture<Void> later = new CompletableFuture<>();
      vertx.setTimer(50, t -> later.complete(null));
      return later.thenCompose(v -> join(r, key, id, round, until));
    });
  }

  /** Stores the claimed job {@code id} on the least-loaded member; frees the key if that fails. */
  private CompletableFuture<JsonNode> place(JobScheduler.Request r, String key, String id) {
    Members.Member target = node.members().place(r.model().id(), node.self());
    CompletableFuture<JsonNode> stored = target.node().equals(node.nodeId()) ? acceptHere(r, id)
        : peers.call(target.url(), "zkml_clusterAccept", ZkmlMethods.acceptParams(r, id))
            .exceptionallyCompose(err -> {
              Throwable c = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
              if (c instanceof PeerRpc.Unreachable) {
                log.warn("cluster.handoff_failed", "job", id, "member", target.url(), "error", c.getMessage());
                return acceptHere(r, id);
              }
              return CompletableFuture.failedFuture(c);
            });
    return stored.handle((ans, err) -> {
      if (err != null) {
        cf(node.maps().dedup.removeIfPresent(key, id));
        throw err instanceof CompletionException ce ? ce : new CompletionException(err);
      }
      String got = ans.path("jobId").asText();
      if (!got.equals(id)) { // the member already had a job for this input: the key names that one
        cf(node.maps().dedup.replaceIfPresent(key, id, got));
      }
      return ans;
    });
  }

  /** Stores the job here and answers once its record and ownership are in the shared maps. */
  private CompletableFuture<JsonNode> acceptHere(JobScheduler.Request r, String id) {
    return methods.acceptLocally(r, id).thenCompose(ans -> node.published(ans.path("jobId").asText())
        .thenApply(v -> ans));
  }

  @Override
  public CompletableFuture<JsonNode> accept(JsonNode p) throws RpcError {
    if (p == null || !p.isObject()) {
      throw new RpcError(RpcError.INVALID_PARAMS, "zkml_clusterAccept params must be an object");
    }
    String id = p.path("jobId").asText("");
    String model = p.path("model").asText("");
    LoadedModel m = models.find(model).filter(x -> x.id().equals(model))
        .orElseThrow(() -> new RpcError(RpcError.INVALID_PARAMS, "unknown model " + model));
    QuantizedInput in;
    try {
      in = QuantizedInput.fromJson(p.path("input").asText("null"));
    } catch (RuntimeException e) {
      throw new RpcError(RpcError.INVALID_PARAMS, "zkml_clusterAccept: input is not a quantized input");
    }
    if (in.dedupKey(m) == null || !p.path("submit").isBoolean()) {
      throw new RpcError(RpcError.INVALID_PARAMS, "zkml_clusterAccept: bad params");
    }
    JsonNode idem = p.get("idempotencyKey");
    var r = new JobScheduler.Request(m, in, idem == null || idem.isNull() ? null : idem.asText(),
        p.path("submit").asBoolean(), Math.max(0, p.path("timeoutMs").asLong()));
    String key = in.dedupKey(m);
    // only a job whose key a member claimed for this id: a stray call cannot plant jobs or ids
    return cf(node.maps().dedup.get(key)).thenCompose(claimed -> {
      if (!id.equals(claimed)) {
        return CompletableFuture.failedFuture(new RpcError(RpcError.INVALID_PARAMS,
            "zkml_clusterAccept: job " + id + " is not the cluster's claim for this input"));
      }
      return acceptHere(r, id);
    });
  }

  @Override
  public CompletableFuture<ZkmlMethods.Remote> remote(String jobId) {
    SharedMaps m = node.maps();
    return cf(m.jobs.get(jobId)).thenCompose(s -> {
      if (s == null) {
        return CompletableFuture.completedFuture(null);
      }
      JobRecord r;
      try {
        r = JobRecord.decode(s);
      } catch (JobRecord.Malformed e) {
        return CompletableFuture.completedFuture(null);
      }
      if (r.ownerNode().equals(node.nodeId())) {
        return CompletableFuture.completedFuture(null); // this node's own: its scheduler knows more
      }
      Members.Member owner = node.members().get(r.ownerNode());
      String url = owner == null ? null : owner.url();
      boolean alive = node.alive(r.ownerNode());
      var view = new JobScheduler.View(r.job(), null, r.job().state().hasProof() ? 1 : 0, false);
      if (!r.job().state().hasProof()) {
        return CompletableFuture.completedFuture(new ZkmlMethods.Remote(view, null, url, alive));
      }
      return cf(m.proofs.get(jobId)).thenApply(p -> new ZkmlMethods.Remote(view, p, url, alive));
    });
  }

  @Override
  public CompletableFuture<JsonNode> call(String url, String method, JsonNode params) {
    if (url == null) {
      return CompletableFuture.failedFuture(new RpcError(RpcError.UNKNOWN_JOB,
          "the cluster member that holds this job is not reachable"));
    }
    return peers.call(url, method, params).exceptionallyCompose(err -> {
      Throwable c = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
      return CompletableFuture.failedFuture(c instanceof PeerRpc.Unreachable
          ? new RpcError(RpcError.UNKNOWN_JOB, c.getMessage()) : c);
    }).orTimeout(15, TimeUnit.SECONDS);
  }

  @Override
  public JsonNode describe() {
    ObjectNode o = F.objectNode().put("clustered", true).put("nodeId", node.nodeId());
    ArrayNode a = o.putArray("members");
    node.members().all().stream().sorted(Comparator.comparing(Members.Member::node)).forEach(x -> a.addObject()
        .put("nodeId", x.node()).put("url", x.url()).put("waiting", x.waiting()).put("running", x.running())
        .put("workers", x.workers()).put("self", x.node().equals(node.nodeId())));
    return o;
  }
}
