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

  @Test
  void theEventLoopNeverBlocksUnderLoad() throws Exception {
    List<String> blocked = new CopyOnWriteArrayList<>();
    Sidecar.Options o = SidecarFixture.options(tmp.resolve("data"))
        .withBlockedThreadCheck(50, 200, b -> {
          if (b.contains("eventloop")) {
            blocked.add(b);
          }
        });
    try (Sidecar s = SidecarFixture.start(o)) {
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
}
