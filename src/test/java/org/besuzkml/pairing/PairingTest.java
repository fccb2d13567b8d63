package org.besuzkml.pairing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;

import org.besuzkml.curve.G2;
import org.besuzkml.field.Fq;
import org.besuzkml.field.Fq12;
import org.besuzkml.field.Fq12Reference;
import org.junit.jupiter.api.Test;

/** Bilinearity, non-degeneracy, the product check, and the final exponentiation chain. */
class PairingTest {
  private static final BigInteger Q = Fq.MODULUS;
  private static final BigInteger R = G2.ORDER;
  private static final BigInteger X = G2.BN_X;
  private static final Random RND = new Random(7);

  private static final long[] P = TestG1.toLongs(TestG1.GENERATOR);
  private static final long[] G = G2.generator();

  private static long[] g1(BigInteger k) {
    return TestG1.toLongs(TestG1.mul(TestG1.GENERATOR, k));
  }

  private static long[] g2(BigInteger k) {
    long[] j = new long[G2.JACOBIAN];
    G2.mul(j, 0, G, 0, k);
    long[] a = new long[G2.AFFINE];
    G2.toAffine(a, 0, j, 0);
    return a;
  }

  private static long[] concat(long[]... parts) {
    int n = 0;
    for (long[] p : parts) {
      n += p.length;
    }
    long[] r = new long[n];
    int o = 0;
    for (long[] p : parts) {
      System.arraycopy(p, 0, r, o, p.length);
      o += p.length;
    }
    return r;
  }

  @Test
  void hardPartDecompositionIsExact() {
    BigInteger x2 = X.pow(2), x3 = X.pow(3);
    BigInteger l0 = x3.multiply(BigInteger.valueOf(-36)).subtract(x2.multiply(BigInteger.valueOf(30)))
        .subtract(X.multiply(BigInteger.valueOf(18))).subtract(BigInteger.TWO);
    BigInteger l1 = x3.multiply(BigInteger.valueOf(-36)).subtract(x2.multiply(BigInteger.valueOf(18)))
        .subtract(X.multiply(BigInteger.valueOf(12))).add(BigInteger.ONE);
    BigInteger l2 = x2.multiply(BigInteger.valueOf(6)).add(BigInteger.ONE);
    BigInteger hard = Q.pow(4).subtract(Q.pow(2)).add(BigInteger.ONE);
    assertEquals(BigInteger.ZERO, hard.mod(R));
    assertEquals(hard.divide(R), l0.add(l1.multiply(Q)).add(l2.multiply(Q.pow(2))).add(Q.pow(3)));
  }

  @Test
  void finalExponentiationEqualsGenericPower() {
    long[] a = new long[48];
    for (int i = 0; i < 12; i++) {
      Fq.random(a, 4 * i, RND);
    }
    BigInteger e = Q.pow(12).subtract(BigInteger.ONE).divide(R);
    assertArrayEquals(Fq12.pow(a, e), Pairing.finalExponentiation(a));
  }

  @Test
  void widthFourNafOfXIsExact() {
    byte[] d = FinalExponentiation.wnaf(X, 4);
    BigInteger v = BigInteger.ZERO;
    for (int i = d.length - 1; i >= 0; i--) {
      v = v.shiftLeft(1).add(BigInteger.valueOf(d[i]));
      assertTrue(d[i] == 0 || (d[i] & 1) != 0 && Math.abs(d[i]) < 8, "odd digit below 8");
    }
    assertEquals(X, v);
    assertTrue(d[d.length - 1] > 0);
  }

  /**
   * e(G1, G2) as computed by an independent slow reference (affine lines with divisions, a plain
   * binary loop over 6x+2, Frobenius by powering, final exponentiation by BigInteger power, all in
   * Fq[w]/(w^12 - 18 w^6 + 82)), coefficients of w^0..w^11. Pins the actual GT value, which the
   * product-check vectors cannot (any fixed power of the pairing would pass them). The reference is
   * src/test/resources/org/besuzkml/pairing/pairing_reference.py (python3, about 15 s).
   */
  private static final String[] E_G1_G2 = {
      "28c6e04df059260df7d2d2a1f9b5f77676d1939847852c4ed50d2318744c1d5f",
      "17bb74adab1705c26133af1dac87044a3833ac011018e8158da48382bbd2dcd6",
      "d3bd72f54d742f78ea9e6015c8ea2f2e7fbb728c9c905ec531dcf7de5b246f0",
      "90cb8ee97e091a667af03882b06c3ecb4e437993cbd1b05b98c7f9dfcfe9c40",
      "16b6d855b5cbf76f9829a309db52f5c442f65ae29f996af59d65f85f4afe78a",
      "a0272204db51dadc0342bd318b9302a44faec12ff500bdd4d4b012ffe45f36f",
      "84f330485b09e866bc2f2ea2b897394deaf3f12aa31f28cb0552990967d4704",
      "27ed208e7a0b55ae6e710bbfbd2fd922669c026360e37cc5b2ab862411536104",
      "2067586885c3318eeffa1938c754fe3c60224ee5ae15e66af6b5104c47c8c5d8",
      "279db296f9d479292532c7c493d8e0722b6efae42158387564889c79fc038ee3",
      "2b03614464f04dd772d86df88674c270ffc8747ea13e72da95e3594468f222c4",
      "108c19d15f9446f744d0f110405d3856d6cc3bda6c4d537663729f5257628417"};

  @Test
  void generatorPairingMatchesIndependentReference() {
    BigInteger[] coeffs = new BigInteger[12];
    for (int i = 0; i < 12; i++) {
      coeffs[i] = new BigInteger(E_G1_G2[i], 16);
    }
    assertArrayEquals(Fq12Reference.toTower(coeffs), Pairing.pair(P, G));
  }

