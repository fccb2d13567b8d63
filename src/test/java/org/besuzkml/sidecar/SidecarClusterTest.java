package org.besuzkml.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.besuzkml.sidecar.cluster.ClusterOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two clustered sidecars in this JVM (real Hazelcast on loopback, real HTTP between them): one job
 * per input whichever member is asked, getJob and cancel answered by the member that does not hold
 * the job, and the member-to-member method refusing what no member claimed. Killing a member is
 * {@code SidecarClusterIT}'s part.
 */
class SidecarClusterTest {
  @TempDir static Path tmp;
  static Sidecar a;
  static Sidecar b;
  static SidecarFixture.Client ca;
  static SidecarFixture.Client cb;

  @BeforeAll
  static void startTwo() throws Exception {
    int pa = freePort();
    int pb = freePort();
    String seeds = "127.0.0.1:" + pa + ",127.0.0.1:" + pb;
    a = SidecarFixture.start(SidecarFixture.options(tmp.resolve("a")).withLimits(1, 1024, 1 << 20)
        .withCluster(ClusterOptions.parse("127.0.0.1", pa, seeds, "zkml-test-" + pa)));
    b = SidecarFixture.start(SidecarFixture.options(tmp.resolve("b")).withLimits(1, 1024, 1 << 20)
        .withCluster(ClusterOptions.parse("127.0.0.1", pb, seeds, "zkml-test-" + pa)));
    ca = new SidecarFixture.Client(a.port());
    cb = new SidecarFixture.Client(b.port());
    long until = System.currentTimeMillis() + 30_000;
    for (SidecarFixture.Client c : List.of(ca, cb)) {
      while (c.call("zkml_cluster", "[]").get("result").get("members").size() != 2) {
        assertTrue(System.currentTimeMillis() < until, "the two members do not see each other");
        Thread.sleep(50);
      }
    }
  }

  @AfterAll
  static void stop() {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
  }

  @Test
  void oneInputIsOneJobOnEitherMemberAndEitherServesItsProof() throws Exception {
    String req = SidecarFixture.request(0.5, 0.75, 0.25);
    JsonNode first = ca.call("zkml_requestProof", req).get("result");
    assertFalse(first.get("deduplicated").asBoolean());
    assertTrue(first.has("cancelToken"));
    String id = first.get("jobId").asText();
    JsonNode second = cb.call("zkml_requestProof", req).get("result");
    assertEquals(id, second.get("jobId").asText(), "the other member made its own job");
    assertTrue(second.get("deduplicated").asBoolean());
    JsonNode da = ca.awaitDone(id, 60_000);
    JsonNode db = cb.awaitDone(id, 60_000);
    assertEquals("PROVED", da.get("state").asText(), da.toString());
    assertEquals("PROVED", db.get("state").asText(), db.toString());
    assertEquals(da.get("proof"), db.get("proof"), "both members serve the one proof");
    // exactly one of them answers from the shared record, naming the member that holds the job
    assertTrue(da.has("member") ^ db.has("member"), da + " / " + db);
    JsonNode v = cb.call("zkml_verify", List.of(db.get("proof"))).get("result");
    assertTrue(v.get("valid").asBoolean(), v.toString());
  }

  @Test
  void cancelReachesTheMemberThatHoldsTheJob() throws Exception {
    // Batches of 100 (the batch limit) to one member, one prover thread each: jobs land on both,
    // and usually the last ones still wait when the batch answers. Whether any does depends on how
    // fast this machine stores jobs against how fast it proves them (on CI every job of a batch was
    // once proved first), so a batch with none left to cancel is followed by another, up to 5.
    int cancelledRemotely = 0;
    for (int round = 0; round < 5 && cancelledRemotely == 0; round++) {
      StringBuilder batch = new StringBuilder("[");
      for (int k = 0; k < 100; k++) {
        batch.append(k == 0 ? "" : ",").append("{\"jsonrpc\":\"2.0\",\"id\":").append(k)
            .append(",\"method\":\"zkml_requestProof\",\"params\":")
            .append(SidecarFixture.request(0.03125 * k, 0.0625 * round, 0.4375)).append('}');
      }
      JsonNode answers = ca.rpc(batch.append(']').toString());
      assertEquals(100, answers.size(), answers.toString());
      for (int k = answers.size() - 1; k >= 0 && cancelledRemotely < 3; k--) {
        JsonNode r = answers.get(k).get("result");
        assertFalse(r.get("deduplicated").asBoolean(), "inputs of a round are new: " + r);
        String id = r.get("jobId").asText();
        boolean onB = ca.call("zkml_getJob", List.of(id)).get("result").has("member");
        SidecarFixture.Client notHolder = onB ? ca : cb;
        JsonNode wrong = notHolder.call("zkml_cancel", List.of(id, "0x00"));
        JsonNode right = notHolder.call("zkml_cancel", List.of(id, r.get("cancelToken").asText()))
            .get("result");
        String state = right.get("state").asText();
        if (!right.get("cancelled").asBoolean()) { // it was over before the cancel reached it
          assertTrue(state.equals("PROVED"), right.toString());
          continue;
        }
        // the holder took the token: a waiting job ends at once, a proving one at its next phase
        assertEquals(-32002, wrong.get("error").get("code").asInt(), "the holder checks its token: " + wrong);
        if (state.equals("CANCELLED")) {
          cancelledRemotely++;
          for (SidecarFixture.Client c : List.of(ca, cb)) {
            assertEquals("CANCELLED", c.awaitDone(id, 60_000).get("state").asText());
          }
        } else {
          assertEquals("PROVING", state, right.toString());
        }
      }
    }
    assertTrue(cancelledRemotely > 0, "no job was still waiting when cancelled through the other member, "
        + "in 5 batches of 100");
  }

  @Test
  void theMemberToMemberMethodRefusesAJobNoMemberClaimed() throws Exception {
    JsonNode models = ca.call("zkml_models", "[]").get("result");
    String model = models.get(0).get("id").asText();
    JsonNode e = cb.call("zkml_clusterAccept", "{\"jobId\":\"planted\",\"model\":\"" + model
        + "\",\"input\":\"[[1,2,3]]\",\"submit\":false,\"timeoutMs\":0}").get("error");
    assertEquals(-32602, e.get("code").asInt(), e.toString());
    assertTrue(e.get("message").asText().contains("not the cluster's claim"), e.toString());
    JsonNode unknown = cb.call("zkml_clusterAccept", "{\"jobId\":\"x\",\"model\":\"0x00\",\"input\":\"[[1]]\","
        + "\"submit\":false}").get("error");
    assertEquals(-32602, unknown.get("code").asInt(), unknown.toString());
    JsonNode junk = cb.call("zkml_clusterAccept", "[1]").get("error");
    assertEquals(-32602, junk.get("code").asInt(), junk.toString());
    assertEquals(-32001, ca.call("zkml_getJob", "[\"planted\"]").get("error").get("code").asInt());
  }

  @Test
  void aSidecarWithoutClusterSaysSo() throws Exception {
    try (Sidecar alone = SidecarFixture.start(SidecarFixture.options(tmp.resolve("alone")))) {
      SidecarFixture.Client c = new SidecarFixture.Client(alone.port());
      assertFalse(c.call("zkml_cluster", "[]").get("result").get("clustered").asBoolean());
      JsonNode e = c.call("zkml_clusterAccept", "{}").get("error");
      assertEquals(-32602, e.get("code").asInt());
      assertTrue(e.get("message").asText().contains("not in a cluster"), e.toString());
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
