package org.besuzkml.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.besuzkml.cli.Main;
import org.besuzkml.sidecar.SidecarFixture.Client;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Real HTTP calls to an in-process sidecar: the methods, the proof, the error codes, SSE, ops endpoints. */
class SidecarRpcTest {
  static final String ADMIN = "operator-token-0123456789";
  @TempDir static Path tmp;
  static Sidecar sidecar;
  static Client client;

  @BeforeAll
  static void start() throws Exception {
    Path token = tmp.resolve("admin.token");
    Files.writeString(token, ADMIN + "\n");
    sidecar = SidecarFixture.start(SidecarFixture.options(tmp.resolve("data")).withAdminToken(token)
        .withLimits(1, 1024, 64 * 1024));
    client = new Client(sidecar.port());
  }

  @AfterAll
  static void stop() {
    sidecar.close();
  }

  static int code(JsonNode response) {
    return response.get("error").get("code").asInt();
  }

  @Test
  void modelsListShapesScalesAndVkHash() throws Exception {
    JsonNode m = client.call("zkml_models", "[]").get("result").get(0);
    assertEquals("mlp", m.get("name").asText());
    assertTrue(m.get("id").asText().matches("0x[0-9a-f]{64}"));
    assertEquals("[1,3]", m.get("inputs").get(0).get("shape").toString());
    assertEquals(8, m.get("inputs").get(0).get("scale").asInt());
    assertEquals("[1,4]", m.get("outputs").get(0).get("shape").toString());
    assertTrue(m.get("vkBytes").asInt() > 0);
  }

  @Test
  void provedJobCarriesTheProofThatProveWritesAndVerifyAccepts() throws Exception {
    Path input = SidecarFixture.MLP.resolve("input.json");
    JsonNode inputJson = SidecarFixture.JSON.readTree(Files.readString(input));
    JsonNode r = client.call("zkml_requestProof", Map.of("model", "mlp", "input", inputJson)).get("result");
    assertFalse(r.get("deduplicated").asBoolean());
    JsonNode job = client.awaitDone(r.get("jobId").asText(), 60_000);
    assertEquals("PROVED", job.get("state").asText(), job.toString());
    assertEquals(1.0, job.get("progress").asDouble());
    assertTrue(job.get("timings").get("provingMs").asLong() >= 0);

    Path proofFile = tmp.resolve("sidecar-proof.json");
    Files.writeString(proofFile, job.get("proof").toString());
    Path cliProof = tmp.resolve("cli-proof.json");
    assertEquals(0, quiet("prove", SidecarFixture.model().toString(), "--input", input.toString(), "-o",
        cliProof.toString()));
    assertEquals(SidecarFixture.JSON.readTree(Files.readString(cliProof)), job.get("proof"),
        "the sidecar's proof JSON is the one `prove` writes");
    assertEquals(0, quiet("verify", SidecarFixture.model().toString(), proofFile.toString()));

    JsonNode v = client.call("zkml_verify", List.of(job.get("proof"))).get("result");
    assertTrue(v.get("valid").asBoolean(), v.toString());
    // a changed output is refused by zkml_verify as by `verify`
    JsonNode bad = job.get("proof").deepCopy();
    ((com.fasterxml.jackson.databind.node.ArrayNode) bad.get("outputs").get(0)).set(0, 0.5);
    assertFalse(client.call("zkml_verify", List.of(bad)).get("result").get("valid").asBoolean());

    // the same request again: the stored proof at once
    JsonNode again = client.call("zkml_requestProof", Map.of("model", "mlp", "input", inputJson)).get("result");
    assertTrue(again.get("deduplicated").asBoolean());
    assertEquals(r.get("jobId"), again.get("jobId"));
    assertEquals("PROVED", again.get("state").asText());
    assertFalse(again.has("cancelToken"), "a joined job is not the joiner's to cancel");
  }

