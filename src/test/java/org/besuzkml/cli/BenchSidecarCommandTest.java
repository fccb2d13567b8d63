package org.besuzkml.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code bench sidecar} in a tiny version (two rounds of two proofs, four clients): the JSON's
 * fields are there and consistent with each other (counts, orderings, the refusals' code), never
 * its timings.
 */
class BenchSidecarCommandTest {
  @Test
  void aTinyRunReportsConsistentFigures() throws Exception {
    ModelCommandsTest.Outcome o = ModelCommandsTest.exec("bench", "sidecar", "--json", "--runs", "2", "--proofs", "2",
        "--clients", "4", "--requests", "5", "--queue-limit", "6", "--warmup", "0");
    assertEquals(0, o.status(), o.err());
    assertEquals(1, o.out().strip().lines().count(), o.out());
    JsonNode j = new ObjectMapper().readTree(o.out());
    assertEquals(1, j.get("workers").asInt());
    assertEquals(2, j.get("runs").asInt());

    JsonNode t = j.get("throughput");
    assertEquals(2, t.get("direct_per_run").size());
    assertEquals(2, t.get("sidecar_per_run").size());
    for (String side : new String[] {"direct_per_run", "sidecar_per_run"}) {
      for (JsonNode v : t.get(side)) {
        assertTrue(v.asDouble() > 0, side + ": " + t);
      }
    }
    double d = t.get("direct_proofs_per_s").asDouble();
    double s = t.get("sidecar_proofs_per_s").asDouble();
    assertEquals((t.get("direct_per_run").get(0).asDouble() + t.get("direct_per_run").get(1).asDouble()) / 2, d, 0.02,
        "the median of two rounds");
    assertEquals(100 * (d / s - 1), t.get("overhead_percent").asDouble(), 0.5, t.toString());
    assertTrue(t.get("direct_prove_ms").asDouble() > 0 && t.get("sidecar_prove_ms").asDouble() > 0, t.toString());
    double busy = t.get("sidecar_worker_busy_percent").asDouble();
    assertTrue(busy > 0 && busy <= 100, "the worker's share of a round's wall time: " + t);
    assertTrue(t.get("sidecar_accept_ms").asDouble() > 0, t.toString());

    for (String k : new String[] {"get_job", "dedup_hit"}) {
      JsonNode l = j.get(k);
      assertEquals(4, l.get("clients").asInt(), k);
      assertEquals(20, l.get("requests").asInt(), k);
      assertEquals(0, l.get("errors").asInt(), k + " answered with errors: " + l);
      double p50 = l.get("p50_ms").asDouble();
      assertTrue(p50 > 0 && p50 <= l.get("p99_ms").asDouble() && l.get("p99_ms").asDouble() <= l.get("max_ms")
          .asDouble(), k + ": " + l);
      assertTrue(l.get("requests_per_s").asDouble() > 0, k + ": " + l);
    }

    JsonNode sat = j.get("saturation");
    assertEquals(6, sat.get("queue_limit").asInt());
    assertTrue(sat.get("accepted").asInt() >= 6, "the queue filled before the first refusal: " + sat);
    assertEquals(4, sat.get("refused").asInt(), "every client stops at its first refusal: " + sat);
    assertEquals(-32005, sat.get("refusal_code").asInt());
    assertEquals(4, sat.get("refusals_with_retry_after").asInt(), "each refusal carries data.retryAfterMs: " + sat);
    assertEquals(0, sat.get("other_answers").asInt(), sat.toString());
    assertTrue(sat.get("accepted_per_s").asDouble() > 0, sat.toString());
    assertTrue(sat.get("store_commits").asLong() >= 1
        && sat.get("store_writes").asLong() >= sat.get("accepted").asLong(), "each acceptance is a write: " + sat);

    int conns = j.get("connections_opened").asInt();
    assertTrue(conns >= 1 && conns <= 4, "one keep-alive connection per client at most: " + conns);
    Set<String> keys = new HashSet<>();
    j.fieldNames().forEachRemaining(keys::add);
    assertEquals(Set.of("model", "dev_srs", "cores", "max_heap_mb", "workers", "runs", "proofs_per_run", "warmup_s", "throughput",
        "get_job", "dedup_hit", "saturation", "connections_opened"), keys);
  }

  @Test
  void aBadOptionIsOneLineWithStatusTwo() {
    ModelCommandsTest.Outcome o = ModelCommandsTest.exec("bench", "sidecar", "--clients", "0");
    assertEquals(2, o.status());
    assertEquals(1, o.err().strip().lines().count(), o.err());
    assertTrue(o.err().startsWith("error: "), o.err());
    assertEquals(2, ModelCommandsTest.exec("bench", "sidecar", "--runs", "0").status());
    assertEquals(2, ModelCommandsTest.exec("bench", "sidecar", "--warmup", "-1").status());
  }
}
