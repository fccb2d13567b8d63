package org.besuzkml.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.web3j.utils.Numeric;

/**
 * The chain package against a real local Ethereum node (ganache, pinned in it/node). Ganache has no
 * zkML precompile, so {@code StubZkmlVerifier}'s runtime code (a TEST STAND-IN: it accepts a proof
 * unless its first byte is 0) is put at the precompile address; everything else is real: a real
 * proof of 1l_mlp made by compile/setup/prove on the ceremony SRS, ZkmlConsumer deployed from the
 * checked-in artifact, EIP-1559 transactions signed with the dev key, receipts, eth_call reads,
 * revert decoding, nonces, and a node killed and restarted mid-submission.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChainGanacheIT {
  static final String PRECOMPILE = "0x0000000000000000000000000000000000000a01";
  static final Path BUILD = Path.of("it/solidity/build");

  static LocalEthNode node;
  static ChainSubmitter chain;
  static ProofStatement statement;
  static String consumer;

  @BeforeAll
  static void start() throws Exception {
    node = LocalEthNode.start(Files.createTempDirectory("zkml-ganache"), "shanghai");
    node.setCode(PRECOMPILE, Numeric.toHexString(ContractArtifact.read(BUILD.resolve("StubZkmlVerifier.json")).deployedBytecode()));
    chain = new ChainSubmitter(ChainClient.connect(node.url(), SigningKey.fromFile(LocalEthNode.KEY_FILES[0])));
    statement = ProvedModels.get("1l_mlp").statement();
  }

  @AfterAll
  static void stop() throws Exception {
    if (chain != null) {
      chain.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  @Order(1)
  void deploysTheConsumerAndVerifiesARealProofThroughIt() throws Exception {
    assertTrue(chain.client().eip1559(), "shanghai has a base fee: EIP-1559 transactions");
    assertEquals(1337, chain.client().chainId());
    assertEquals(statement.modelIdHex(), chain.precompileModelId(PRECOMPILE, statement.vk()));

    Receipt d = chain.deployConsumer(ContractArtifact.read(BUILD.resolve("ZkmlConsumer.json")), PRECOMPILE,
        statement.modelId());
    consumer = d.contractAddress();
    assertNotNull(consumer);

    Receipt r = chain.submit(SubmitRequest.toConsumer(consumer, statement));
    assertTrue(r.success(), () -> "receipt " + r);
    assertNull(r.revert());
    assertTrue(r.blockNumber() > d.blockNumber());
    // the calldata alone costs 21000 + 4/16 per zero/non-zero byte; storing outputs costs more
    byte[] data = ZkmlCalls.consumerSubmit(statement);
    assertTrue(r.gasUsed().longValue() > intrinsic(data) + 20_000L * outputCount(), "gas " + r.gasUsed());
    assertTrue(r.gasUsed().longValue() < intrinsic(data) + 60_000L * (outputCount() + 2), "gas " + r.gasUsed());
    System.out.printf("chain: 1l_mlp via ZkmlConsumer: gasUsed %d (calldata %d bytes, intrinsic %d)%n",
        r.gasUsed(), data.length, intrinsic(data));

    long[][] stored = chain.storedOutputs(consumer, statement.outputs());
    for (int i = 0; i < stored.length; i++) {
      assertArrayEquals(statement.outputs()[i], stored[i], "output " + i);
    }
    assertEquals(1, chain.accepted(consumer));
  }

  @Test
  @Order(2)
  void aTamperedProofRevertsWithTheDecodedReason() throws Exception {
    ProofStatement bad = zeroFirstByte(statement);
    // estimated first: nothing is sent, the reason comes back
    Receipt est = chain.submit(SubmitRequest.toConsumer(consumer, bad));
    assertFalse(est.sent());
    assertEquals("InvalidProof", est.revert().error(), est.revert().toString());
    assertTrue(est.revert().message().contains("proof starts with 0"));
    // forced on chain with a fixed gas limit: mined, status 0, the reason recovered by replay
    Receipt mined = chain.submit(SubmitRequest.toConsumer(consumer, bad).withGasLimit(BigInteger.valueOf(3_000_000)));
    assertTrue(mined.sent());
    assertFalse(mined.success());
    assertEquals("InvalidProof", mined.revert().error(), mined.revert().toString());
    assertEquals(1, chain.accepted(consumer), "the rejected proof stored nothing");
    // the consumer refuses another model's (valid) proof with its own require()
    Receipt other = chain.submit(SubmitRequest.toConsumer(consumer,
        new ProofStatement(new byte[] {1, 2, 3}, statement.inputs(), statement.outputs(), statement.proof())));
    assertEquals("Error(another model)", other.revert().toString());
  }

  @Test
  @Order(3)
  void aTransactionStraightToThePrecompileAddress() throws Exception {
    Receipt r = chain.submit(SubmitRequest.toPrecompile(PRECOMPILE, statement));
    assertTrue(r.success(), () -> "receipt " + r);
    assertTrue(r.gasUsed().longValue() > intrinsic(ZkmlCalls.precompileVerify(statement)));
    assertNull(chain.dryRun(SubmitRequest.toPrecompile(PRECOMPILE, statement)));
    assertEquals("InvalidProof", chain.dryRun(SubmitRequest.toPrecompile(PRECOMPILE, zeroFirstByte(statement))).error());
  }

  @Test
  @Order(4)
  void backToBackTransactionsGetConsecutiveNoncesAndStaleNoncesResync() throws Exception {
    int n = 6;
    long t0 = System.nanoTime();
    long retries = chain.client().retries();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Future<Receipt>> fs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      fs.add(pool.submit(() -> chain.submit(SubmitRequest.toConsumer(consumer, statement))));
    }
    Set<Long> nonces = new TreeSet<>();
    for (Future<Receipt> f : fs) {
      Receipt r = f.get();
      assertTrue(r.success(), () -> "receipt " + r);
      nonces.add(r.nonce());
    }
    pool.shutdown();
    System.out.printf("chain: %d concurrent submissions in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
    assertEquals(retries, chain.client().retries(), "a healthy node needs no retry");
    assertEquals(n, nonces.size(), "distinct nonces " + nonces);
    long first = nonces.iterator().next();
    assertEquals(first + n - 1, (long) ((TreeSet<Long>) nonces).last(), "consecutive " + nonces);
    assertEquals(1 + n, chain.accepted(consumer));

    // another client with the same key uses the next nonce behind this client's back
    try (ChainClient other = ChainClient.connect(node.url(), SigningKey.fromFile(LocalEthNode.KEY_FILES[0]))) {
      assertTrue(other.send(consumer, ZkmlCalls.consumerSubmit(statement), null).success());
    }
    long resyncs = chain.client().nonceResyncs();
    Receipt r = chain.submit(SubmitRequest.toConsumer(consumer, statement));
    assertTrue(r.success());
    assertEquals(resyncs + 1, chain.client().nonceResyncs(), "'nonce too low' made it resync once");
    assertEquals(3 + n, chain.accepted(consumer));
  }

  @Test
  @Order(5)
  void aRetryAfterALostAnswerDoesNotSendTheTransactionTwice() throws Exception {
    long before = chain.accepted(consumer);
    String sender = SigningKey.fromFile(LocalEthNode.KEY_FILES[1]).address();
    long nonceBefore = ChainClient.quantity(chain.client().rpc("eth_getTransactionCount", sender, "latest")).longValue();
    try (LosingProxy proxy = new LosingProxy(node.url(), "eth_sendRawTransaction", 1);
         ChainSubmitter c = new ChainSubmitter(ChainClient.connect(proxy.url(), SigningKey.fromFile(LocalEthNode.KEY_FILES[1])))) {
      Receipt r = c.submit(SubmitRequest.toConsumer(consumer, statement));
      assertTrue(r.success(), () -> "receipt " + r);
      assertEquals(1, proxy.lost(), "the node's answer to the first send was lost");
      assertTrue(c.client().retries() >= 1);
      assertEquals(0, c.client().nonceResyncs(), "recognised as its own transaction, not re-signed");
    }
    assertEquals(before + 1, chain.accepted(consumer), "verified once");
    assertEquals(nonceBefore + 1,
        ChainClient.quantity(chain.client().rpc("eth_getTransactionCount", sender, "latest")).longValue(), "one transaction");
  }

  @Test
  @Order(6)
  void aBroadcastTransactionIsAwaitedAgainByASenderThatRestarted() throws Exception {
    long before = chain.accepted(consumer);
    SubmitRequest req = SubmitRequest.toConsumer(consumer, statement);
    Pending p = chain.broadcast(req);
    assertTrue(p.sent() && p.hash().matches("0x[0-9a-f]{64}"), p.hash());
    // a new client (the sidecar after a restart) knows only the recorded hash and the request
    try (ChainSubmitter later = new ChainSubmitter(ChainClient.connect(node.url(),
        SigningKey.fromFile(LocalEthNode.KEY_FILES[0])))) {
      Receipt r = later.resume(p.hash(), req);
      assertTrue(r.success(), () -> "receipt " + r);
      assertEquals(p.nonce(), r.nonce(), "the nonce is read back from the node");
    }
    assertEquals(before + 1, chain.accepted(consumer), "sent once");
    Pending refused = chain.broadcast(SubmitRequest.toConsumer(consumer, zeroFirstByte(statement)));
    assertFalse(refused.sent());
    assertEquals("InvalidProof", chain.await(refused).revert().error());
  }

  @Test
  @Order(7)
  void aTransactionThatIsNotMinedIsReplacedAtTheSameNonceWithHigherFees() throws Exception {
    long before = chain.accepted(consumer);
    ChainClient.Options quick = new ChainClient.Options(Backoff.DEFAULT, Duration.ofSeconds(1), Duration.ofSeconds(30), 1.2);
    Pending p;
    Pending q;
    try (ChainSubmitter c = new ChainSubmitter(ChainClient.connect(node.url(),
        SigningKey.fromFile(LocalEthNode.KEY_FILES[1]), quick))) {
      assertTrue(node.rpc("miner_stop", "[]").contains("true"));
      try {
        p = c.broadcast(SubmitRequest.toConsumer(consumer, statement));
        Pending first = p;
        ChainException e = assertThrows(ChainException.class, () -> c.await(first));
        assertEquals(ChainException.Kind.TIMEOUT, e.kind());
        q = c.replace(p);
      } finally {
        assertTrue(node.rpc("miner_start", "[]").contains("true"));
      }
    }
    assertEquals(p.nonce(), q.nonce());
    assertFalse(q.hash().equals(p.hash()));
    assertEquals(List.of(p.hash()), q.replaced());
    assertTrue(q.fees().maxFee().compareTo(p.fees().maxFee()) > 0 && q.fees().tip().compareTo(p.fees().tip()) > 0);
    Receipt r = chain.await(q); // any client can await it: it watches both hashes
    assertTrue(r.success(), () -> "receipt " + r);
    assertEquals(q.hash(), r.hash(), "the replacement was mined");
    assertTrue(chain.client().rpc("eth_getTransactionReceipt", p.hash()).isNull(), "the original never was");
    assertEquals(before + 1, chain.accepted(consumer));
  }

  @Test
  @Order(8)
  void aSubmissionRidesOutANodeRestartWithBoundedBackoff() throws Exception {
    // a budget of about 15 s of waiting: more than a restart takes on a loaded machine
    Backoff patient = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 12);
    try (ChainSubmitter c = new ChainSubmitter(ChainClient.connect(node.url(),
        SigningKey.fromFile(LocalEthNode.KEY_FILES[1]), new ChainClient.Options(patient, Duration.ofSeconds(60),
            Duration.ofSeconds(30), 1.2)))) {
      long before = c.accepted(consumer);
      node.kill();
      ExecutorService pool = Executors.newSingleThreadExecutor();
      long t0 = System.nanoTime();
      Future<Receipt> f = pool.submit(() -> c.submit(SubmitRequest.toConsumer(consumer, statement)));
      Thread.sleep(1500); // the client retries against a dead port meanwhile
      assertFalse(f.isDone(), "still retrying while the node is down");
      node.restart(); // same port, same chain directory: the state survives
      Receipt r = f.get();
      pool.shutdown();
      double s = (System.nanoTime() - t0) / 1e9;
      assertTrue(r.success(), () -> "receipt " + r);
      assertTrue(c.client().retries() > 0, "it did retry");
      assertTrue(s < patient.totalWait().toSeconds() + 10, "bounded: " + s + " s");
      assertEquals(before + 1, c.accepted(consumer));
      System.out.printf("chain: submission across a node restart: %.1f s, %d retries%n", s, c.client().retries());
    }
  }

  @Test
  @Order(9)
  void anUnreachableNodeFailsWithinTheBackoffBoundAndNamesNoSecret() throws Exception {
    Backoff quick = new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), 4);
    ChainClient c = ChainClient.connect(node.url(), SigningKey.fromFile(LocalEthNode.KEY_FILES[1]),
        new ChainClient.Options(quick, Duration.ofSeconds(5), Duration.ofSeconds(2), 1.2));
    node.kill();
    try {
      long t0 = System.nanoTime();
      ChainException e = assertThrows(ChainException.class, () -> c.send(consumer, ZkmlCalls.consumerSubmit(statement), null));
      double s = (System.nanoTime() - t0) / 1e9;
      assertEquals(ChainException.Kind.UNREACHABLE, e.kind());
      assertTrue(e.retryable());
      assertTrue(e.getMessage().contains("after 4 attempts"), e.getMessage());
      assertTrue(s < 3, "gave up after " + s + " s");
      String key = Files.readString(LocalEthNode.KEY_FILES[1]).strip().replaceFirst("^0x", "");
      assertFalse(e.getMessage().contains(key.substring(0, 12)));
      assertFalse(c.toString().contains(key.substring(0, 12)));
    } finally {
      c.close();
      node.restart();
    }
  }

  @Test
  @Order(10)
  void aChainWithoutBaseFeeGetsLegacyTransactions() throws Exception {
    try (LocalEthNode berlin = LocalEthNode.start(Files.createTempDirectory("zkml-berlin"), "berlin");
         ChainClient c = ChainClient.connect(berlin.url(), SigningKey.fromFile(LocalEthNode.KEY_FILES[0]))) {
      assertFalse(c.eip1559());
      String to = SigningKey.fromFile(LocalEthNode.KEY_FILES[1]).address();
      Receipt r = c.send(to, new byte[] {0x00, 0x01}, null);
      assertTrue(r.success());
      assertEquals(21_000 + 4 + 16, r.gasUsed().longValue(), "intrinsic gas of two data bytes");
      assertEquals("0x0", c.rpc("eth_getTransactionByHash", r.hash()).path("type").asText("0x0"));
    }
  }

  static long intrinsic(byte[] data) {
    long g = 21_000;
    for (byte b : data) {
      g += b == 0 ? 4 : 16;
    }
    return g;
  }

  static long outputCount() {
    long n = 0;
    for (long[] o : statement.outputs()) {
      n += o.length;
    }
    return n;
  }

  static ProofStatement zeroFirstByte(ProofStatement s) {
    byte[] p = s.proof().clone();
    p[0] = 0;
    return new ProofStatement(s.vk(), s.inputs(), s.outputs(), p);
  }
}