  static int quiet(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    try {
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      return new CommandLine(new Main()).execute(args);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void protocolErrorsHaveTheirCodesAndOneLineMessages() throws Exception {
    assertEquals(-32700, code(client.rpc("{\"jsonrpc\":\"2.0\",")));
    assertEquals(-32700, code(client.rpc("{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"zkml_models\"}")));
    assertEquals(-32600, code(client.rpc("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"zkml_models\"}")));
    assertEquals(-32600, code(client.rpc("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}")));
    assertEquals(-32600, code(client.rpc("[]")));
    assertEquals(-32600, code(client.rpc("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"zkml_models\",\"params\":3}")));
    assertEquals(-32601, code(client.call("eth_blockNumber", "[]")));
    JsonNode e = client.rpc("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"nope\"}");
    assertEquals("x", e.get("id").asText());
    String msg = e.get("error").get("message").asText();
    assertFalse(msg.contains("\n") || msg.contains("\tat "), msg);
  }

  @Test
  void badInputsAreInvalidParams() throws Exception {
    String[] bad = {
        "{\"model\":\"nosuch\",\"input\":{\"input_data\":[[1,2,3]]}}", // unknown model
        "{\"model\":\"mlp\",\"input\":{\"input_data\":[[1,2]]}}", // wrong shape
        "{\"model\":\"mlp\",\"input\":{\"input_data\":[[1,2,3],[4]]}}", // wrong input count
        "{\"model\":\"mlp\",\"input\":{\"input_data\":[[1,NaN,3]]}}", // NaN
        "{\"model\":\"mlp\",\"input\":{\"input_data\":[[1,Infinity,3]]}}",
        "{\"model\":\"mlp\",\"input\":{\"input_data\":[[1,1e9,3]]}}", // beyond (2^31-1)/2^8
        "{\"model\":\"mlp\",\"input\":{\"input_data\":[[1,\"2\",3]]}}",
        "{\"model\":\"mlp\"}",
        "{\"model\":\"mlp\",\"input\":{\"input_data\":[[1,2,3]]},\"submit\":\"yes\"}",
        "{\"model\":\"mlp\",\"input\":{\"input_data\":[[1,2,3]]},\"color\":1}",
    };
    for (String p : bad) {
      JsonNode r = client.call("zkml_requestProof", p);
      assertEquals(-32602, code(r), p + " -> " + r);
      assertFalse(r.get("error").get("message").asText().contains("\n"));
    }
    assertTrue(client.call("zkml_requestProof", bad[3]).get("error").get("message").asText().contains("NaN"));
    JsonNode noChain = client.call("zkml_requestProof", "{\"model\":\"mlp\",\"input\":{\"input_data\":[[1,2,3]]},"
        + "\"submit\":true}");
    assertEquals(-32602, code(noChain), "submit without a configured chain");
    assertTrue(noChain.get("error").get("message").asText().contains("--chain-rpc"), noChain.toString());
    assertEquals(-32001, code(client.call("zkml_getJob", "[\"no-such-job\"]")));
    assertEquals(-32602, code(client.call("zkml_getJob", "[]")));
    assertEquals(-32602, code(client.call("zkml_verify", "[{\"model\":\"0x00\",\"proof\":\"0x\"}]")));
  }

  @Test
  void requestOverTheSizeLimitIsRefusedWithItsCode() throws Exception {
    String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"zkml_models\",\"params\":[\"" + "x".repeat(70_000) + "\"]}";
    HttpResponse<String> r = client.post(big);
    assertEquals(413, r.statusCode());
    assertEquals(-32006, code(SidecarFixture.JSON.readTree(r.body())));
  }

  @Test
  void batchesAnswerEachCallAndSkipNotifications() throws Exception {
    JsonNode r = client.rpc("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"zkml_models\"},"
        + "{\"jsonrpc\":\"2.0\",\"method\":\"zkml_models\"},"
        + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"nope\"}, 5]");
    assertEquals(3, r.size(), r.toString());
    assertTrue(r.get(0).has("result"));
    assertEquals(-32601, code(r.get(1)));
    assertEquals(-32600, code(r.get(2)));
    assertEquals(204, client.post("{\"jsonrpc\":\"2.0\",\"method\":\"zkml_models\"}").statusCode());
  }

  @Test
  void idempotencyKeyReturnsItsJobAndRefusesAnotherInput() throws Exception {
    String p = "{\"model\":\"mlp\",\"input\":{\"input_data\":[[0.25,0.5,0.75]]},\"idempotencyKey\":\"order-17\"}";
    JsonNode a = client.call("zkml_requestProof", p).get("result");
    JsonNode b = client.call("zkml_requestProof", p).get("result");
    assertEquals(a.get("jobId"), b.get("jobId"));
    assertTrue(b.get("deduplicated").asBoolean());
    String other = "{\"model\":\"mlp\",\"input\":{\"input_data\":[[0.5,0.5,0.75]]},\"idempotencyKey\":\"order-17\"}";
    assertEquals(-32007, code(client.call("zkml_requestProof", other)));
  }

  @Test
  void cancelNeedsTheJobsTokenOrTheAdminToken() throws Exception {
    JsonNode r = client.call("zkml_requestProof", SidecarFixture.request(0.125, 0.375, 0.625)).get("result");
    String id = r.get("jobId").asText();
    assertEquals(-32002, code(client.call("zkml_cancel", List.of(id))));
    assertEquals(-32002, code(client.call("zkml_cancel", List.of(id, "0x00000000000000000000000000000000"))));
    JsonNode c = client.call("zkml_cancel", List.of(id, r.get("cancelToken").asText())).get("result");
    assertEquals(id, c.get("jobId").asText());
    JsonNode done = client.awaitDone(id, 60_000);
    assertTrue(List.of("CANCELLED", "PROVED").contains(done.get("state").asText()), done.toString());
    Client op = new Client(sidecar.port());
    op.bearer = ADMIN;
    assertEquals(-32001, code(op.call("zkml_cancel", List.of("no-such-job"))));
    assertTrue(op.call("zkml_cancel", List.of(id)).has("result"), "the operator may cancel any job");
  }

  @Test
  void progressStreamsAsServerSentEventsAndResumes() throws Exception {
    JsonNode r = client.call("zkml_requestProof", SidecarFixture.request(0.0625, 0.1875, 0.3125)).get("result");
    String id = r.get("jobId").asText();
    HttpResponse<String> sse = client.get("/jobs/" + id + "/events");
    assertEquals(200, sse.statusCode());
    assertTrue(sse.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
    List<String> ids = sse.body().lines().filter(l -> l.startsWith("id: ")).map(l -> l.substring(4)).toList();
    assertTrue(sse.body().contains("\"state\":\"PROVED\""), sse.body());
    assertTrue(sse.body().contains("event: progress"), sse.body());
    for (int i = 1; i < ids.size(); i++) {
      assertTrue(Long.parseLong(ids.get(i)) > Long.parseLong(ids.get(i - 1)), "event ids increase");
    }
    // resume after the second event: only the later ones come back
    String after = ids.get(1);
    HttpResponse<String> resumed = client.get("/jobs/" + id + "/events", "Last-Event-ID", after);
    List<String> rest = resumed.body().lines().filter(l -> l.startsWith("id: ")).map(l -> l.substring(4)).toList();
    assertEquals(ids.subList(2, ids.size()), rest);
    assertEquals(404, client.get("/jobs/nope/events").statusCode());
  }

  @Test
  void metricsHealthAndReadiness() throws Exception {
    JsonNode r = client.call("zkml_requestProof", SidecarFixture.request(1, 1, 1)).get("result");
    client.awaitDone(r.get("jobId").asText(), 60_000);
    client.call("zkml_requestProof", SidecarFixture.request(1, 1, 1));
    String m = client.get("/metrics").body();
    for (String name : new String[] {"zkml_queue_depth", "zkml_running_jobs", "zkml_jobs_total",
        "zkml_proving_seconds_bucket", "zkml_dedup_hits_total", "zkml_store_commits_total"}) {
      assertTrue(m.contains(name), name + " in\n" + m);
    }
    assertTrue(m.contains("outcome=\"PROVED\""), m);
    assertEquals(200, client.get("/health").statusCode());
    assertEquals(200, client.get("/ready").statusCode());
    assertNotEquals(-1, client.get("/ready").body().indexOf("READY"));
  }
}
