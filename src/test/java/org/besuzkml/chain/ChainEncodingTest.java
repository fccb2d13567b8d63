package org.besuzkml.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.besuzkml.precompile.ZkmlAbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Hash;

/** The chain package's pure parts: calldata, revert decoding, keys, backoff, nonces. */
class ChainEncodingTest {
  static final ProofStatement S = new ProofStatement(new byte[] {1, 2, 3}, new long[][] {{5, -7}},
      new long[][] {{-1}, {1L << 40, 0}}, new byte[] {9, 8, 7, 6});

  @Test
  void consumerSubmitEncodesTheSameArgumentsAsThePrecompilesOwnEncoder() {
    byte[] viaWeb3j = ZkmlCalls.consumerSubmit(S);
    byte[] precompile = ZkmlCalls.precompileVerify(S);
    assertArrayEquals(Arrays.copyOf(Hash.sha3("submit(bytes,int256[][],int256[][],bytes)".getBytes()), 4),
        Arrays.copyOf(viaWeb3j, 4));
    assertArrayEquals(ZkmlAbi.VERIFY, Arrays.copyOf(precompile, 4));
    // same argument layout: only the selector differs
    assertArrayEquals(Arrays.copyOfRange(precompile, 4, precompile.length),
        Arrays.copyOfRange(viaWeb3j, 4, viaWeb3j.length));
    ZkmlAbi.Decoded d = ZkmlAbi.decode(precompile);
    assertEquals(-7, d.call().inputs()[0][1]);
  }

  /** A private input is null in a proof's statement and an empty list in the call (docs/besu.md). */
  @Test
  void aPrivateInputIsAnEmptyListInTheCall() {
    ProofStatement p = new ProofStatement(new byte[] {1}, new long[][] {null, {3}}, new long[][] {{4}}, new byte[] {2});
    ZkmlAbi.Decoded d = ZkmlAbi.decode(ZkmlCalls.precompileVerify(p));
    assertEquals(null, d.error());
    assertEquals(0, d.call().inputs()[0].length);
    assertArrayEquals(new long[] {3}, d.call().inputs()[1]);
  }

  @Test
  void revertReasonsDecode() {
    RevertReason r = RevertReason.decode(ZkmlAbi.invalidProof("sumcheck round 3"));
    assertEquals("InvalidProof", r.error());
    assertEquals("sumcheck round 3", r.message());
    // Error("another model") as require() emits it
    byte[] err = org.web3j.utils.Numeric.hexStringToByteArray("0x08c379a0"
        + "0000000000000000000000000000000000000000000000000000000000000020"
        + "000000000000000000000000000000000000000000000000000000000000000d"
        + "616e6f74686572206d6f64656c00000000000000000000000000000000000000");
    assertEquals("Error(another model)", RevertReason.decode(err).toString());
    byte[] panic = org.web3j.utils.Numeric.hexStringToByteArray("0x4e487b71"
        + "0000000000000000000000000000000000000000000000000000000000000032");
    assertEquals("Panic(0x32)", RevertReason.decode(panic).toString());
    assertEquals("none", RevertReason.decode(new byte[0]).error());
    // a length past the data is not a string
    byte[] bad = err.clone();
    bad[4 + 63] = 0x7f;
    assertEquals("unknown", RevertReason.decode(bad).error());
  }

  @Test
  void keysComeFromFileOrEnvironmentAndNeverShowInMessages(@TempDir Path tmp) throws Exception {
    String secret = "8f2a55949038a9610f50fb23b5883af3b4ecb3c3bb792cbcefbd1542c692be63";
    Path f = tmp.resolve("key");
    Files.writeString(f, "0x" + secret + "\n");
    SigningKey k = SigningKey.fromFile(f);
    assertEquals("0xfe3b557e8fb62b89f4916b721be55ceb828dbd73", k.address());
    assertFalse(k.toString().contains(secret.substring(0, 16)));
    assertEquals(k.address(), SigningKey.fromEnv("K", Map.of("K", secret)).address());
    String almost = secret.substring(0, 63) + "z";
    ChainException e = assertThrows(ChainException.class, () -> SigningKey.fromEnv("K", Map.of("K", almost)));
    assertFalse(e.getMessage().contains(almost.substring(0, 16)), e.getMessage());
    assertTrue(e.getMessage().contains("environment variable K"));
    assertThrows(ChainException.class, () -> SigningKey.fromEnv("UNSET", Map.of()));
    assertThrows(ChainException.class, () -> SigningKey.fromFile(tmp.resolve("missing")));
  }