  @Test
  void pairingIsNonDegenerateWithOrderR() {
    long[] e = Pairing.pair(P, G);
    assertFalse(Fq12.isOne(e, 0), "e(G1, G2) != 1");
    assertTrue(Fq12.isOne(Fq12.pow(e, R), 0), "e(G1, G2)^r = 1");
  }

  @Test
  void pairingIsBilinear() {
    long[] e = Pairing.pair(P, G);
    for (int i = 0; i < 3; i++) {
      BigInteger a = new BigInteger(64, RND).add(BigInteger.TWO);
      BigInteger b = new BigInteger(64, RND).add(BigInteger.TWO);
      long[] eab = Pairing.pair(g1(a), g2(b));
      assertArrayEquals(Fq12.pow(e, a.multiply(b)), eab, "e(aP, bQ) = e(P, Q)^(ab)");
      assertArrayEquals(Pairing.pair(g1(a.multiply(b)), G), eab, "e(aP, bQ) = e(abP, Q)");
    }
    // full-size scalars
    BigInteger a = new BigInteger(253, RND);
    assertArrayEquals(Pairing.pair(g1(a), G), Pairing.pair(P, g2(a)), "e(aP, Q) = e(P, aQ)");
  }

  @Test
  void infinityPairsToOne() {
    assertTrue(Fq12.isOne(Pairing.pair(new long[8], G), 0));
    assertTrue(Fq12.isOne(Pairing.pair(P, new long[16]), 0));
  }

  @Test
  void productCheckAcceptsInversePairs() {
    long[] negP = TestG1.toLongs(TestG1.neg(TestG1.GENERATOR));
    assertTrue(Pairing.pairingCheck(concat(P, negP), concat(G, G), 2), "e(P,Q) e(-P,Q) = 1");
    BigInteger a = new BigInteger(200, RND), b = new BigInteger(200, RND);
    long[] g1s = concat(g1(a), TestG1.toLongs(TestG1.neg(TestG1.mul(TestG1.GENERATOR, a.multiply(b).mod(R)))));
    long[] g2s = concat(g2(b), G);
    assertTrue(Pairing.pairingCheck(g1s, g2s, 2), "e(aP, bQ) e(-abP, Q) = 1");
    // pairs with infinity are skipped, wherever they are
    long[] g1i = concat(new long[8], g1(a), P, TestG1.toLongs(TestG1.neg(TestG1.mul(TestG1.GENERATOR, a.multiply(b).mod(R)))));
    long[] g2i = concat(G, g2(b), new long[16], G);
    assertTrue(Pairing.pairingCheck(g1i, g2i, 4));
    assertTrue(Pairing.pairingCheck(new long[0], new long[0], 0), "empty product is 1");
  }

  @Test
  void productCheckRejectsWrongPair() {
    BigInteger a = new BigInteger(200, RND), b = new BigInteger(200, RND);
    long[] wrong = TestG1.toLongs(TestG1.neg(TestG1.mul(TestG1.GENERATOR, a.multiply(b).add(BigInteger.ONE).mod(R))));
    assertFalse(Pairing.pairingCheck(concat(g1(a), wrong), concat(g2(b), G), 2));
    assertFalse(Pairing.pairingCheck(P, G, 1), "a single non-degenerate pairing is not 1");
    assertFalse(Pairing.pairingCheck(concat(P, P), concat(G, G), 2), "e(P,Q)^2 != 1");
  }

  @Test
  void sharedMillerLoopEqualsProductOfSeparateLoops() {
    long[] p1 = g1(BigInteger.valueOf(5)), p2 = g1(BigInteger.valueOf(11)), p3 = g1(BigInteger.valueOf(1234567));
    long[] q1 = g2(BigInteger.valueOf(3)), q2 = G, q3 = g2(BigInteger.valueOf(99));
    long[] joint = Pairing.millerLoop(concat(p1, p2, p3), concat(q1, q2, q3), 3);
    long[] separate = Fq12.mul(Fq12.mul(Pairing.millerLoop(p1, q1, 1), Pairing.millerLoop(p2, q2, 1)),
        Pairing.millerLoop(p3, q3, 1));
    assertArrayEquals(separate, joint);
  }

  @Test
  void preparedLinesGiveTheSameMillerLoop() {
    long[] p1 = g1(BigInteger.valueOf(5)), p2 = g1(BigInteger.valueOf(77));
    long[] q1 = g2(BigInteger.valueOf(3)), q2 = g2(new BigInteger(200, RND));
    long[][] prepared = {Pairing.prepare(q1), Pairing.prepare(q2)};
    assertEquals(MillerLoop.LINES * 24, prepared[0].length);
    assertArrayEquals(Pairing.millerLoop(concat(p1, p2), concat(q1, q2), 2),
        Pairing.millerLoopPrepared(concat(p1, p2), prepared, 2));
    // a KZG-style check e(aP, Q) * e(-P, aQ) = 1 with both G2 points prepared, and a wrong one
    BigInteger a = new BigInteger(200, RND);
    long[] negP = TestG1.toLongs(TestG1.neg(TestG1.GENERATOR));
    long[][] prep = {Pairing.prepare(G), Pairing.prepare(g2(a))};
    assertTrue(Pairing.pairingCheckPrepared(concat(g1(a), negP), prep, 2));
    assertFalse(Pairing.pairingCheckPrepared(concat(g1(a.add(BigInteger.ONE)), negP), prep, 2));
    // infinity on either side contributes 1
    long[][] withInf = {Pairing.prepare(new long[16]), Pairing.prepare(G)};
    assertEquals(0, withInf[0].length);
    assertTrue(Pairing.pairingCheckPrepared(concat(P, new long[8]), withInf, 2));
  }
}
