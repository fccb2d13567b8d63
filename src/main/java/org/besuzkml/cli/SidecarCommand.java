package org.besuzkml.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.besuzkml.sidecar.Sidecar;
import org.besuzkml.sidecar.cluster.ClusterOptions;
import org.besuzkml.sidecar.ops.JsonLog;
import org.besuzkml.sidecar.submit.ChainSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zkml sidecar --models DIR... --data DIR}: the proving service (docs/sidecar.md). */
@Command(name = "sidecar", mixinStandardHelpOptions = true,
    description = "Serve proofs over JSON-RPC (POST /rpc), with a durable job store under --data. Logs are"
        + " JSON lines on stdout.")
final class SidecarCommand implements Callable<Integer> {
  @Option(names = "--models", required = true, arity = "1..*", paramLabel = "DIR",
      description = "Model directories (model.bzkm and pk.bzkk from compile and setup).")
  List<Path> models;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "Job store directory.")
  Path data;

  @Option(names = "--port", defaultValue = "8547", description = "HTTP port (0: any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Bind address. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--workers", defaultValue = "0",
      description = "Concurrent proofs (0: the cores; always capped by heap / a proof's allocation).")
  int workers;

  @Option(names = "--queue-limit", defaultValue = "1024",
      description = "Jobs waiting beyond this are refused with -32005 and a retry hint. Default: ${DEFAULT-VALUE}.")
  int queueLimit;

  @Option(names = "--admin-token-file", paramLabel = "FILE",
      description = "Operator token (Authorization: Bearer ...) for operator methods.")
  Path adminTokenFile;

  @Option(names = "--timeout", defaultValue = "600", paramLabel = "SECONDS",
      description = "Per-model ceiling on a job's time from acceptance to proof (DIR/sidecar.json may set its own)."
          + " Default: ${DEFAULT-VALUE}.")
  long timeoutSeconds;

  @Option(names = "--max-request-bytes", defaultValue = "1048576", description = "Default: ${DEFAULT-VALUE}.")
  long maxRequestBytes;

  @Option(names = "--chain-rpc", paramLabel = "URL",
      description = "Ethereum JSON-RPC node for chain submission (requests with submit: true). Without it"
          + " submit: true is refused.")
  String chainRpc;

  @Option(names = "--chain-key-file", paramLabel = "FILE",
      description = "File holding the submitting account's hex private key (never logged).")
  Path chainKeyFile;

  @Option(names = "--chain-key-env", paramLabel = "NAME",
      description = "Environment variable holding that key instead (never logged).")
  String chainKeyEnv;

  @Option(names = "--chain-target", defaultValue = "precompile", paramLabel = "precompile|ADDRESS",
      description = "Send verify to the precompile, or submit(...) to this ZkmlConsumer. Default: ${DEFAULT-VALUE}.")
  String chainTarget;

  @Option(names = "--chain-precompile", defaultValue = ChainSettings.DEFAULT_PRECOMPILE, paramLabel = "ADDRESS",
      description = "The precompile's address. Default: ${DEFAULT-VALUE}.")
  String chainPrecompile;

  @Option(names = "--chain-id", defaultValue = "0",
      description = "Refuse to start unless the node reports this chain id (0: take the node's).")
  long chainId;

  @Option(names = "--chain-confirmations", defaultValue = "1",
      description = "Blocks a receipt must be under before CONFIRMED (1: its own). Default: ${DEFAULT-VALUE}.")
  int chainConfirmations;

  @Option(names = "--chain-concurrency", defaultValue = "2",
      description = "Submissions in flight at once. Default: ${DEFAULT-VALUE}.")
  int chainConcurrency;

  @Option(names = "--chain-attempts", defaultValue = "3",
      description = "Tries of a broadcast or receipt wait while the node is unreachable. Default: ${DEFAULT-VALUE}.")
  int chainAttempts;

  @Option(names = "--cluster", description = "Join other sidecars (Hazelcast TCP-IP on --cluster-host:--cluster-port;"
      + " docs/sidecar-cluster.md). Not with --chain-rpc.")
  boolean clustered;

  @Option(names = "--cluster-host", defaultValue = "127.0.0.1",
      description = "Address the cluster transport binds and advertises. Default: ${DEFAULT-VALUE}.")
  String clusterHost;

  @Option(names = "--cluster-port", defaultValue = "5701", description = "Cluster transport port. Default: ${DEFAULT-VALUE}.")
  int clusterPort;

  @Option(names = "--cluster-members", paramLabel = "HOST:PORT,...",
      description = "Seed members to join (others' --cluster-host:--cluster-port; this node's own may be listed).")
  String clusterMembers;

  @Option(names = "--cluster-name", defaultValue = ClusterOptions.DEFAULT_NAME,
      description = "Only members with the same name join. Default: ${DEFAULT-VALUE}.")
  String clusterName;

  /** The cluster options, null without --cluster; {@link ClusterOptions.Invalid} names what is wrong. */
  ClusterOptions cluster() throws ClusterOptions.Invalid {
    if (!clustered) {
      if (clusterMembers != null) {
        throw new ClusterOptions.Invalid("--cluster-members needs --cluster");
      }
      return null;
    }
    if (chainRpc != null) {
      throw new ClusterOptions.Invalid("--cluster and --chain-rpc cannot be combined: chain submission runs on a"
          + " single sidecar (docs/sidecar-cluster.md)");
    }
    return ClusterOptions.parse(clusterHost, clusterPort, clusterMembers, clusterName);
  }

  /** The chain settings, null without --chain-rpc; an IllegalArgumentException names what is wrong. */
  ChainSettings chain() {
    if (chainRpc == null) {
      if (chainKeyFile != null || chainKeyEnv != null) {
        throw new IllegalArgumentException("--chain-key-file and --chain-key-env need --chain-rpc");
      }
      return null;
    }
    ChainSettings d = ChainSettings.of(chainRpc, chainKeyFile, chainKeyEnv, chainTarget);
    return new ChainSettings(chainRpc, chainKeyFile, chainKeyEnv, chainTarget, chainPrecompile, chainId,
        chainConfirmations, chainConcurrency, chainAttempts, d.retryDelay(), d.receiptTimeout());
  }

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535 || workers < 0 || queueLimit < 1 || timeoutSeconds < 1 || maxRequestBytes < 1024) {
      System.err.println("error: --port 0..65535, --workers >= 0, --queue-limit >= 1, --timeout >= 1,"
          + " --max-request-bytes >= 1024");
      return 2;
    }
    ChainSettings chain;
    try {
      chain = chain();
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    ClusterOptions cluster;
    try {
      cluster = cluster();
    } catch (ClusterOptions.Invalid e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    // Vert.x's warnings (a blocked event loop among them) go to java.util.logging, which is always present
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.JULLogDelegateFactory");
    Sidecar.Options d = Sidecar.Options.defaults(models, data);
    Sidecar.Options o = new Sidecar.Options(models, data, host, port, workers, queueLimit, adminTokenFile,
        timeoutSeconds * 1000, maxRequestBytes, d.maxBatch(), d.groupCommitLingerMs(), d.blockedCheckMs(),
        d.maxEventLoopMs(), null, chain, cluster);
    JsonLog log = new JsonLog(System.out);
    Sidecar s;
    try {
      s = Sidecar.start(o, log);
    } catch (Sidecar.StartException e) {
      System.err.println("error: " + org.besuzkml.proof.ProofJson.firstLine(e.getMessage()));
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("sidecar.stopping");
      s.close();
      log.info("sidecar.stopped");
      log.flush();
      stopped.countDown();
    }, "zkml-shutdown"));
    stopped.await();
    return 0;
  }
}
