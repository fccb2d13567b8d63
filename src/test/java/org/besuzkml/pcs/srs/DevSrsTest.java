package org.besuzkml.pcs.srs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import org.besuzkml.curve.G1;
import org.besuzkml.curve.G2;
import org.besuzkml.field.Fr;
import org.junit.jupiter.api.Test;

class DevSrsTest {
  @Test
  void devSrsIsDeterministicInsecureAndConsistent() throws SrsException {
    Srs a = DevSrs.create(6, 7), b = DevSrs.create(6, 7), c = DevSrs.create(6, 8);
    assertArrayEquals(a.g1Powers(), b.g1Powers());
    // a prefix of a larger one (cached or not) is the same SRS
    Srs big = DevSrs.create(8, 7);
    assertArrayEquals(a.g1Powers(), DevSrs.create(6, 7).g1Powers());
    assertArrayEquals(java.util.Arrays.copyOf(big.g1Powers(), 64 * 8), a.g1Powers());
    assertArrayEquals(a.digest(), big.truncate(6).digest());
    assertArrayEquals(a.digest(), b.digest());
    assertFalse(Arrays.equals(a.digest(), c.digest()));
    assertTrue(a.insecure());
    assertEquals(7, a.devSeed());
    assertTrue(a.warning().contains("INSECURE"));
    PtauReader.checkConsistent(a.g1Powers(), a.size(), a.g2One(), a.g2Tau(), 0);
    // against the definition: [tau^i]_1 = tau^i G by scalar multiplication
    BigInteger tau = DevSrs.tau(7);
    for (int i : new int[] {0, 1, 2, 63}) {
      long[] k = new long[4];
      Fr.fromBigInteger(k, 0, tau.modPow(BigInteger.valueOf(i), Fr.MODULUS));
      long[] j = new long[12], aff = new long[8];
      G1.mulFr(j, 0, G1.generatorJacobian(), 0, k, 0);
      G1.toAffine(aff, 0, j, 0);
      assertArrayEquals(aff, a.g1Power(i), "power " + i);
    }
    long[] j2 = new long[24], t2 = new long[16];
    G2.mul(j2, 0, G2.generator(), 0, tau);
    G2.toAffine(t2, 0, j2, 0);
    assertArrayEquals(t2, a.g2Tau());
  }

  @Test
  void tauFollowsTheSpecifiedDerivation() {
    // keccak256("besu-zkml/dev-srs/v1" || u64be(seed)) mod r, recomputed independently
    org.bouncycastle.jcajce.provider.digest.Keccak.Digest256 k = new org.bouncycastle.jcajce.provider.digest.Keccak.Digest256();
    k.update("besu-zkml/dev-srs/v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    k.update(java.nio.ByteBuffer.allocate(8).putLong(42).array());
    assertEquals(new BigInteger(1, k.digest()).mod(Fr.MODULUS), DevSrs.tau(42));
  }

  @Test
  void inconsistentDevPowersRejected() {
    Srs a = DevSrs.create(4, 1);
    long[] g1 = a.g1Powers().clone();
    System.arraycopy(a.g1Power(9), 0, g1, 5 * 8, 8);
    SrsException e = org.junit.jupiter.api.Assertions.assertThrows(SrsException.class,
        () -> PtauReader.checkConsistent(g1, a.size(), a.g2One(), a.g2Tau(), 0));
    assertTrue(e.getMessage().contains("not consecutive powers"));
  }
}
