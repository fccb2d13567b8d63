package org.besuzkml.sidecar;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.besuzkml.proof.ModelFiles;
import org.besuzkml.sidecar.cluster.ClusterNode;
import org.besuzkml.sidecar.cluster.ClusterOptions;
import org.besuzkml.sidecar.cluster.Router;
import org.besuzkml.sidecar.jobs.JobEvents;
import org.besuzkml.sidecar.jobs.JobScheduler;
import org.besuzkml.sidecar.jobs.PoolSizing;
import org.besuzkml.sidecar.models.LoadedModel;
import org.besuzkml.sidecar.models.ModelCatalog;
import org.besuzkml.sidecar.ops.AdminToken;
import org.besuzkml.sidecar.ops.CancelTokens;
import org.besuzkml.sidecar.ops.JsonLog;
import org.besuzkml.sidecar.ops.SidecarMetrics;
import org.besuzkml.sidecar.rpc.HttpApi;
import org.besuzkml.sidecar.rpc.HttpVerticle;
import org.besuzkml.sidecar.rpc.RpcDispatcher;
import org.besuzkml.sidecar.rpc.ZkmlMethods;
import org.besuzkml.sidecar.store.SqliteJobStore;
import org.besuzkml.sidecar.submit.ChainSubmissions;
import org.besuzkml.sidecar.submit.ChainSettings;

/**
 * One sidecar node: opens the store under the data directory, loads the models, takes back the
 * stored jobs, starts the proving pool, then serves HTTP. {@link #start} returns once the port is
 * bound and the node is ready; {@link #close} stops serving, lets running proofs finish and closes
 * the store.
 */
public final class Sidecar implements AutoCloseable {
  /** The job store's file under the data directory. */
  public static final String DB = "jobs.sqlite";

  /**
   * Settings. {@code workers} 0 means the number of cores; {@code onBlockedThread}, when set,
   * replaces Vert.x's blocked-thread warning (tests use it with a short {@code blockedCheckMs}).
   */
  public record Options(List<Path> modelDirs, Path dataDir, String host, int port, int workers, int queueLimit,
      Path adminTokenFile, long timeoutMs, long maxRequestBytes, int maxBatch, long groupCommitLingerMs,
      long blockedCheckMs, long maxEventLoopMs, Consumer<String> onBlockedThread, ChainSettings chain,
      ClusterOptions cluster) {

    public static Options defaults(List<Path> modelDirs, Path dataDir) {
      return new Options(modelDirs, dataDir, "127.0.0.1", 8547, 0, 1024, null, 600_000, 1 << 20, 100, 1, 1000,
          2000, null, null, null);
    }

    /** With chain submission ({@code submit: true} is refused without it). */
    public Options withChain(ChainSettings c) {
      return new Options(modelDirs, dataDir, host, port, workers, queueLimit, adminTokenFile, timeoutMs,
          maxRequestBytes, maxBatch, groupCommitLingerMs, blockedCheckMs, maxEventLoopMs, onBlockedThread, c, cluster);
    }

    public Options withPort(int p) {
      return new Options(modelDirs, dataDir, host, p, workers, queueLimit, adminTokenFile, timeoutMs,
          maxRequestBytes, maxBatch, groupCommitLingerMs, blockedCheckMs, maxEventLoopMs, onBlockedThread, chain, cluster);
    }

    public Options withLimits(int workersN, int queue, long maxBytes) {
      return new Options(modelDirs, dataDir, host, port, workersN, queue, adminTokenFile, timeoutMs, maxBytes,
          maxBatch, groupCommitLingerMs, blockedCheckMs, maxEventLoopMs, onBlockedThread, chain, cluster);
    }

    public Options withAdminToken(Path f) {
      return new Options(modelDirs, dataDir, host, port, workers, queueLimit, f, timeoutMs, maxRequestBytes,
          maxBatch, groupCommitLingerMs, blockedCheckMs, maxEventLoopMs, onBlockedThread, chain, cluster);
    }

    /** As a member of a cluster (null: alone); chain submission is refused with it. */
    public Options withCluster(ClusterOptions c) {
      return new Options(modelDirs, dataDir, host, port, workers, queueLimit, adminTokenFile, timeoutMs,
          maxRequestBytes, maxBatch, groupCommitLingerMs, blockedCheckMs, maxEventLoopMs, onBlockedThread, chain, c);
    }

    public Options withBlockedThreadCheck(long checkMs, long maxMs, Consumer<String> handler) {
      return new Options(modelDirs, dataDir, host, port, workers, queueLimit, adminTokenFile, timeoutMs,
          maxRequestBytes, maxBatch, groupCommitLingerMs, checkMs, maxMs, handler, chain, cluster);
    }
  }

  /** A start failure, one line (bad model directory, unusable data directory, port in use). */
  public static final class StartException extends Exception {
    private static final long serialVersionUID = 1L;

    StartException(String m, Throwable cause) {
      super(m, cause);
    }
  }

