package org.besuzkml.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.besuzkml.model.ModelException;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.ModelFiles;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.compile.CompiledModel;
import org.besuzkml.sidecar.Sidecar;
import org.besuzkml.sidecar.jobs.JobChange;
import org.besuzkml.sidecar.ops.JsonLog;
import org.besuzkml.sidecar.store.JobState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zkml bench sidecar}: an in-process sidecar on a free loopback port (temporary data
 * directory, the embedded 1l_mlp set up with the development SRS, as {@code demo} does) measured
 * through real HTTP: proofs per second against direct {@link Prover} calls in the same run
 * (alternated round by round), dedup-hit and zkml_getJob latency with many concurrent keep-alive
 * clients, and the acceptance rate of a burst that fills the queue up to its backpressure error.
 */
@Command(name = "sidecar", mixinStandardHelpOptions = true,
    description = "Sidecar throughput (against direct proving), request latency under concurrent clients,"
        + " and acceptance with the queue saturated, on the embedded 1l_mlp.")
final class BenchSidecarCommand implements Callable<Integer> {
  static final int QUEUE_FULL = -32005;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--runs", description = "Alternated rounds of direct and sidecar proving (default ${DEFAULT-VALUE}).")
  int runs = 7;

  @Option(names = "--proofs", description = "Proofs per round and path (default ${DEFAULT-VALUE}).")
  int proofs = 40;

  @Option(names = "--clients", description = "Concurrent clients, one keep-alive connection each (default ${DEFAULT-VALUE}).")
  int clients = 64;

  @Option(names = "--requests", description = "Requests per client in each latency test (default ${DEFAULT-VALUE}).")
  int requests = 100;

  @Option(names = "--workers", description = "The sidecar's proving workers; direct proving is one thread (default ${DEFAULT-VALUE}).")
  int workers = 1;

  @Option(names = "--queue-limit", description = "The sidecar's queue limit, filled by the saturation burst (default ${DEFAULT-VALUE}).")
  int queueLimit = 1000;

