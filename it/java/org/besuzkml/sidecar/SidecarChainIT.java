package org.besuzkml.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.besuzkml.chain.ChainClient;
import org.besuzkml.chain.ChainSubmitter;
import org.besuzkml.chain.ContractArtifact;
import org.besuzkml.chain.SigningKey;
import org.besuzkml.chain.LocalEthNode;
import org.besuzkml.precompile.ZkmlAbi;
import org.besuzkml.sidecar.submit.ChainSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Chain submission through the sidecar against a real ganache node (it/node), with the TEST
 * STAND-IN verifier ({@code StubZkmlVerifier}) at the precompile address 0x...0a01: a real 1l_mlp
 * proof made by the sidecar goes PROVED, SUBMITTED, CONFIRMED with a receipt on the node; a
 * verifier that rejects it ends the job FAILED and not retryable with the decoded reason; a node
 * killed and restarted mid-submission, a sidecar closed before the broadcast, and a sidecar process
 * killed with SIGKILL after it, or between storing its signed transaction and sending it, all still
 * put exactly one transaction on chain (the stored bytes, sent again after the restart). Every transaction is
 * counted from the account's nonce.
 */
class SidecarChainIT {
  static final String PRECOMPILE = ChainSettings.DEFAULT_PRECOMPILE;
  /** Where the always-rejecting verifier is put (a sidecar is pointed at it with --chain-precompile). */
  static final String REJECTING = "0x0000000000000000000000000000000000000b01";
  static final Path KEY = LocalEthNode.KEY_FILES[0];
  static final Path JAR = Path.of("target/zkml.jar");

  static LocalEthNode node;
  static String account;

  @TempDir Path tmp;

