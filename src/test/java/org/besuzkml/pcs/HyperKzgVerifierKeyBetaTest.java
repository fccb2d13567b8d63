package org.besuzkml.pcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.besuzkml.curve.G1;
import org.besuzkml.curve.G2;
import org.besuzkml.curve.TwistReference;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.pcs.srs.Srs;
import org.junit.jupiter.api.Test;

/** The blinding base in the verifier key and its load-time checks (zk-design.md 9.4, P13), one case per check. */
class HyperKzgVerifierKeyBetaTest {
  static final Srs SRS = DevSrs.create(4, 5);
  static final HyperKzgVerifierKey FULL = HyperKzgVerifierKey.of(SRS);
  static final HyperKzgVerifierKey PLAIN = HyperKzgVerifierKey.of(SRS.withoutBeta());

  static byte[] enc(long[] g1, long[] g2) {
    byte[] b = new byte[HyperKzgVerifierKey.BETA_ENCODED];
    G1.encode(b, 0, g1, 0);
    G2.encode(b, 64, g2, 0);
    return b;
  }

  static String refused(byte[] b) {
    HyperKzgVerifierKey.Decoded d = PLAIN.withBeta(b, 0);
    assertNull(d.key());
    return d.error();
  }

  static long[] g2Mul(long[] p, BigInteger k) {
    long[] j = new long[G2.JACOBIAN], a = new long[G2.AFFINE];
    G2.mul(j, 0, p, 0, k);
    G2.toAffine(a, 0, j, 0);
    return a;
  }

  static long[] g1Mul(BigInteger k) {
    long[] s = new long[4], j = new long[G1.JACOBIAN], a = new long[G1.AFFINE];
    org.besuzkml.field.Fr.fromBigInteger(s, 0, k);
    G1.mulFr(j, 0, G1.generatorJacobian(), 0, s, 0);
    G1.toAffine(a, 0, j, 0);
    return a;
  }

  @Test
  void roundTripAndTheKeyOfAnSrs() {
    assertTrue(FULL.hasBeta());
    assertFalse(PLAIN.hasBeta());
    assertNull(PLAIN.encodeBeta());
    byte[] b = FULL.encodeBeta();
    assertEquals(192, b.length);
    assertArrayEquals(enc(SRS.betaG1(), SRS.betaG2()), b);
    HyperKzgVerifierKey.Decoded d = PLAIN.withBeta(b, 0);
    assertTrue(d.key() != null, d.error());
    assertArrayEquals(b, d.key().encodeBeta());
    assertArrayEquals(PLAIN.encodeG2(), d.key().encodeG2()); // version-1 parts untouched
    assertArrayEquals(PLAIN.srsDigest(), d.key().srsDigest());
    // at an offset inside a longer buffer
    byte[] longer = new byte[200];
    System.arraycopy(b, 0, longer, 5, 192);
    assertTrue(PLAIN.withBeta(longer, 5).key() != null);
  }

  @Test
  void shortOrMissingInputRefused() {
    assertTrue(refused(new byte[191]).contains("192 bytes"));
    assertNull(PLAIN.withBeta(null, 0).key());
    assertNull(PLAIN.withBeta(new byte[192], -1).key());
    assertNull(PLAIN.withBeta(new byte[192], 1).key());
  }

  @Test
  void beta1NotAPointInfinityOrPlusMinusGRefused() {
    byte[] b = FULL.encodeBeta();
    b[63] ^= 1;
    assertEquals("[beta]_1 is not a G1 point", refused(b));
    assertEquals("[beta]_1 is infinity", refused(enc(new long[8], SRS.betaG2())));
    long[] negG = new long[8];
    G1.negAffine(negG, 0, G1.generator(), 0);
    for (long[] g : new long[][] {G1.generator(), negG}) {
      assertEquals("[beta]_1 is +-G (beta = +-1)", refused(enc(g, G2.generator())));
    }
  }

  @Test
  void beta2OutsideG2InfinityOrPlusMinusHOrTauRefused() {
    long[] outside = TwistReference.toLongs(TwistReference.pointOnTwist(5));
    assertTrue(refused(enc(SRS.betaG1(), outside)).contains("[beta]_2 rejected: NOT_IN_SUBGROUP"));
    assertEquals("[beta]_2 is infinity", refused(enc(SRS.betaG1(), new long[16])));
    long[] negH = new long[16], negTau = new long[16];
    G2.negAffine(negH, 0, G2.generator(), 0);
    G2.negAffine(negTau, 0, SRS.g2Tau(), 0);
    BigInteger tau = DevSrs.tau(5);
    // [beta]_1 chosen to match each [beta]_2 (beta = +-1 is caught on G1 first, so use beta = tau for +-[tau]_2)
    for (long[] g2 : new long[][] {G2.generator(), negH}) {
      assertEquals("[beta]_2 is +-H or +-[tau]_2", refused(enc(g1Mul(BigInteger.TWO), g2)));
    }
    assertEquals("[beta]_2 is +-H or +-[tau]_2", refused(enc(g1Mul(tau), SRS.g2Tau())));
    assertEquals("[beta]_2 is +-H or +-[tau]_2", refused(enc(g1Mul(tau.negate()), negTau)));
  }

  @Test
  void beta2OfAnotherBetaRefusedByThePairingCheck() {
    long[] twice = g2Mul(SRS.betaG2(), BigInteger.TWO);
    assertTrue(refused(enc(SRS.betaG1(), twice)).contains("is not the beta of [beta]_1"));
    // both halves from another seed are consistent with each other and accepted: the digest, not this check, ties beta to the file
    Srs other = DevSrs.create(4, 6);
    assertTrue(PLAIN.withBeta(enc(other.betaG1(), other.betaG2()), 0).key() != null);
  }
}
