package org.besuzkml.pcs.srs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.besuzkml.curve.G1;
import org.besuzkml.curve.G2;
import org.besuzkml.field.Fr;
import org.bouncycastle.jcajce.provider.digest.Keccak;
import org.junit.jupiter.api.Test;

/** The dev SRS's own, public and therefore insecure, beta (zk-design.md 2.2). */
class DevSrsBetaTest {
  @Test
  void betaFollowsTheSpecifiedDerivation() {
    for (long seed : new long[] {0, 1, 42, -7}) {
      Keccak.Digest256 k = new Keccak.Digest256();
      k.update("besu-zkml/dev-srs/beta/v1".getBytes(StandardCharsets.US_ASCII));
      k.update(ByteBuffer.allocate(8).putLong(seed).array());
      BigInteger expected = new BigInteger(1, k.digest()).mod(Fr.MODULUS);
      assertEquals(expected, DevSrs.beta(seed));
      assertNotEquals(DevSrs.tau(seed), DevSrs.beta(seed)); // its own secret, not tau
    }
  }

  @Test
  void betaPointsAreBetaTimesThePowersAndPassTheImportChecks() throws SrsException {
    Srs s = DevSrs.create(5, 3);
    assertTrue(s.hasBeta() && s.insecure());
    BigInteger tau = DevSrs.tau(3), beta = DevSrs.beta(3);
    long[] got = s.betaG1();
    for (int i = 0; i < 3; i++) {
      long[] k = new long[4], j = new long[12], a = new long[8];
      Fr.fromBigInteger(k, 0, beta.multiply(tau.pow(i)));
      G1.mulFr(j, 0, G1.generatorJacobian(), 0, k, 0);
      G1.toAffine(a, 0, j, 0);
      assertArrayEquals(a, Arrays.copyOfRange(got, 8 * i, 8 * i + 8), "[beta tau^" + i + "]_1");
    }
    long[] j2 = new long[24], b2 = new long[16];
    G2.mul(j2, 0, G2.generator(), 0, beta);
    G2.toAffine(b2, 0, j2, 0);
    assertArrayEquals(b2, s.betaG2());
    // the ptau import's checks accept it
    PtauReader.checkConsistent(s.g1Powers(), s.size(), s.g2One(), s.g2Tau(), 0, s.betaG1(), 0);
  }

  @Test
  void wrongDevBetaPowerCaughtByTheFoldedCheck() {
    Srs s = DevSrs.create(4, 3);
    long[] beta = s.betaG1();
    System.arraycopy(s.g1Power(2), 0, beta, 16, 8); // [beta tau^2]_1 := [tau^2]_1
    SrsException e = assertThrows(SrsException.class,
        () -> PtauReader.checkConsistent(s.g1Powers(), s.size(), s.g2One(), s.g2Tau(), 0, beta, 0));
    assertTrue(e.getMessage().contains("[beta tau^i]_1"), e.getMessage());
  }

  @Test
  void betaIsDeterministicPerSeedAndSurvivesTruncation() {
    Srs a = DevSrs.create(6, 11), b = DevSrs.create(6, 11), c = DevSrs.create(6, 12);
    assertArrayEquals(a.betaG1(), b.betaG1());
    assertArrayEquals(a.betaG2(), b.betaG2());
    assertFalse(Arrays.equals(a.betaG1(), c.betaG1()));
    Srs t = DevSrs.create(8, 11).truncate(6);
    assertArrayEquals(a.betaG1(), t.betaG1());
    assertArrayEquals(a.digestV2(), t.digestV2());
    assertFalse(Arrays.equals(a.digestV2(), c.digestV2()));
    assertFalse(Arrays.equals(a.digest(), a.digestV2()));
    // the version-1 digest is the same with or without beta
    Srs plain = a.withoutBeta();
    assertFalse(plain.hasBeta());
    assertArrayEquals(a.digest(), plain.digest());
    assertThrows(IllegalStateException.class, plain::betaG2);
    assertTrue(a.warning().contains("INSECURE"));
  }
}
