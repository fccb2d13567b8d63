package org.besuzkml.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.besuzkml.proof.Prover;
import org.besuzkml.sidecar.SidecarFixture.Client;
import org.besuzkml.sidecar.models.LoadedModel;

/**
 * Not a test: quick figures for docs/sidecar.md on 1l_mlp. Direct {@link Prover} calls against the
 * same number of proofs through the sidecar (one worker each), zkml_getJob and dedup-hit latency
 * with 64 concurrent HTTP clients, and accepted jobs per second with the queue saturated. Run:
 * {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.besuzkml.sidecar.SidecarProbe}.
 */
public final class SidecarProbe {
  private SidecarProbe() {}

  public static void main(String[] args) throws Exception {
    int proofs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    Path data = Files.createTempDirectory("zkml-probe");
    try (Sidecar s = SidecarFixture.start(SidecarFixture.options(data).withLimits(1, 100_000, 1 << 20))) {
      LoadedModel m = s.models().all().iterator().next();
      Client c = new Client(s.port());
      // warm both paths
      for (int i = 0; i < 50; i++) {
        Prover.prove(m.pk(), List.of(new double[] {i / 8.0, 0.5, 0.25}));
      }
      List<String> warm = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        warm.add(c.call("zkml_requestProof", SidecarFixture.request(-i / 8.0, 0.5, 0.25)).get("result")
            .get("jobId").asText());
      }
      for (String id : warm) {
        c.awaitDone(id, 120_000);
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < proofs; i++) {
        Prover.prove(m.pk(), List.of(new double[] {i / 8.0, 1.5, 0.25}));
      }
      double direct = proofs / ((System.nanoTime() - t0) / 1e9);
      t0 = System.nanoTime();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < proofs; i++) {
        ids.add(c.call("zkml_requestProof", SidecarFixture.request(i / 8.0, 2.5, 0.25)).get("result")
            .get("jobId").asText());
      }
      for (String id : ids) {
        c.awaitDone(id, 300_000);
      }
      double viaSidecar = proofs / ((System.nanoTime() - t0) / 1e9);
      System.out.printf("proofs/s, one worker: direct %.1f, through the sidecar %.1f (overhead %.1f%%)%n", direct,
          viaSidecar, 100 * (direct / viaSidecar - 1));

      String proved = ids.get(0);
      String dedupParams = SidecarFixture.request(0, 2.5, 0.25);
      latency("zkml_getJob (proved, with proof)", s.port(), 64, 100, cl -> cl.call("zkml_getJob", List.of(proved)));
      latency("dedup hit (zkml_requestProof)", s.port(), 64, 100, cl -> cl.call("zkml_requestProof", dedupParams));

      // saturation: distinct inputs as fast as 64 clients can send them
      AtomicInteger next = new AtomicInteger();
      long a0 = System.nanoTime();
      int accepted = run(s.port(), 64, 40, cl -> {
        int k = next.incrementAndGet();
        return cl.call("zkml_requestProof", SidecarFixture.request(k / 64.0, -3.5, k % 7 / 8.0));
      });
      double secs = (System.nanoTime() - a0) / 1e9;
      System.out.printf("accepted jobs/s with 64 clients: %.0f (%d jobs; store: %d writes in %d commits)%n",
          accepted / secs, accepted, storeWrites(s), storeCommits(s));
    }
  }

  interface Call {
    JsonNode call(Client c) throws Exception;
  }

  static long storeWrites(Sidecar s) {
    return (long) s.metrics().registry().get("zkml_store_writes").functionCounter().count();
  }

  static long storeCommits(Sidecar s) {
    return (long) s.metrics().registry().get("zkml_store_commits").functionCounter().count();
  }

  static int run(int port, int clients, int each, Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<Integer>> fs = new ArrayList<>();
    for (int k = 0; k < clients; k++) {
      fs.add(pool.submit(() -> {
        Client c = new Client(port);
        int ok = 0;
        for (int i = 0; i < each; i++) {
          ok += call.call(c).has("result") ? 1 : 0;
        }
        return ok;
      }));
    }
    int ok = 0;
    for (Future<Integer> f : fs) {
      ok += f.get();
    }
    pool.shutdown();
    return ok;
  }

  static void latency(String what, int port, int clients, int each, Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<long[]>> fs = new ArrayList<>();
    for (int k = 0; k < clients; k++) {
      fs.add(pool.submit(() -> {
        Client c = new Client(port);
        long[] ns = new long[each];
        for (int i = 0; i < each; i++) {
          long t = System.nanoTime();
          call.call(c);
          ns[i] = System.nanoTime() - t;
        }
        return ns;
      }));
    }
    long[] all = new long[clients * each];
    int n = 0;
    for (Future<long[]> f : fs) {
      for (long v : f.get()) {
        all[n++] = v;
      }
    }
    pool.shutdown();
    Arrays.sort(all);
    System.out.printf("%s, %d clients: p50 %.2f ms, p99 %.2f ms%n", what, clients, all[all.length / 2] / 1e6,
        all[(int) (all.length * 0.99)] / 1e6);
  }
}