  @Option(names = "--warmup", paramLabel = "SECONDS",
      description = "Uncounted rounds of both paths first, for at least this long (default ${DEFAULT-VALUE}).")
  int warmupSeconds = 8;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    Integer bad = BenchCommand.checkRuns(runs);
    for (int[] v : new int[][] {{proofs, 1}, {clients, 1}, {requests, 1}, {workers, 1}, {queueLimit, 1},
        {warmupSeconds, 0}}) {
      if (bad == null && v[0] < v[1]) {
        System.err.println("error: --proofs, --clients, --requests, --workers and --queue-limit must be at least 1,"
            + " --warmup at least 0");
        bad = 2;
      }
    }
    if (bad != null) {
      return bad;
    }
    Path root = null;
    try {
      root = Files.createTempDirectory("zkml-bench-sidecar");
      Path model = root.resolve("mlp");
      setUp(model);
      System.err.println("WARNING: bench sidecar uses the INSECURE development SRS (public tau).");
      Sidecar.Options o = Sidecar.Options.defaults(List.of(model), root.resolve("data")).withPort(0)
          .withLimits(workers, queueLimit, 1 << 20);
      JsonLog quiet = new JsonLog(new PrintStream(OutputStream.nullOutputStream(), true));
      ObjectNode out;
      try (Sidecar s = Sidecar.start(o, quiet); RpcLoad load = new RpcLoad(s.port(), clients)) {
        // direct proofs use the very key the sidecar loaded from pk.bzkk: only the path differs
        out = measure(s, s.models().all().iterator().next().pk(), load);
      }
      if (json) {
        System.out.println(JSON.writeValueAsString(out));
      } else {
        print(out);
      }
      return 0;
    } catch (ModelException e) {
      return InspectCommand.fail(e);
    } catch (Sidecar.StartException | IOException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.err.println("error: interrupted");
      return 1;
    } catch (RuntimeException e) {
      return InspectCommand.internal(e);
    } finally {
      delete(root);
    }
  }

  /** The embedded 1l_mlp compiled and set up (dev SRS) into {@code dir}, as the sidecar loads it. */
  private static void setUp(Path dir) throws IOException, ModelException {
    byte[] onnx = DemoCommand.resource("network.onnx");
    String input = new String(DemoCommand.resource("input.json"), java.nio.charset.StandardCharsets.UTF_8);
    CompiledModel cm = ModelFiles.compile(onnx, input);
    ProvingKey pk = Setup.run(cm, DevSrs.create(Setup.binVars(cm), 0));
    byte[] modelBytes = ModelFiles.encodeModel(onnx, input, cm);
    Outputs.write(dir.resolve(ModelFiles.MODEL), modelBytes);
    Outputs.write(dir.resolve(ModelFiles.PK), ModelFiles.encodeProvingKey(pk, modelBytes, ModelFiles.devRef(0)));
    Outputs.write(dir.resolve(ModelFiles.VK), pk.vk().bytes());
  }

  private ObjectNode measure(Sidecar s, ProvingKey pk, RpcLoad load) throws InterruptedException {
    Map<String, Long> provedAt = new ConcurrentHashMap<>();
    s.scheduler().addListener(c -> {
      if (c.kind() == JobChange.Kind.STATE && c.job().state() == JobState.PROVED) {
        provedAt.put(c.job().id(), System.nanoTime()); // notified once proof and state are committed
        provingNanos.put(c.job().id(), c.provingNanos());
      }
    });
    int[] serial = {0};
    // warm-up, not counted: rounds of both paths for at least --warmup seconds (the JIT still gains
    // over the first few hundred proofs)
    long warmEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
    for (int w = 0; w < 2 || System.nanoTime() < warmEnd; w++) {
      direct(pk, serial);
      viaSidecar(load, provedAt, serial);
    }
    counting = true;
    double[] d = new double[runs];
    double[] v = new double[runs];
    List<String> proved = new ArrayList<>();
    for (int r = 0; r < runs; r++) { // alternated so that drift (JIT, other jobs on the machine) hits both
      if (r % 2 == 0) {
        d[r] = direct(pk, serial);
        v[r] = viaSidecar(load, provedAt, serial, proved);
      } else {
        v[r] = viaSidecar(load, provedAt, serial, proved);
        d[r] = direct(pk, serial);
      }
    }
    double dm = median(d);
    double vm = median(v);
    ObjectNode out = JSON.createObjectNode();
    out.put("model", "1l_mlp").put("dev_srs", true).put("cores", Runtime.getRuntime().availableProcessors())
        .put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20).put("workers", s.scheduler().workers())
        .put("runs", runs).put("proofs_per_run", proofs).put("warmup_s", warmupSeconds);
    ObjectNode t = out.putObject("throughput");
    t.put("direct_proofs_per_s", round(dm, 2)).put("sidecar_proofs_per_s", round(vm, 2))
        .put("overhead_percent", round(100 * (dm / vm - 1), 1))
        // where the difference is: the proving call itself, timed inside each path
        .put("direct_prove_ms", round(medianOf(directNanos) / 1e6, 2))
        .put("sidecar_prove_ms", round(medianOf(proved.stream().map(provingNanos::get).toList()) / 1e6, 2))
        .put("sidecar_worker_busy_percent", round(median(busyPercent.stream().mapToDouble(x -> x).toArray()), 1))
        .put("sidecar_accept_ms", round(median(acceptMs.stream().mapToDouble(x -> x).toArray()), 1));
    ArrayNode da = t.putArray("direct_per_run");
    ArrayNode va = t.putArray("sidecar_per_run");
    for (int r = 0; r < runs; r++) {
      da.add(round(d[r], 2));
      va.add(round(v[r], 2));
    }
    String provedId = proved.get(0);
    String provedInput = params(serialOf.get(provedId));
    out.set("get_job", latency(load, rpc("zkml_getJob", "[\"" + provedId + "\"]"), "PROVED"));
    out.set("dedup_hit", latency(load, rpc("zkml_requestProof", provedInput), null));
    out.set("saturation", saturate(s, load, serial));
    out.put("connections_opened", load.connectionsOpened());
    return out;
  }

  /** {@code proofs} direct proofs on this thread; proofs per second. */
  private double direct(ProvingKey pk, int[] serial) {
    long t0 = System.nanoTime();
    for (int i = 0; i < proofs; i++) {
      int k = serial[0]++;
      long a = System.nanoTime();
      Prover.prove(pk, List.of(input(k)));
      if (counting) {
        directNanos.add(System.nanoTime() - a);
      }
    }
    return proofs / ((System.nanoTime() - t0) / 1e9);
  }

  private double viaSidecar(RpcLoad load, Map<String, Long> provedAt, int[] serial) throws InterruptedException {
    return viaSidecar(load, provedAt, serial, new ArrayList<>());
  }

  /**
   * {@code proofs} distinct requests (from up to 8 clients), timed from the first request's send to
   * the last of them PROVED; proofs per second. Their job ids are added to {@code ids}.
   */
  private double viaSidecar(RpcLoad load, Map<String, Long> provedAt, int[] serial, List<String> ids)
      throws InterruptedException {
    int base = serial[0];
    serial[0] += proofs;
    String[] got = new String[proofs];
    int each = (proofs + 7) / 8;
    int senders = (proofs + each - 1) / each; // every sender has at least one of the proofs
    long t0 = System.nanoTime();
    long acceptNanos = load.run(senders, each, new RpcLoad.Step() {
      @Override
      public String body(int client, int i) {
        return rpc("zkml_requestProof", params(base + client * each + i));
      }

      @Override
      public boolean answer(int client, int i, String response, long nanos) {
        JsonNode r = parse(response);
        if (!r.has("result")) {
          throw new IllegalStateException("a proof request was refused: " + r);
        }
        got[client * each + i] = r.get("result").get("jobId").asText();
        serialOf.put(got[client * each + i], base + client * each + i);
        return client * each + i + 1 < proofs;
      }
    });
    long deadline = System.nanoTime() + 600_000_000_000L;
    long last = 0;
    for (String id : got) {
      if (id == null) {
        throw new IllegalStateException("a proof request got no answer");
      }
      Long at;
      while ((at = provedAt.get(id)) == null) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("job " + id + " was not proved within 600 s");
        }
        Thread.sleep(1);
      }
      last = Math.max(last, at);
      ids.add(id);
    }
    if (counting) {
      long busy = 0;
      for (String id : got) {
        busy += provingNanos.get(id);
      }
      busyPercent.add(100.0 * busy / (last - t0));
      acceptMs.add(acceptNanos / 1e6);
    }
    return proofs / ((last - t0) / 1e9);
  }

  /** Each sidecar job's time inside Prover.prove, as its worker measured it. */
  private final Map<String, Long> provingNanos = new ConcurrentHashMap<>();
  /** Each counted direct proof's time. */
  private final List<Long> directNanos = new ArrayList<>();
  private boolean counting;
  /** Per counted sidecar round: the share of its wall time its worker spent in Prover.prove, and its acceptance time. */
  private final List<Double> busyPercent = new ArrayList<>();
  private final List<Double> acceptMs = new ArrayList<>();

  /** Each sidecar job's input, by its serial number in {@link #params}. */
  private final Map<String, Integer> serialOf = new ConcurrentHashMap<>();

  /**
   * Input number {@code k}: distinct k give distinct quantized inputs (steps of 2^-8, the input
   * scale), all of one magnitude (like the demo input), so that both paths prove alike inputs.
   */
  static double[] input(int k) {
    return new double[] {0.5 + (k & 511) / 256.0, 0.5 + ((k >> 9) & 511) / 256.0, 1.0 + (k >> 18) / 256.0};
  }

  /** The requestProof params for input number {@code k}. */
  static String params(int k) {
    double[] v = input(k);
    return "{\"model\":\"mlp\",\"input\":{\"input_data\":[[" + v[0] + "," + v[1] + "," + v[2] + "]]}}";
  }

  /**
   * {@code clients} keep-alive clients each sending {@code requests} copies of {@code body} (after a
   * warm-up pass of 10 each); p50, p99, max and requests per second. Every answer must be a result
   * (with {@code state} when given).
   */
  private ObjectNode latency(RpcLoad load, String body, String state) throws InterruptedException {
    long[] ns = new long[clients * requests];
    int[] bad = {0};
    for (int pass = 0; pass < 2; pass++) {
      boolean timed = pass == 1;
      int each = timed ? requests : 10;
      long wall = load.run(clients, each, new RpcLoad.Step() {
        @Override
        public String body(int client, int i) {
          return body;
        }

        @Override
        public boolean answer(int client, int i, String response, long nanos) {
          JsonNode r = parse(response);
          boolean ok = r.has("result") && (state == null || state.equals(r.get("result").path("state").asText()));
          if (timed) {
            ns[client * requests + i] = nanos;
            bad[0] += ok ? 0 : 1;
          }
          return true;
        }
      });
      if (timed) {
        Arrays.sort(ns);
        ObjectNode o = JSON.createObjectNode();
        o.put("clients", clients).put("requests", ns.length).put("errors", bad[0])
            .put("p50_ms", round(ns[ns.length / 2] / 1e6, 2))
            .put("p99_ms", round(ns[Math.min(ns.length - 1, (int) (ns.length * 0.99))] / 1e6, 2))
            .put("max_ms", round(ns[ns.length - 1] / 1e6, 2))
            .put("requests_per_s", round(ns.length / (wall / 1e9), 0));
        return o;
      }
    }
    throw new AssertionError();
  }

  /**
   * A burst of distinct requests from every client until each has been refused once by the full
   * queue: accepted jobs per second up to the last acceptance, and what the refusals carried.
   */
  private ObjectNode saturate(Sidecar s, RpcLoad load, int[] serial) throws InterruptedException {
    int base = serial[0];
    int most = queueLimit + 100_000; // a client stops at its first refusal long before this
    serial[0] += clients * most;
    int[] accepted = {0};
    int[] refused = {0};
    int[] withRetryAfter = {0};
    int[] other = {0};
    long[] lastAccept = {0};
    long writes0 = counter(s, "zkml_store_writes");
    long commits0 = counter(s, "zkml_store_commits");
    long t0 = System.nanoTime();
    load.run(clients, most, new RpcLoad.Step() {
      @Override
      public String body(int client, int i) {
        return rpc("zkml_requestProof", params(base + i * clients + client));
      }

      @Override
      public boolean answer(int client, int i, String response, long nanos) {
        JsonNode r = parse(response);
        if (r.has("result") && !r.get("result").get("deduplicated").asBoolean()) {
          accepted[0]++;
          lastAccept[0] = System.nanoTime();
          return true;
        }
        JsonNode e = r.path("error");
        if (e.path("code").asInt() == QUEUE_FULL) {
          refused[0]++;
          withRetryAfter[0] += e.path("data").path("retryAfterMs").asLong(0) > 0 ? 1 : 0;
        } else {
          other[0]++;
        }
        return false;
      }
    });
    ObjectNode o = JSON.createObjectNode();
    double secs = Math.max(1, lastAccept[0] - t0) / 1e9;
    o.put("clients", clients).put("queue_limit", queueLimit).put("accepted", accepted[0])
        .put("accepted_per_s", round(accepted[0] / secs, 0)).put("seconds_to_full", round(secs, 3))
        .put("refused", refused[0]).put("refusal_code", QUEUE_FULL).put("refusals_with_retry_after", withRetryAfter[0])
        .put("other_answers", other[0]).put("store_writes", counter(s, "zkml_store_writes") - writes0)
        .put("store_commits", counter(s, "zkml_store_commits") - commits0);
    return o;
  }

  private static long counter(Sidecar s, String name) {
    return (long) s.metrics().registry().get(name).functionCounter().count();
  }

  private void print(ObjectNode o) {
    JsonNode t = o.get("throughput");
    System.out.printf("bench sidecar: 1l_mlp (dev SRS), %d cores, sidecar workers %d, %d rounds of %d proofs%n",
        o.get("cores").asInt(), o.get("workers").asInt(), runs, proofs);
    System.out.printf("%-48s %s%n", "what", "figure");
    System.out.printf("%-48s %.2f / %.2f (overhead %.1f %%)%n", "proofs/s direct / through the sidecar (medians)",
        t.get("direct_proofs_per_s").asDouble(), t.get("sidecar_proofs_per_s").asDouble(),
        t.get("overhead_percent").asDouble());
    for (String k : List.of("dedup_hit", "get_job")) {
      JsonNode l = o.get(k);
      System.out.printf("%-48s p50 %.2f ms, p99 %.2f ms, max %.2f ms, %d req/s%n",
          k + " latency, " + l.get("clients").asInt() + " clients", l.get("p50_ms").asDouble(),
          l.get("p99_ms").asDouble(), l.get("max_ms").asDouble(), l.get("requests_per_s").asLong());
    }
    JsonNode sat = o.get("saturation");
    System.out.printf("%-48s %d/s (%d accepted in %.3f s; %d refused with %d, %d with retryAfterMs)%n",
        "accepted jobs/s until the queue (" + sat.get("queue_limit").asInt() + ") is full",
        sat.get("accepted_per_s").asLong(), sat.get("accepted").asInt(), sat.get("seconds_to_full").asDouble(),
        sat.get("refused").asInt(), sat.get("refusal_code").asInt(), sat.get("refusals_with_retry_after").asInt());
    System.out.printf("%-48s %d writes in %d commits; %d connections opened%n", "store during the burst",
        sat.get("store_writes").asLong(), sat.get("store_commits").asLong(), o.get("connections_opened").asInt());
  }

  static String rpc(String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
  }

  private static JsonNode parse(String response) {
    if (response == null) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(response);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static double medianOf(List<Long> v) {
    return median(v.stream().mapToDouble(Long::doubleValue).toArray());
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double round(double x, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(x * f) / f;
  }

  private static void delete(Path root) {
    if (root == null) {
      return;
    }
    try (Stream<Path> w = Files.walk(root)) {
      w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind
    }
  }
}
