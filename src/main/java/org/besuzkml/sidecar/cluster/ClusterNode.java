package org.besuzkml.sidecar.cluster;

import static org.besuzkml.sidecar.cluster.SharedMaps.cf;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.besuzkml.sidecar.jobs.JobChange;
import org.besuzkml.sidecar.jobs.JobScheduler;
import org.besuzkml.sidecar.models.LoadedModel;
import org.besuzkml.sidecar.models.ModelCatalog;
import org.besuzkml.sidecar.models.QuantizedInput;
import org.besuzkml.sidecar.ops.JsonLog;
import org.besuzkml.sidecar.store.Job;
import org.besuzkml.sidecar.store.JobState;
import org.besuzkml.sidecar.store.JobStore;

/**
 * This sidecar as a cluster member: it publishes its jobs to the shared maps, reports its load, and
 * adopts the live jobs of departed members.
 *
 * <p>Failover: a member that leaves (killed or stopped) is seen through Hazelcast's membership
 * listener, and a sweep every second catches any leave the listener missed. For each live job the
 * departed member owned, a survivor that serves the model swaps the {@code zkml.owner} entry from
 * the departed node id to its own (compare-and-set: exactly one survivor wins), stores the job under
 * the same id in its own durable store, and runs it. The dedup entry still names that id, so the
 * key keeps one job.
 */
public final class ClusterNode implements Consumer<JobChange> {
  private final Vertx vertx;
  private final HazelcastClusterManager manager;
  private final SharedMaps maps;
  private final JsonLog log;
  private final String nodeId;
  private final Members members;
  private final Set<String> departed = ConcurrentHashMap.newKeySet();
  private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
  private final AtomicBoolean sweeping = new AtomicBoolean();
  private volatile Set<String> missingLastSweep = Set.of();
  private volatile JobScheduler scheduler;
  private volatile ModelCatalog models;
  private volatile String url;
  private final List<Long> timers = new ArrayList<>();
  /** Hazelcast retries an operation for up to its call timeout (60 s) before it fails. */
  static final int CLAIM_TIMEOUT_S = 90;

  private ClusterNode(Vertx vertx, HazelcastClusterManager manager, JsonLog log) {
    this.vertx = vertx;
    this.manager = manager;
    this.maps = SharedMaps.open(vertx);
    this.log = log;
    this.nodeId = manager.getNodeId();
    this.members = new Members(nodeId);
  }

