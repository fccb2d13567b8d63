package org.besuzkml.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.besuzkml.sidecar.SidecarFixture.Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many clients at once: dedup holds under concurrency, and the event loop never blocks. */
class SidecarConcurrencyTest {
  @TempDir Path tmp;

  @Test
  void concurrentIdenticalRequestsShareOneProvingRun() throws Exception {
    int n = 32;
    Path data = tmp.resolve("data");
    try (Sidecar s = SidecarFixture.start(SidecarFixture.options(data))) {
      CyclicBarrier go = new CyclicBarrier(n);
      ExecutorService pool = Executors.newFixedThreadPool(n);
      List<Future<JsonNode>> answers = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        answers.add(pool.submit(() -> {
          Client c = new Client(s.port());
          go.await();
          return c.call("zkml_requestProof", SidecarFixture.request(0.3, 0.6, 0.9)).get("result");
        }));
      }
      Set<String> ids = new HashSet<>();
      int fresh = 0;
      for (Future<JsonNode> f : answers) {
        JsonNode r = f.get();
        ids.add(r.get("jobId").asText());
        fresh += r.get("deduplicated").asBoolean() ? 0 : 1;
      }
      pool.shutdown();
      assertEquals(1, ids.size(), "one job for " + n + " identical requests");
      assertEquals(1, fresh, "exactly one request created it");
      String id = ids.iterator().next();
      assertEquals("PROVED", new Client(s.port()).awaitDone(id, 60_000).get("state").asText());
      String metrics = new Client(s.port()).get("/metrics").body();
      assertTrue(metrics.contains("zkml_dedup_hits_total{model=\"" + s.models().all().iterator().next().id()
          + "\"} " + (n - 1) + ".0"), metrics);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(Sidecar.DB));
        ResultSet rs = c.createStatement().executeQuery("SELECT count(*), (SELECT count(*) FROM jobs) FROM runs")) {
      assertEquals(1, rs.getInt(1), "one proving run");
      assertEquals(1, rs.getInt(2), "one stored job");
    }
  }

  /**
   * Work that must never run on an event loop, whatever its duration: proving, verifying, the
   * store (SQLite, fsync) and sleeping. Anything else counts only past a second: on a 2-core runner
   * shared with two proving workers an event loop serializing a response can be descheduled for
   * hundreds of milliseconds (322 ms seen at load 9), which is the machine, not the code.
   */
  static boolean forbiddenWork(String report) {
    return report.contains("org.besuzkml.proof.") || report.contains("org.besuzkml.sidecar.store.")
        || report.contains("org.sqlite.") || report.contains("FileChannelImpl.force")
        || report.contains("Thread.sleep");
  }

  /** The "blocked for N ms" figure of a checker report, 0 if absent. */
  static long blockedMs(String report) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("blocked for (\\d+) ms").matcher(report);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  @Test
  void theEventLoopNeverBlocksUnderLoad() throws Exception {
    List<String> blocked = new CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicBoolean recording = new java.util.concurrent.atomic.AtomicBoolean();
    Sidecar.Options o = SidecarFixture.options(tmp.resolve("data"))
        .withBlockedThreadCheck(50, 200, b -> {
          if (b.contains("eventloop") && recording.get() && (forbiddenWork(b) || blockedMs(b) >= 1000)) {
            blocked.add(b);
          }
        });
    try (Sidecar s = SidecarFixture.start(o)) {
      // one request of each kind first: the classes each handler needs load once, whatever thread
      Client w = new Client(s.port());
      String first = w.call("zkml_requestProof", SidecarFixture.request(-1, -1, -1)).get("result").get("jobId")
          .asText();
      JsonNode firstJob = w.awaitDone(first, 60_000);
      w.get("/jobs/" + first + "/events");
      w.call("zkml_verify", List.of(firstJob.get("proof")));
      w.get("/metrics");
      w.call("zkml_models", "[]");
      recording.set(true);
      int clients = 6;
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      List<Future<?>> done = new ArrayList<>();
      for (int k = 0; k < clients; k++) {
        int seed = k;
        done.add(pool.submit(() -> {
          Client c = new Client(s.port());
          List<String> mine = new ArrayList<>();
          for (int i = 0; i < 10; i++) {
            JsonNode r = c.call("zkml_requestProof", SidecarFixture.request(seed, i, 0.5)).get("result");
            mine.add(r.get("jobId").asText());
            c.get("/metrics");
          }
          for (String id : mine) {
            JsonNode j = c.awaitDone(id, 120_000);
            assertEquals("PROVED", j.get("state").asText());
            c.get("/jobs/" + id + "/events");
            assertTrue(c.call("zkml_verify", List.of(j.get("proof"))).get("result").get("valid").asBoolean());
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      assertTrue(blocked.isEmpty(), "blocked-thread checker fired: " + blocked);

      // the check is live: a handler that blocks an event loop is caught
      s.vertx().runOnContext(v -> {
        try {
          Thread.sleep(600);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      Thread.sleep(900);
      assertFalse(blocked.isEmpty(), "the checker reports a blocked event loop");
    }
  }

  @Test
  void aFullQueueAnswersWithTheRetryHintAndDedupStillWorks() throws Exception {
    try (Sidecar s = SidecarFixture.start(SidecarFixture.options(tmp.resolve("data")).withLimits(1, 2, 1 << 20))) {
      Client c = new Client(s.port());
      StringBuilder batch = new StringBuilder("[");
      for (int i = 0; i < 12; i++) {
        batch.append(i == 0 ? "" : ",").append("{\"jsonrpc\":\"2.0\",\"id\":").append(i)
            .append(",\"method\":\"zkml_requestProof\",\"params\":").append(SidecarFixture.request(i, 7, 7))
            .append('}');
      }
      JsonNode r = c.rpc(batch.append(']').toString());
      int full = 0;
      List<String> accepted = new ArrayList<>();
      for (JsonNode one : r) {
        if (one.has("error")) {
          assertEquals(-32005, one.get("error").get("code").asInt(), one.toString());
          assertTrue(one.get("error").get("data").get("retryAfterMs").asLong() > 0);
          full++;
        } else {
          accepted.add(one.get("result").get("jobId").asText());
        }
      }
      assertTrue(full >= 1 && full + accepted.size() == 12, "backpressure at 2 waiting jobs: " + r);
      for (String id : accepted) {
        assertEquals("PROVED", c.awaitDone(id, 60_000).get("state").asText());
      }
      assertTrue(c.get("/metrics").body().contains("zkml_queue_depth 0.0"));
    }
  }

  @Test
  void logsAreJsonLinesNamingTheJob() throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    org.besuzkml.sidecar.ops.JsonLog log = new org.besuzkml.sidecar.ops.JsonLog(
        new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    String id;
    try (Sidecar s = SidecarFixture.start(SidecarFixture.options(tmp.resolve("data")), log)) {
      Client c = new Client(s.port());
      id = c.call("zkml_requestProof", SidecarFixture.request(3, 2, 1)).get("result").get("jobId").asText();
      c.awaitDone(id, 60_000);
    }
    log.flush();
    List<String> events = new ArrayList<>();
    for (String line : out.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
      JsonNode l = SidecarFixture.JSON.readTree(line);
      assertTrue(l.has("ts") && l.has("level") && l.has("event"), line);
      if (id.equals(l.path("job").asText())) {
        events.add(l.get("event").asText());
      }
      assertFalse(line.contains("input_data") || line.contains("\"proof\""), "no inputs or proofs in logs: " + line);
    }
    assertEquals(List.of("job.accepted", "job.queued", "job.proving", "job.proved"), events);
  }
}