  @BeforeAll
  static void startNode() throws Exception {
    node = LocalEthNode.start(Files.createTempDirectory("zkml-sidecar-ganache"), "shanghai");
    node.setCode(PRECOMPILE, Numeric.toHexString(ContractArtifact.read(
        Path.of("it/solidity/build/StubZkmlVerifier.json")).deployedBytecode()));
    node.setCode(REJECTING, rejectingVerifier("stand-in verifier: this proof is rejected"));
    account = org.web3j.crypto.Credentials.create(Files.readString(KEY).strip()).getAddress();
    SidecarFixture.model();
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  static ChainSettings chain(String precompile) {
    ChainSettings s = ChainSettings.of(node.url(), KEY, null, "precompile").withRetries(5, Duration.ofMillis(300));
    return new ChainSettings(s.rpcUrl(), s.keyFile(), null, s.target(), precompile, 1337, 1, 2, s.attempts(),
        s.retryDelay(), s.receiptTimeout());
  }

  static Sidecar sidecar(Path data, String precompile) throws Exception {
    return SidecarFixture.start(SidecarFixture.options(data).withChain(chain(precompile)));
  }

  @Test
  void aProofWithSubmitGoesProvedSubmittedConfirmedWithItsReceiptOnTheNode() throws Exception {
    long nonce = nonce();
    try (Sidecar s = sidecar(tmp.resolve("data"), PRECOMPILE)) {
      SidecarFixture.Client c = new SidecarFixture.Client(s.port());
      String id = request(c, 0.25, -0.5, 0.75);
      List<JsonNode> events = events(s.port(), id);
      List<String> states = events.stream().map(e -> e.get("state").asText()).distinct().toList();
      assertEquals(List.of("PROVED", "SUBMITTED", "CONFIRMED"), states.subList(states.size() - 3, states.size()),
          "states seen on the event stream: " + states);
      JsonNode last = events.get(events.size() - 1);
      JsonNode job = awaitState(c, id, "CONFIRMED", 30_000);
      JsonNode tx = job.get("chain");
      assertEquals(last.get("chain"), tx, "the last event carries the receipt as zkml_getJob shows it");
      assertEquals(1, tx.get("status").asInt());
      assertTrue(tx.get("gasUsed").asLong() > 21_000, job.toString());
      assertTrue(job.has("proof"), "a confirmed job keeps its proof");

      JsonNode receipt = nodeResult("eth_getTransactionReceipt", "[\"" + tx.get("txHash").asText() + "\"]");
      assertEquals("0x1", receipt.get("status").asText());
      assertEquals(tx.get("blockNumber").asLong(), Numeric.decodeQuantity(receipt.get("blockNumber").asText()).longValue());
      assertEquals(tx.get("gasUsed").asLong(), Numeric.decodeQuantity(receipt.get("gasUsed").asText()).longValue());
      assertEquals(PRECOMPILE, receipt.get("to").asText());
      assertEquals(account, receipt.get("from").asText());
      assertEquals(nonce + 1, nonce(), "one transaction");

      String metrics = c.get("/metrics").body();
      assertTrue(metrics.lines().anyMatch(l -> l.startsWith("zkml_chain_submissions_total{") && l.contains(
          "outcome=\"CONFIRMED\"") && l.endsWith(" 1.0")), metrics);
    }
  }

  @Test
  void aRejectedProofEndsFailedNotRetryableWithTheDecodedReasonAndSendsNothing() throws Exception {
    long nonce = nonce();
    try (Sidecar s = sidecar(tmp.resolve("data"), REJECTING)) {
      SidecarFixture.Client c = new SidecarFixture.Client(s.port());
      String id = request(c, 0.5, 0.5, 0.5);
      JsonNode job = awaitState(c, id, "FAILED", 30_000);
      assertFalse(job.get("retryable").asBoolean(), job.toString());
      assertTrue(job.get("error").asText().contains("InvalidProof(stand-in verifier: this proof is rejected)"),
          job.toString());
      assertTrue(job.get("chain").get("txHash").isNull(), "its gas estimate reverted: nothing was sent");
      assertEquals(nonce, nonce());
      assertTrue(c.get("/metrics").body().contains("outcome=\"REVERTED\""));
    }
  }

  @Test
  void aNodeKilledAndRestartedMidSubmissionStillConfirmsExactlyOnce() throws Exception {
    long nonce = nonce();
    try (Sidecar s = sidecar(tmp.resolve("data"), PRECOMPILE)) {
      SidecarFixture.Client c = new SidecarFixture.Client(s.port());
      node.kill();
      String id;
      try {
        id = request(c, -0.25, 0.125, 1.0);
        awaitState(c, id, "PROVED", 30_000);
        Thread.sleep(1000); // the submission retries against the dead port meanwhile
        assertEquals("PROVED", job(c, id).get("state").asText());
      } finally {
        node.restart();
      }
      JsonNode job = awaitState(c, id, "CONFIRMED", 30_000);
      assertEquals(1, job.get("chain").get("status").asInt());
    }
    assertEquals(nonce + 1, nonce(), "one transaction");
  }

  @Test
  void aSidecarClosedBeforeTheBroadcastSubmitsOnceAfterItsRestart() throws Exception {
    long nonce = nonce();
    Path data = tmp.resolve("data");
    String id;
    Sidecar first = sidecar(data, PRECOMPILE);
    node.kill();
    try {
      id = request(new SidecarFixture.Client(first.port()), 0.0625, 0.5, -1.0);
      awaitState(new SidecarFixture.Client(first.port()), id, "PROVED", 30_000);
    } finally {
      first.close(); // while the broadcast still waits for the node: the job stays PROVED on disk
      node.restart();
    }
    assertEquals(nonce, nonce(), "nothing sent yet");
    try (Sidecar s = sidecar(data, PRECOMPILE)) {
      SidecarFixture.Client c = new SidecarFixture.Client(s.port());
      JsonNode job = awaitState(c, id, "CONFIRMED", 30_000);
      assertEquals(1, job.get("chain").get("status").asInt());
    }
    assertEquals(nonce + 1, nonce(), "one transaction");
  }

  @Test
  void aSidecarProcessKilledAfterTheBroadcastResumesByHashAndSendsOnce() throws Exception {
    Path data = tmp.resolve("data");
    long nonce = nonce();
    String id;
    String hash;
    assertTrue(node.rpc("miner_stop", "[]").contains("true"));
    try {
      try (Proc p = new Proc(data, tmp.resolve("a.log"))) {
        SidecarFixture.Client c = new SidecarFixture.Client(p.port);
        id = request(c, 0.75, 0.25, -0.125);
        JsonNode job = awaitState(c, id, "SUBMITTED", 60_000);
        hash = job.get("chain").get("txHash").asText();
        p.kill(); // SIGKILL while the receipt is awaited (no block is mined meanwhile)
      }
    } finally {
      assertTrue(node.rpc("miner_start", "[]").contains("true"));
    }
    try (Proc p = new Proc(data, tmp.resolve("b.log"))) {
      SidecarFixture.Client c = new SidecarFixture.Client(p.port);
      JsonNode job = awaitState(c, id, "CONFIRMED", 60_000);
      assertEquals(hash, job.get("chain").get("txHash").asText(), "the stored transaction, awaited by its hash");
      String key = Files.readString(KEY).strip().replaceFirst("^0x", "");
      for (String line : Files.readAllLines(tmp.resolve("a.log"))) {
        assertFalse(line.contains(key.substring(0, 16)), "the key is never logged");
      }
    }
    assertEquals(nonce + 1, nonce(), "one transaction");
  }

  @Test
  void aSidecarProcessKilledBetweenStoringAndSendingItsSignedTransactionSendsThoseBytesOnce() throws Exception {
    Path data = tmp.resolve("data");
    long nonce = nonce();
    String id;
    String hash;
    Path log = tmp.resolve("a.log");
    try (Proc p = new Proc(data, log, "-Dzkml.test.holdAfterSignedStoreMs=120000")) {
      SidecarFixture.Client c = new SidecarFixture.Client(p.port);
      id = request(c, -0.75, 0.375, 0.125);
      hash = awaitState(c, id, "SUBMITTED", 60_000).get("chain").get("txHash").asText();
      long end = System.currentTimeMillis() + 30_000;
      while (Files.readAllLines(log).stream().noneMatch(l -> l.contains("\"chain.test_hold\""))) {
        assertTrue(System.currentTimeMillis() < end, "the hold after the store");
        Thread.sleep(25);
      }
      assertTrue(nodeResult("eth_getTransactionByHash", "[\"" + hash + "\"]").isNull(), "not sent yet");
      p.kill(); // SIGKILL after the durable store, before the broadcast
    }
    assertEquals(nonce, nonce(), "nothing on chain");
    assertTrue(nodeResult("eth_getTransactionByHash", "[\"" + hash + "\"]").isNull(), "the node never saw it");
    String[] stored = storedSignedTx(data, id);
    assertEquals(hash, Numeric.toHexString(Hash.sha3(Numeric.hexStringToByteArray(stored[0]))),
        "the stored bytes are the transaction the job names");
    assertEquals(nonce, Long.parseLong(stored[1]), "signed at the account's next nonce");
    try (Proc p = new Proc(data, tmp.resolve("b.log"))) {
      SidecarFixture.Client c = new SidecarFixture.Client(p.port);
      JsonNode job = awaitState(c, id, "CONFIRMED", 60_000);
      assertEquals(hash, job.get("chain").get("txHash").asText(), "the stored bytes were sent, not a new signature");
      assertEquals(1, job.get("chain").get("status").asInt());
    }
    assertEquals(nonce + 1, nonce(), "one transaction");
    assertEquals(nonce, Numeric.decodeQuantity(nodeResult("eth_getTransactionByHash", "[\"" + hash + "\"]")
        .get("nonce").asText()).longValue());
  }

  @Test
  void aSidecarKilledWhileSubmittedWhoseTransactionIsMinedMeanwhileConfirmsItWithoutAnotherOne() throws Exception {
    Path data = tmp.resolve("data");
    long nonce = nonce();
    String id;
    String hash;
    assertTrue(node.rpc("miner_stop", "[]").contains("true"));
    try {
      try (Proc p = new Proc(data, tmp.resolve("a.log"))) {
        SidecarFixture.Client c = new SidecarFixture.Client(p.port);
        id = request(c, 0.875, -0.625, 0.25);
        hash = awaitState(c, id, "SUBMITTED", 60_000).get("chain").get("txHash").asText();
        long end = System.currentTimeMillis() + 30_000;
        while (nodeResult("eth_getTransactionByHash", "[\"" + hash + "\"]").isNull()) {
          assertTrue(System.currentTimeMillis() < end, "the broadcast reaches the node");
          Thread.sleep(25);
        }
        p.kill();
      }
    } finally {
      assertTrue(node.rpc("miner_start", "[]").contains("true"));
    }
    assertTrue(node.rpc("evm_mine", "[]").contains("\"result\""));
    long end = System.currentTimeMillis() + 30_000;
    while (nonce() == nonce) { // mined before the restart: the stored bytes' nonce is now used
      assertTrue(System.currentTimeMillis() < end, "mined");
      Thread.sleep(25);
    }
    try (Proc p = new Proc(data, tmp.resolve("b.log"))) {
      SidecarFixture.Client c = new SidecarFixture.Client(p.port);
      JsonNode job = awaitState(c, id, "CONFIRMED", 60_000);
      assertEquals(hash, job.get("chain").get("txHash").asText());
    }
    assertEquals(nonce + 1, nonce(), "one transaction");
  }

  @Test
  void aStoredTransactionWhoseNonceAnotherSenderTookIsSignedAgainStoredAndSentOnce() throws Exception {
    long nonce = nonce();
    Path data = tmp.resolve("data");
    try (Sidecar s = sidecar(data, PRECOMPILE);
        ChainClient other = ChainClient.connect(node.url(), SigningKey.fromFile(KEY))) {
      SidecarFixture.Client c = new SidecarFixture.Client(s.port());
      String first = request(c, 0.125, 0.125, 0.625);
      awaitState(c, first, "CONFIRMED", 30_000); // the sidecar's client now counts nonces itself
      assertTrue(other.send(account, new byte[0], java.math.BigInteger.valueOf(21_000)).success(),
          "another sender with the same key takes the next nonce");
      String second = request(c, -0.125, 0.375, 0.625);
      JsonNode job = awaitState(c, second, "CONFIRMED", 30_000);
      String[] stored = storedSignedTx(data, second);
      assertEquals(nonce + 2, Long.parseLong(stored[1]), "signed again at the next free nonce, and stored");
      assertEquals(job.get("chain").get("txHash").asText(),
          Numeric.toHexString(Hash.sha3(Numeric.hexStringToByteArray(stored[0]))), "the stored bytes were mined");
    }
    assertEquals(nonce + 3, nonce(), "the sidecar's two transactions and the other sender's one");
  }

  /** The job's stored signed transaction and nonce, read from the sidecar's SQLite file itself. */
  static String[] storedSignedTx(Path data, String id) throws Exception {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve(Sidecar.DB));
        java.sql.PreparedStatement ps = c.prepareStatement("SELECT raw_tx, nonce FROM submissions WHERE job_id = ?")) {
      ps.setString(1, id);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next(), "a stored submission");
        return new String[] {rs.getString(1), Long.toString(rs.getLong(2))};
      }
    }
  }

  @Test
  void aConsumerTargetIsConfirmedOnlyUnderTheConfiguredDepth() throws Exception {
    byte[] vk = Files.readAllBytes(SidecarFixture.model().resolve("vk.bzkv"));
    try (ChainSubmitter owner = new ChainSubmitter(ChainClient.connect(node.url(),
        SigningKey.fromFile(LocalEthNode.KEY_FILES[1])))) {
      String consumer = owner.deployConsumer(ContractArtifact.read(Path.of("it/solidity/build/ZkmlConsumer.json")),
          PRECOMPILE, Hash.sha3(vk)).contractAddress();
      ChainSettings base = chain(PRECOMPILE);
      ChainSettings toConsumer = new ChainSettings(base.rpcUrl(), base.keyFile(), null, consumer, PRECOMPILE, 1337,
          2, 1, base.attempts(), base.retryDelay(), base.receiptTimeout());
      long nonce = nonce();
      try (Sidecar s = SidecarFixture.start(SidecarFixture.options(tmp.resolve("data")).withChain(toConsumer))) {
        SidecarFixture.Client c = new SidecarFixture.Client(s.port());
        String id = request(c, 1.0, 0.5, 0.25);
        String hash = awaitState(c, id, "SUBMITTED", 30_000).get("chain").get("txHash").asText();
        long end = System.currentTimeMillis() + 10_000;
        while (node.rpc("eth_getTransactionReceipt", "[\"" + hash + "\"]").contains("\"result\":null")) {
          assertTrue(System.currentTimeMillis() < end, "ganache mines at once");
          Thread.sleep(25);
        }
        Thread.sleep(600);
        assertEquals("SUBMITTED", job(c, id).get("state").asText(), "mined, but one block deep of two");
        assertTrue(node.rpc("evm_mine", "[]").contains("\"result\""));
        JsonNode job = awaitState(c, id, "CONFIRMED", 30_000);
        assertEquals(hash, job.get("chain").get("txHash").asText());
        assertEquals(consumer, nodeResult("eth_getTransactionReceipt", "[\"" + hash + "\"]").get("to").asText());
      }
      assertEquals(1, owner.accepted(consumer), "the consumer accepted the sidecar's proof");
      assertEquals(nonce + 1, nonce(), "one transaction");
    }
  }

  @Test
  void aNodeThatStaysDownEndsTheJobFailedAndRetryableWithNothingSent() throws Exception {
    long nonce = nonce();
    Sidecar s = SidecarFixture.start(SidecarFixture.options(tmp.resolve("data"))
        .withChain(chain(PRECOMPILE).withRetries(1, Duration.ofMillis(100))));
    node.kill();
    try {
      SidecarFixture.Client c = new SidecarFixture.Client(s.port());
      String id = request(c, 0.5, -0.25, 0.0);
      JsonNode job = awaitState(c, id, "FAILED", 40_000);
      assertTrue(job.get("retryable").asBoolean(), job.toString());
      assertTrue(job.get("error").asText().startsWith("not sent: "), job.toString());
      assertTrue(job.get("chain").get("txHash").isNull());
      assertTrue(c.get("/metrics").body().contains("outcome=\"FAILED_RETRYABLE\""));
    } finally {
      s.close();
      node.restart();
    }
    assertEquals(nonce, nonce());
  }

  /** The real sidecar jar as a process with chain submission, killed with SIGKILL on close. */
  static final class Proc implements AutoCloseable {
    final Process process;
    final int port;

    Proc(Path data, Path log, String... jvmArgs) throws Exception {
      List<String> cmd = new ArrayList<>(List.of("java", "-Xmx512m"));
      cmd.addAll(List.of(jvmArgs));
      cmd.addAll(List.of("-jar", JAR.toString(), "sidecar", "--models", SidecarFixture.model().toString(), "--data",
          data.toString(), "--port", "0", "--workers", "1", "--chain-rpc", node.url(), "--chain-key-file",
          KEY.toString(), "--chain-id", "1337"));
      process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      CompletableFuture<Integer> listening = new CompletableFuture<>();
      Thread t = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8)); var w = Files.newBufferedWriter(log)) {
          for (String line; (line = r.readLine()) != null; ) {
            w.write(line);
            w.newLine();
            w.flush();
            if (line.contains("\"sidecar.listening\"")) {
              listening.complete(SidecarFixture.JSON.readTree(line).get("port").asInt());
            }
          }
        } catch (java.io.IOException e) {
          listening.completeExceptionally(e);
        }
        listening.completeExceptionally(new IllegalStateException("the sidecar exited before listening"));
      }, "sidecar-log");
      t.setDaemon(true);
      t.start();
      port = listening.get(60, TimeUnit.SECONDS);
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
      kill();
    }
  }

  static String request(SidecarFixture.Client c, double a, double b, double d) throws Exception {
    String params = SidecarFixture.request(a, b, d).replace("}}", "},\"submit\":true}");
    JsonNode r = c.call("zkml_requestProof", "[" + params + "]");
    assertTrue(r.has("result"), r.toString());
    assertTrue(r.get("result").get("submit").asBoolean());
    return r.get("result").get("jobId").asText();
  }

  static JsonNode job(SidecarFixture.Client c, String id) throws Exception {
    return c.call("zkml_getJob", List.of(id)).get("result");
  }

  static JsonNode awaitState(SidecarFixture.Client c, String id, String state, long timeoutMs) throws Exception {
    long end = System.currentTimeMillis() + timeoutMs;
    while (true) {
      JsonNode j = job(c, id);
      if (j.get("state").asText().equals(state)) {
        return j;
      }
      if (List.of("FAILED", "CANCELLED", "EXPIRED", "CONFIRMED").contains(j.get("state").asText())
          || System.currentTimeMillis() > end) {
        throw new AssertionError("waiting for " + state + ": " + j);
      }
      Thread.sleep(25);
    }
  }

  /** The job's server-sent events, read until the stream ends (at its last state). */
  static List<JsonNode> events(int port, String id) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/jobs/" + id + "/events"))
        .timeout(Duration.ofSeconds(60)).GET().build();
    HttpResponse<java.util.stream.Stream<String>> r = HttpClient.newHttpClient().send(req,
        HttpResponse.BodyHandlers.ofLines());
    List<JsonNode> out = new CopyOnWriteArrayList<>();
    r.body().filter(l -> l.startsWith("data:")).forEach(l -> {
      try {
        out.add(SidecarFixture.JSON.readTree(l.substring(5).strip()));
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    });
    return new ArrayList<>(out);
  }

  /** The account's mined transaction count: every transaction it ever sent, once mined. */
  static long nonce() throws Exception {
    return Numeric.decodeQuantity(nodeResult("eth_getTransactionCount", "[\"" + account + "\",\"latest\"]").asText())
        .longValue();
  }

  static JsonNode nodeResult(String method, String params) throws Exception {
    JsonNode r = SidecarFixture.JSON.readTree(node.rpc(method, params));
    assertTrue(r.has("result"), method + ": " + r);
    return r.get("result");
  }

  /**
   * Runtime code that reverts every call with {@code InvalidProof(reason)}: copies the payload
   * appended after 12 bytes of code to memory and reverts with it. A real contract on the real node,
   * standing in for a verifier that rejects the proof.
   */
  static String rejectingVerifier(String reason) {
    byte[] payload = ZkmlAbi.invalidProof(reason);
    int n = payload.length;
    byte[] code = {0x61, (byte) (n >> 8), (byte) n, // PUSH2 n
        (byte) 0x80, // DUP1
        0x60, 0x0c, // PUSH1 12: the payload's offset in the code
        0x60, 0x00, // PUSH1 0
        0x39, // CODECOPY(0, 12, n)
        0x60, 0x00, // PUSH1 0
        (byte) 0xfd}; // REVERT(0, n)
    byte[] all = java.util.Arrays.copyOf(code, code.length + n);
    System.arraycopy(payload, 0, all, code.length, n);
    return Numeric.toHexString(all);
  }
}