  /**
   * The cluster manager for these options: TCP-IP join to the seed members on the given interface,
   * multicast and auto-detection off, and failure detection in seconds rather than Hazelcast's
   * default minute, so a killed member's jobs are taken over quickly.
   */
  public static HazelcastClusterManager manager(ClusterOptions o) {
    Config c = ConfigUtil.loadConfig();
    c.setClusterName(o.name());
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.setProperty("hazelcast.shutdownhook.enabled", "false"); // the sidecar's hook leaves the cluster
    c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    c.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
    c.setProperty("hazelcast.socket.bind.any", "false");
    c.setProperty("hazelcast.wait.seconds.before.join", "1");
    c.setProperty("hazelcast.logging.type", "jdk");
    NetworkConfig n = c.getNetworkConfig();
    // a member restarted after a crash binds its port again at once: without SO_REUSEADDR a
    // connection of the killed process left in TIME_WAIT on that port refuses the bind
    n.setPort(o.port()).setPortAutoIncrement(false).setReuseAddress(true);
    n.getInterfaces().setEnabled(true).setInterfaces(List.of(o.host()));
    n.setPublicAddress(o.self());
    JoinConfig j = n.getJoin();
    j.getMulticastConfig().setEnabled(false);
    j.getAutoDetectionConfig().setEnabled(false);
    j.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).setMembers(new ArrayList<>(o.members()));
    return new HazelcastClusterManager(c);
  }

  /** Opens the shared maps of the clustered {@code vertx} built with {@code manager}. */
  public static ClusterNode open(Vertx vertx, HazelcastClusterManager manager, JsonLog log) {
    ClusterNode n = new ClusterNode(vertx, manager, log);
    manager.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent e) {
        log.info("cluster.member_added", "node", vertxId(e), "members", e.getMembers().size());
      }

      @Override
      public void memberRemoved(MembershipEvent e) {
        String gone = vertxId(e);
        if (gone == null) {
          return; // not a sidecar's member (no Vert.x node id): nothing of ours to adopt
        }
        n.departed.add(gone);
        log.info("cluster.member_left", "node", gone, "members", e.getMembers().size());
        vertx.runOnContext(v -> n.sweep());
      }
    });
    return n;
  }

  /** Vert.x names a member by its own node id, kept as a Hazelcast member attribute. */
  private static String vertxId(MembershipEvent e) {
    return e.getMember().getAttribute("__vertx.nodeId");
  }

  public String nodeId() {
    return nodeId;
  }

  Members members() {
    return members;
  }

  SharedMaps maps() {
    return maps;
  }

  boolean alive(String node) {
    return manager.getNodes().contains(node);
  }

  /**
   * Decides, before the scheduler takes them back, which of this store's recovered jobs are still
   * this member's. A live job that another live member adopted while this one was down, or that the
   * cluster has since finished, is ended here (CANCELLED, "moved to ...") so that it is not proved
   * twice; the others are claimed for this node. Proved jobs are published for dedup and getJob.
   * Blocks the starting thread.
   */
  public List<Job> claim(List<Job> recovered, JobStore store, long now) {
    try {
      return claimAll(recovered, store, now);
    } catch (java.util.concurrent.CompletionException e) {
      Throwable c = e.getCause() instanceof java.util.concurrent.TimeoutException ? e.getCause() : e;
      throw new IllegalStateException("the cluster's maps did not answer within " + CLAIM_TIMEOUT_S
          + " s while this member claimed its recovered jobs (" + c + ")", e);
    }
  }

  private List<Job> claimAll(List<Job> recovered, JobStore store, long now) {
    List<Job> out = new ArrayList<>();
    for (Job j : recovered) {
      Job kept = j;
      if (j.state().live()) {
        String other = claimLive(j);
        if (other != null) {
          kept = j.ended(JobState.CANCELLED, false, "moved to cluster member " + other, now);
          store.update(kept);
          log.info("cluster.moved", "job", j.id(), "to", other);
        } else {
          bounded(maps.dedup.putIfAbsent(j.dedupKey(), j.id()));
        }
      } else if (j.state().hasProof()) {
        bounded(maps.dedup.putIfAbsent(j.dedupKey(), j.id()));
        bounded(maps.jobs.putIfAbsent(j.id(), new JobRecord(j, nodeId).encode()));
      }
      out.add(kept);
    }
    return out;
  }

  /** A start that blocks on the cluster's maps fails with a reason rather than hanging. */
  private static <T> T bounded(io.vertx.core.Future<T> f) {
    return cf(f).orTimeout(CLAIM_TIMEOUT_S, java.util.concurrent.TimeUnit.SECONDS).join();
  }

  /** Null when the live job is now this node's, else the member (or state) that has it. */
  private String claimLive(Job j) {
    for (int attempt = 0; attempt < 5; attempt++) {
      String rec = bounded(maps.jobs.get(j.id()));
      if (rec != null) {
        try {
          JobRecord r = JobRecord.decode(rec);
          if (!r.job().state().live()) {
            return r.ownerNode() + " (" + r.job().state() + ")";
          }
        } catch (JobRecord.Malformed e) {
          log.warn("cluster.bad_record", "job", j.id(), "error", e.getMessage());
        }
      }
      String prev = bounded(maps.owner.putIfAbsent(j.id(), nodeId));
      if (prev == null || prev.equals(nodeId)) {
        return null;
      }
      if (alive(prev)) {
        return prev;
      }
      if (bounded(maps.owner.replaceIfPresent(j.id(), prev, nodeId))) {
        return null;
      }
    }
    return "another member";
  }

  /**
   * Publishes the scheduler's jobs from now on (call before it takes back the stored jobs), and
   * shares each proof before it is committed.
   */
  public void attach(JobScheduler s) {
    this.scheduler = s;
    s.addListener(this);
    s.beforeProofStored((j, proof) -> cf(maps.proofs.put(j.id(), proof, SharedMaps.PROOF_TTL_MS))
        .orTimeout(5, java.util.concurrent.TimeUnit.SECONDS));
  }

  /**
   * Starts reporting load and sweeping for orphaned jobs; {@code url} is this member's JSON-RPC
   * endpoint as others reach it.
   */
  public void start(ModelCatalog catalog, String rpcUrl) {
    this.models = catalog;
    this.url = rpcUrl;
    report();
    timers.add(vertx.setPeriodic(250, t -> report()));
    timers.add(vertx.setPeriodic(1000, t -> sweep()));
  }

  /** This node's own report, from the scheduler's live counters. */
  Members.Member self() {
    Set<String> ids = new java.util.TreeSet<>();
    for (LoadedModel m : models.all()) {
      ids.add(m.id());
    }
    JobScheduler s = scheduler;
    return new Members.Member(nodeId, url, s.queueDepth(), s.running(), s.workers(), ids, System.currentTimeMillis());
  }

  private void report() {
    cf(maps.members.put(nodeId, self().encode(), SharedMaps.MEMBER_TTL_MS))
        .thenCompose(v -> cf(maps.members.entries()))
        .whenComplete((entries, err) -> {
          if (err == null) {
            members.update(entries, manager.getNodes());
          }
        });
  }

  /** Publishes this node's job changes, in order per job (ACCEPTED also claims ownership). */
  @Override
  public void accept(JobChange c) {
    if (c.kind() != JobChange.Kind.STATE) {
      return;
    }
    Job j = c.job();
    chain(j.id(), () -> publish(j));
  }

  /** Completes once everything published so far about the job is in the maps. */
  CompletableFuture<Void> published(String jobId) {
    CompletableFuture<Void> t = tails.get(jobId);
    return t == null ? CompletableFuture.completedFuture(null) : t.handle((v, e) -> null);
  }

  private void chain(String id, Supplier<CompletableFuture<Void>> step) {
    CompletableFuture<Void> next = tails.compute(id, (k, prev) -> (prev == null
        ? CompletableFuture.<Void>completedFuture(null) : prev.handle((v, e) -> (Void) null)).thenCompose(v -> step.get()));
    next.whenComplete((v, err) -> {
      if (err != null) {
        log.warn("cluster.publish_failed", "job", id, "error", String.valueOf(err.getMessage()));
      }
    });
  }

  private CompletableFuture<Void> publish(Job j) {
    String rec = new JobRecord(j, nodeId).encode();
    JobState s = j.state();
    if (s == JobState.ACCEPTED) {
      return cf(maps.owner.put(j.id(), nodeId)).thenCompose(v -> cf(maps.jobs.put(j.id(), rec)));
    }
    if (s.live()) {
      return cf(maps.jobs.put(j.id(), rec));
    }
    CompletableFuture<Void> done;
    if (s.hasProof()) { // the proof first: whoever reads PROVED finds it
      done = scheduler.proof(j.id()).thenCompose(p -> p.isPresent()
          ? cf(maps.proofs.put(j.id(), p.get(), SharedMaps.PROOF_TTL_MS)) : CompletableFuture.completedFuture(null))
          .thenCompose(v -> cf(maps.jobs.put(j.id(), rec)));
    } else { // FAILED, CANCELLED, EXPIRED: the key is free again, as on one node
      done = cf(maps.jobs.put(j.id(), rec)).thenCompose(v -> cf(maps.dedup.removeIfPresent(j.dedupKey(), j.id())))
          .thenApply(b -> (Void) null);
    }
    return done.thenCompose(v -> cf(maps.owner.removeIfPresent(j.id(), nodeId))).thenApply(b -> {
      tails.remove(j.id());
      return (Void) null;
    });
  }

  /**
   * Adopts the live jobs whose owner is gone: named by the membership listener, or missing from the
   * member list in two sweeps in a row (a leave that the listener did not report).
   */
  void sweep() {
    if (url == null || !sweeping.compareAndSet(false, true)) {
      return;
    }
    Set<String> alive = new HashSet<>(manager.getNodes());
    cf(maps.owner.entries()).thenCompose(entries -> {
      Set<String> missing = new HashSet<>();
      List<Map.Entry<String, String>> orphans = new ArrayList<>();
      for (Map.Entry<String, String> e : entries.entrySet()) {
        String node = e.getValue();
        if (alive.contains(node)) {
          continue;
        }
        missing.add(node);
        if (departed.contains(node) || missingLastSweep.contains(node)) {
          orphans.add(e);
        }
      }
      missingLastSweep = missing;
      Collections.shuffle(orphans); // survivors sweeping at once start on different jobs
      CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
      for (Map.Entry<String, String> e : orphans) {
        all = all.thenCompose(v -> adopt(e.getKey(), e.getValue()).exceptionally(err -> {
          log.warn("cluster.adopt_failed", "job", e.getKey(), "error", String.valueOf(err.getMessage()));
          return null;
        }));
      }
      return all;
    }).whenComplete((v, err) -> sweeping.set(false));
  }

  private CompletableFuture<Void> adopt(String id, String deadNode) {
    return cf(maps.jobs.get(id)).thenCompose(s -> {
      JobRecord r;
      try {
        r = s == null ? null : JobRecord.decode(s);
      } catch (JobRecord.Malformed e) {
        log.warn("cluster.bad_record", "job", id, "error", e.getMessage());
        return CompletableFuture.completedFuture(null);
      }
      if (r == null || !r.job().state().live()) {
        return cf(maps.owner.removeIfPresent(id, deadNode)).thenApply(b -> (Void) null);
      }
      Optional<LoadedModel> m = models.find(r.job().model());
      if (m.isEmpty()) {
        return CompletableFuture.completedFuture(null); // a member that serves the model takes it
      }
      return cf(maps.owner.replaceIfPresent(id, deadNode, nodeId)).thenCompose(won -> !won
          ? CompletableFuture.completedFuture(null)
          : cf(maps.proofs.get(id)).thenCompose(proof -> proof != null ? adoptProof(r.job(), proof, deadNode)
              : rerun(r.job(), m.get(), deadNode)));
    });
  }

  /** The departed member had made the proof (shared before its commit): store it here, no second run. */
  private CompletableFuture<Void> adoptProof(Job j, String proof, String deadNode) {
    long now = System.currentTimeMillis();
    Job proved = new Job(j.id(), j.model(), j.dedupKey(), j.idempotencyKey(), j.submit(), j.input(), JobState.PROVED,
        false, null, j.createdMs(), now, j.startedMs() > 0 ? j.startedMs() : now, now, j.deadlineMs(), j.attempts());
    log.info("cluster.adopting_proof", "job", j.id(), "from", deadNode);
    return scheduler.adoptProved(proved, proof).thenAccept(x -> log.info("cluster.adopted", "job", j.id(),
        "state", x.state().name(), "deduplicated", false));
  }

  /** The departed member's job runs again here, under the same id. */
  private CompletableFuture<Void> rerun(Job j, LoadedModel model, String deadNode) {
    long now = System.currentTimeMillis();
    long left = j.deadlineMs() > 0 ? Math.max(1000, j.deadlineMs() - now) : 0;
    var req = new JobScheduler.Request(model, QuantizedInput.fromJson(j.input()), j.idempotencyKey(), j.submit(),
        left);
    log.info("cluster.adopting", "job", j.id(), "from", deadNode, "was", j.state().name());
    return scheduler.request(req, j.id(), true).thenAccept(a -> log.info("cluster.adopted", "job", j.id(),
        "state", a.job().state().name(), "deduplicated", a.deduplicated()));
  }

  /** Stops the timers (the caller then closes Vert.x, which leaves the cluster). */
  public void close() {
    timers.forEach(vertx::cancelTimer);
  }
}
