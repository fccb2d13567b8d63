package org.besuzkml.zk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.besuzkml.field.Fr;
import org.bouncycastle.jcajce.provider.digest.Keccak;
import org.junit.jupiter.api.Test;

/** zk-design.md 7: the production DRBG's parameters, the sampling rule, and the seeded test source. */
class ZkRandomnessTest {
  private static Set<BigInteger> elements(long[] v) {
    Set<BigInteger> s = new HashSet<>();
    for (int i = 0; i < v.length / 4; i++) {
      s.add(Fr.toBigInteger(v, 4 * i));
    }
    return s;
  }

  @Test
  void productionFactoryIsA256BitDrbgWithPredictionResistance() {
    DrbgRandomness r = DrbgRandomness.forProof(new byte[] {1, 2, 3});
    assertEquals(256, r.strength());
    assertTrue(r.predictionResistance());
    assertTrue(r.mechanism().contains("DRBG") && r.mechanism().contains("256"), r.mechanism());
    assertTrue(r.mechanism().contains("pr_and_reseed"), r.mechanism());
  }

  @Test
  void productionInstancesShareNoElementAndLargeRequestsAreFilled() {
    long[] a = DrbgRandomness.forProof(new byte[0]).nextFrs(1500); // 96,000 bytes: two requests
    long[] b = DrbgRandomness.forProof(new byte[0]).nextFrs(1500);
    Set<BigInteger> sa = elements(a);
    assertEquals(1500, sa.size());
    sa.retainAll(elements(b));
    assertTrue(sa.isEmpty());
    // the tail of a request split at 64 KiB is random too (not left zero)
    byte[] big = new byte[(1 << 16) + 100];
    DrbgRandomness.forProof(new byte[0]).nextBytes(big);
    int zeros = 0;
    for (int i = big.length - 100; i < big.length; i++) {
      zeros += big[i] == 0 ? 1 : 0;
    }
    assertTrue(zeros < 10, zeros + " zero bytes in the last 100");
  }

  @Test
  void fieldElementIs64BytesBigEndianReducedModP() {
    SeededRandomness s = SeededRandomness.of(5), t = SeededRandomness.of(5);
    byte[] raw = new byte[64];
    t.nextBytes(raw);
    long[] e = new long[4];
    s.nextFr(e, 0);
    assertEquals(new BigInteger(1, raw).mod(Fr.MODULUS), Fr.toBigInteger(e, 0));
    long[] nz = new long[4];
    s.nextNonZeroFr(nz, 0);
    assertFalse(Fr.isZero(nz, 0));
  }

  @Test
  void seededSourceFollowsItsSpecAndIsReproducible() {
    SeededRandomness s = SeededRandomness.of(9);
    byte[] out = new byte[40];
    s.nextBytes(out);
    byte[] seed = new byte[32];
    seed[31] = 9;
    for (int blk = 0; blk < 2; blk++) {
      Keccak.Digest256 k = new Keccak.Digest256();
      k.update("besu-zkml/zk/test-rng/v1".getBytes(StandardCharsets.US_ASCII));
      k.update(seed);
      k.update(ByteBuffer.allocate(8).putLong(blk).array());
      byte[] h = k.digest();
      for (int i = 0; i < (blk == 0 ? 32 : 8); i++) {
        assertEquals(h[i], out[32 * blk + i], "block " + blk + " byte " + i);
      }
    }
    assertArrayEquals(SeededRandomness.of(3).nextFrs(50), SeededRandomness.of(3).nextFrs(50));
    Set<BigInteger> a = elements(SeededRandomness.of(3).nextFrs(200));
    a.retainAll(elements(SeededRandomness.of(4).nextFrs(200)));
    assertTrue(a.isEmpty());
  }
}