  @Test
  void backoffIsExponentialAndBounded() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), 6);
    assertEquals(100, b.delayAfter(1).toMillis());
    assertEquals(200, b.delayAfter(2).toMillis());
    assertEquals(800, b.delayAfter(4).toMillis());
    assertEquals(1000, b.delayAfter(5).toMillis());
    assertEquals(100 + 200 + 400 + 800 + 1000, b.totalWait().toMillis());
    assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 3));
  }

  @Test
  void noncesAreLocalUntilResynced() throws Exception {
    long[] asked = {0};
    NonceTracker t = new NonceTracker(() -> BigInteger.valueOf(10 + 5 * asked[0]++));
    assertEquals(10, t.take().intValue());
    assertEquals(11, t.take().intValue());
    assertEquals(1, asked[0]);
    t.resync();
    assertEquals(15, t.take().intValue());
    assertTrue(NonceTracker.isNonceError("Nonce too low"));
    assertTrue(NonceTracker.isNonceError("the tx doesn't have the correct nonce. account has nonce of: 3 tx has nonce of: 1"));
    assertFalse(NonceTracker.isNonceError("insufficient funds for gas * price + value"));
    assertTrue(NonceTracker.isAlreadyKnown("Known transaction"));
  }

  @Test
  void directPrecompileGasIsIntrinsicPlusThePrecompileAtLeastTheCalldataFloor() {
    byte[] d = {0, 0, 5, 0}; // 3 zero bytes (4 gas, 1 token), one non-zero (16 gas, 4 tokens)
    assertEquals(21_000 + 12 + 16 + 3_000, DevnetDriver.directGas(d, 3_000));
    assertEquals(21_000 + 10 * (3 + 4), DevnetDriver.directGas(d, 0), "the EIP-7623 floor wins");
  }

  @Test
  void revertDataIsFoundInBesuAndGanacheErrorShapes() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper om = new com.fasterxml.jackson.databind.ObjectMapper();
    String hex = org.web3j.utils.Numeric.toHexString(ZkmlAbi.invalidProof("bad"));
    // Besu: {"code":-32000,"message":"Execution reverted: ...","data":"0x..."}
    ChainClient.RpcError besu = new ChainClient.RpcError(-32000, "Execution reverted", om.readTree("\"" + hex + "\""));
    assertEquals("InvalidProof(bad)", RevertReason.decode(besu.revertData()).toString());
    // ganache: data is an object whose result is the revert data
    ChainClient.RpcError ganache = new ChainClient.RpcError(-32000, "VM Exception while processing transaction: revert",
        om.readTree("{\"hash\":\"0x" + "ab".repeat(32) + "\",\"result\":\"" + hex + "\"}"));
    assertEquals("InvalidProof(bad)", RevertReason.decode(ganache.revertData()).toString());
    assertTrue(ganache.isRevert());
    ChainClient.RpcError other = new ChainClient.RpcError(-32000, "insufficient funds for gas * price + value", null);
    assertFalse(other.isRevert());
  }

  @Test
  void aReplacementOffersAtLeastAnEighthMoreAndAtLeastTheCurrentPrice() {
    Pending.Fees old = new Pending.Fees(BigInteger.valueOf(800), BigInteger.valueOf(80));
    Pending.Fees b = old.bumped(new Pending.Fees(BigInteger.valueOf(100), BigInteger.ZERO));
    assertEquals(901, b.maxFee().intValue());
    assertEquals(91, b.tip().intValue());
    assertEquals(5_000, old.bumped(new Pending.Fees(BigInteger.valueOf(5_000), BigInteger.ONE)).maxFee().intValue());
    // a zero-fee chain still gets a strictly higher offer; legacy has no tip
    assertEquals(1, new Pending.Fees(BigInteger.ZERO, BigInteger.ZERO).bumped(new Pending.Fees(BigInteger.ZERO, BigInteger.ZERO)).tip().intValue());
    assertNull(new Pending.Fees(BigInteger.TEN, null).bumped(new Pending.Fees(BigInteger.ONE, null)).tip());
  }
}