  private final SqliteJobStore store;
  private final JobScheduler scheduler;
  private final Vertx vertx;
  private final int port;
  private final List<ExecutorService> pools;
  private final ModelCatalog models;
  private final SidecarMetrics metrics;
  private final ChainSubmissions chain;
  private volatile boolean ready;
  private volatile ClusterNode cluster;

  private Sidecar(SqliteJobStore store, JobScheduler scheduler, Vertx vertx, int port,
      List<ExecutorService> pools, ModelCatalog models, SidecarMetrics metrics, ChainSubmissions chain) {
    this.chain = chain;
    this.store = store;
    this.scheduler = scheduler;
    this.vertx = vertx;
    this.port = port;
    this.pools = pools;
    this.models = models;
    this.metrics = metrics;
  }

  public static Sidecar start(Options o, JsonLog log) throws StartException {
    ModelCatalog catalog = new ModelCatalog();
    for (Path dir : o.modelDirs()) {
      try {
        LoadedModel m = ModelCatalog.load(dir, o.timeoutMs());
        catalog.add(m);
        log.info("model.loaded", "model", m.id(), "name", m.name(), "warm_prove_ms", m.warmProveMs(),
            "proof_bytes_allocated", m.proofBytesAllocated());
      } catch (ModelFiles.FileException e) {
        throw new StartException(e.getMessage(), e);
      }
    }
    if (o.cluster() != null && o.chain() != null) {
      throw new StartException("--cluster and --chain-rpc cannot be combined yet: run chain submission on a"
          + " single sidecar", null);
    }
    AdminToken admin = null;
    CancelTokens cancel;
    SqliteJobStore store;
    try {
      Files.createDirectories(o.dataDir());
      cancel = CancelTokens.open(o.dataDir());
      if (o.adminTokenFile() != null) {
        admin = AdminToken.read(o.adminTokenFile());
      }
      store = SqliteJobStore.open(o.dataDir().resolve(DB), o.groupCommitLingerMs());
    } catch (IOException | SqliteJobStore.StoreException e) {
      throw new StartException(e.getMessage(), e);
    }
    Runtime rt = Runtime.getRuntime();
    int cores = rt.availableProcessors();
    int requested = o.workers() > 0 ? o.workers() : cores;
    int workers = PoolSizing.workers(requested, o.workers() > 0 ? Math.max(cores, o.workers()) : cores,
        rt.maxMemory(), rt.totalMemory() - rt.freeMemory(), catalog.maxProofBytes());
    JobScheduler scheduler = new JobScheduler(store,
        catalog, new JobScheduler.Config(workers, o.queueLimit(), 1000), System::currentTimeMillis);
    SidecarMetrics metrics = new SidecarMetrics();
    JobEvents events = new JobEvents();
    scheduler.addListener(events);
    scheduler.addListener(metrics);
    scheduler.addListener(log);
    metrics.bind(scheduler, store);
    ChainSubmissions chain = null;
    if (o.chain() != null) {
      try {
        chain = ChainSubmissions.connect(o.chain(), scheduler, catalog, log);
      } catch (org.besuzkml.chain.ChainException e) {
        store.close();
        throw new StartException("chain submission: " + e.getMessage(), e);
      }
      scheduler.addListener(chain); // before start: a job proved right after it is submitted too
    }
    VertxOptions vo = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true))
        .setBlockedThreadCheckInterval(o.blockedCheckMs()).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
        .setMaxEventLoopExecuteTime(o.maxEventLoopMs()).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS);
    var builder = Vertx.builder().with(vo).withMetrics(new MicrometerMetricsFactory(metrics.registry()));
    Vertx vertx;
    ClusterNode clusterNode = null;
    List<org.besuzkml.sidecar.store.Job> recovered = store.recovered();
    if (o.cluster() == null) {
      vertx = builder.build();
    } else {
      // before the scheduler takes its jobs back: which of them are still this member's is the cluster's call
      vo.getEventBusOptions().setHost(o.cluster().host()).setPort(0);
      var manager = ClusterNode.manager(o.cluster());
      try {
        vertx = builder.withClusterManager(manager).buildClustered().await();
      } catch (RuntimeException e) {
        store.close();
        throw new StartException("cannot join the cluster at " + o.cluster().self() + ": " + e.getMessage(), e);
      }
      clusterNode = ClusterNode.open(vertx, manager, log);
      clusterNode.attach(scheduler);
      try {
        recovered = clusterNode.claim(recovered, store, System.currentTimeMillis());
      } catch (IllegalStateException e) {
        clusterNode.close();
        vertx.close();
        store.close();
        throw new StartException(e.getMessage(), e);
      }
      log.info("cluster.joined", "node", clusterNode.nodeId(), "members", manager.getNodes().size(),
          "cluster_port", o.cluster().port());
    }
    int live = (int) recovered.stream().filter(j -> j.state().live()).count();
    scheduler.start(recovered);
    if (chain != null) {
      chain.resumeStored();
    } else {
      scheduler.awaitingSubmission().thenAccept(waiting -> {
        if (!waiting.isEmpty()) { // stored with submit by a run that had a chain: they wait for one
          log.warn("chain.not_configured", "jobs_awaiting_submission", waiting.size());
        }
      });
    }
    log.info("store.recovered", "jobs", store.recovered().size(), "requeued", live, "workers", workers,
        "max_heap_mb", rt.maxMemory() >> 20);

    if (o.onBlockedThread() != null) {
      ((VertxInternal) vertx).blockedThreadChecker()
          .setThreadBlockedHandler(ev -> o.onBlockedThread().accept(ev.thread().getName() + " blocked for "
              + ev.duration() / 1_000_000 + " ms at " + java.util.Arrays.stream(ev.thread().getStackTrace()).limit(40)
              .map(StackTraceElement::toString).collect(java.util.stream.Collectors.joining(" < "))));
    }
    ExecutorService verifyPool = Executors.newFixedThreadPool(Math.max(1, Math.min(2, cores)), r -> {
      Thread t = new Thread(r, "zkml-verify");
      t.setDaemon(true);
      return t;
    });
    ExecutorService adminPool = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "zkml-admin");
      t.setDaemon(true);
      return t;
    });
    ZkmlMethods methods = new ZkmlMethods(catalog, scheduler, cancel, verifyPool, adminPool, o.timeoutMs(),
        chain != null);
    RpcDispatcher dispatcher = new RpcDispatcher(methods.table(), o.maxBatch(),
        e -> log.warn("rpc.internal_error", "error", e.getClass().getName() + ": " + e.getMessage()));
    Sidecar[] self = new Sidecar[1];
    HttpApi api = new HttpApi(vertx, dispatcher, scheduler, events, admin, metrics::scrape,
        () -> self[0] != null && self[0].ready, o.maxRequestBytes());
    int port;
    int loops = Math.max(1, cores);
    try {
      // one server per event loop on one port: Vert.x shares a fixed port's socket among them, but
      // gives each its own port for 0, so for 0 a free port is chosen here first
      int wanted = o.port() != 0 ? o.port() : freePort(o.host());
      if (clusterNode != null) { // routing on before the first request can arrive
        String urlHost = o.host().equals("0.0.0.0") ? o.cluster().host() : o.host();
        clusterNode.start(catalog, "http://" + urlHost + ":" + wanted + "/rpc");
        methods.withCluster(new Router(clusterNode, catalog, methods, vertx, log));
      }
      List<HttpVerticle> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
      io.vertx.ext.web.Router router = api.router(); // one router serves every server
      vertx.deployVerticle(() -> {
        HttpVerticle v = new HttpVerticle(router, o.host(), wanted);
        servers.add(v);
        return v;
      }, new DeploymentOptions().setInstances(loops)).await();
      port = servers.get(0).actualPort();
      for (HttpVerticle v : servers) {
        if (v.actualPort() != port) {
          throw new IllegalStateException("the HTTP servers bound different ports");
        }
      }
    } catch (Exception e) { // await() rethrows the bind failure itself (a checked BindException)
      if (clusterNode != null) {
        clusterNode.close();
      }
      if (chain != null) {
        chain.close();
      }
      scheduler.close();
      store.close();
      vertx.close();
      verifyPool.shutdownNow();
      adminPool.shutdownNow();
      throw new StartException("cannot listen on " + o.host() + ":" + o.port() + ": " + e.getMessage(), e);
    }
    self[0] = new Sidecar(store, scheduler, vertx, port, List.of(verifyPool, adminPool), catalog, metrics, chain);
    self[0].cluster = clusterNode;
    self[0].ready = true;
    log.info("sidecar.listening", "host", o.host(), "port", port, "event_loops", loops, "models", catalog.all().size(),
        "admin_token", admin != null);
    return self[0];
  }

  private static int freePort(String host) throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
      return s.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  public Vertx vertx() {
    return vertx;
  }

  public JobScheduler scheduler() {
    return scheduler;
  }

  public ModelCatalog models() {
    return models;
  }

  public SidecarMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    ready = false;
    try {
      // undeploying closes the HTTP servers: no new requests while the pool drains
      for (String id : vertx.deploymentIDs()) {
        vertx.undeploy(id).await();
      }
    } catch (RuntimeException ignored) {
      // closing anyway
    }
    if (chain != null) {
      chain.close(); // first: a proof that finishes while the provers stop stays PROVED, resumed at restart
    }
    scheduler.close(); // running proofs finish and are published while this member is still in the cluster
    if (cluster != null) {
      cluster.close();
    }
    pools.forEach(ExecutorService::shutdown);
    store.close();
    try {
      vertx.close().await(); // leaves the cluster: the others adopt the jobs still queued here
    } catch (RuntimeException ignored) {
      // closing anyway
    }
  }
}
