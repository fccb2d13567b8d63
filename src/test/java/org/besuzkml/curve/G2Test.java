package org.besuzkml.curve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;

import org.besuzkml.field.Fq;
import org.junit.jupiter.api.Test;

/** G2 arithmetic against the affine BigInteger reference, subgroup checks, EIP-197 codec. */
class G2Test {
  private static final BigInteger R = G2.ORDER;
  private static final Random RND = new Random(4242);
  private static final long[] G = G2.generator();
  private static final BigInteger[][] G_REF = TwistReference.fromLongs(G, 0);

  private static long[] affine(long[] jac) {
    long[] a = new long[16];
    G2.toAffine(a, 0, jac, 0);
    return a;
  }

  private static long[] mul(long[] p, BigInteger k) {
    long[] j = new long[24];
    G2.mul(j, 0, p, 0, k);
    return affine(j);
  }

  @Test
  void generatorIsOnCurveInSubgroupWithOrderR() {
    assertTrue(G2.isOnCurve(G, 0));
    assertTrue(G2.isInSubgroup(G, 0));
    long[] j = new long[24];
    G2.mul(j, 0, G, 0, R);
    assertTrue(G2.isInfinityJacobian(j, 0), "[r]G = O");
    assertNull(TwistReference.mulPoint(G_REF, R), "reference agrees");
  }

  @Test
  void groupLawMatchesReference() {
    long[] t = new long[G2.SCRATCH];
    for (int i = 0; i < 6; i++) {
      BigInteger a = new BigInteger(40, RND).add(BigInteger.ONE);
      BigInteger b = new BigInteger(40, RND).add(BigInteger.ONE);
      long[] pa = mul(G, a), pb = mul(G, b);
      BigInteger[][] ra = TwistReference.mulPoint(G_REF, a), rb = TwistReference.mulPoint(G_REF, b);
      assertArrayEquals(TwistReference.toLongs(ra), pa, "scalar mul");
      long[] ja = new long[24], jb = new long[24], r = new long[24];
      G2.fromAffine(ja, 0, pa, 0);
      G2.fromAffine(jb, 0, pb, 0);
      G2.dbl(jb, 0, jb, 0, t, 0); // a non-trivial Z
      BigInteger[][] r2b = TwistReference.addPoints(rb, rb);
      G2.add(r, 0, ja, 0, jb, 0, t, 0);
      assertArrayEquals(TwistReference.toLongs(TwistReference.addPoints(ra, r2b)), affine(r), "add");
      G2.addMixed(r, 0, jb, 0, pa, 0, t, 0);
      assertArrayEquals(TwistReference.toLongs(TwistReference.addPoints(ra, r2b)), affine(r), "addMixed");
      assertArrayEquals(TwistReference.toLongs(r2b), affine(jb), "dbl");
      // special cases: P + P, P + (-P), O + P
      G2.addMixed(r, 0, ja, 0, pa, 0, t, 0);
      assertArrayEquals(TwistReference.toLongs(TwistReference.addPoints(ra, ra)), affine(r), "addMixed doubling");
      long[] negA = new long[16];
      G2.negAffine(negA, 0, pa, 0);
      G2.addMixed(r, 0, ja, 0, negA, 0, t, 0);
      assertTrue(G2.isInfinityJacobian(r, 0), "P + (-P)");
      long[] jneg = new long[24];
      G2.neg(jneg, 0, ja, 0);
      G2.add(r, 0, ja, 0, jneg, 0, t, 0);
      assertTrue(G2.isInfinityJacobian(r, 0), "P + (-P) jacobian");
      G2.add(r, 0, ja, 0, ja, 0, t, 0);
      assertTrue(G2.equalJacobian(r, 0, jb, 0) == a.shiftLeft(1).equals(b.shiftLeft(1)));
      long[] inf = new long[24];
      G2.setInfinity(inf, 0);
      G2.add(r, 0, inf, 0, jb, 0, t, 0);
      assertTrue(G2.equalJacobian(r, 0, jb, 0));
    }
  }

  @Test
  void batchToAffineMatchesSingle() {
    long[] jac = new long[4 * 24];
    long[] t = new long[G2.SCRATCH];
    for (int i = 0; i < 4; i++) {
      G2.mul(jac, i * 24, G, 0, BigInteger.valueOf(7L * i + 3));
      G2.dbl(jac, i * 24, jac, i * 24, t, 0);
    }
    G2.setInfinity(jac, 2 * 24);
    long[] all = G2.batchToAffine(jac, 4);
    for (int i = 0; i < 4; i++) {
      long[] one = new long[16];
      G2.toAffine(one, 0, jac, i * 24);
      assertArrayEquals(one, java.util.Arrays.copyOfRange(all, i * 16, i * 16 + 16));
    }
  }

  @Test
  void psiActsAsMultiplicationByQOnG2() {
    long[] p = mul(G, new BigInteger(100, RND));
    long[] jp = new long[24], psi = new long[24];
    G2.fromAffine(jp, 0, p, 0);
    G2.psi(psi, 0, jp, 0, new long[G2.SCRATCH], 0);
    long[] qp = new long[24];
    G2.mul(qp, 0, p, 0, Fq.MODULUS);
    assertTrue(G2.equalJacobian(psi, 0, qp, 0));
  }

  @Test
  void subgroupCheckPolynomialIsSound() {
    BigInteger x = G2.BN_X, q = Fq.MODULUS;
    BigInteger t = x.pow(2).multiply(BigInteger.valueOf(6)).add(BigInteger.ONE);
    BigInteger c = q.shiftLeft(1).subtract(R);
    assertEquals(q.add(BigInteger.ONE).subtract(t), R, "r = q + 1 - t");
    assertEquals(BigInteger.ONE, c.gcd(R));
    // P(T) = (x+1) + xT + xT^2 - 2xT^3 reduced mod T^2 - tT + q: T^3 = (t^2 - q)T - tq
    BigInteger alpha = x.add(x.multiply(t)).subtract(x.shiftLeft(1).multiply(t.pow(2).subtract(q)));
    BigInteger beta = x.add(BigInteger.ONE).subtract(x.multiply(q)).add(x.shiftLeft(1).multiply(t).multiply(q));
    assertEquals(BigInteger.ZERO, alpha.multiply(q).add(beta).mod(R), "P(q) = 0 mod r: G2 passes");
    assertTrue(beta.mod(q).signum() != 0, "phi is separable");
    BigInteger norm = beta.pow(2).add(t.multiply(alpha).multiply(beta)).add(q.multiply(alpha.pow(2)));
    assertEquals(BigInteger.ONE, norm.gcd(c), "no cofactor-part point is in the kernel");
  }

  @Test
  void subgroupCheckAgreesWithMultiplicationByR() {
    long[] t = new long[G2.SCRATCH];
    for (long start = 1; start < 60; start += 7) {
      long[] p = TwistReference.toLongs(TwistReference.pointOnTwist(start));
      long[] inG2 = mul(G, new BigInteger(250, RND));
      long[] cleared = mul(p, Fq.MODULUS.shiftLeft(1).subtract(R));
      // Q_r + Q_c mixes both parts; [r]-multiples of a twist point are pure cofactor part
      long[] mixed = new long[24];
      G2.fromAffine(mixed, 0, inG2, 0);
      long[] pureC = mul(p, R);
      G2.addMixed(mixed, 0, mixed, 0, pureC, 0, t, 0);
      for (long[] point : new long[][] {p, inG2, cleared, affine(mixed), pureC}) {
        long[] j = new long[24];
        G2.mul(j, 0, point, 0, R);
        assertEquals(G2.isInfinityJacobian(j, 0), G2.isInSubgroup(point, 0));
      }
    }
  }

  @Test
  void pointOnTwistOutsideSubgroupRejected() {
    for (long start : new long[] {1, 100, 5000}) {
      BigInteger[][] ref = TwistReference.pointOnTwist(start);
      long[] p = TwistReference.toLongs(ref);
      assertTrue(G2.isOnCurve(p, 0));
      assertFalse(G2.isInSubgroup(p, 0), "psi check rejects a cofactor point");
      long[] j = new long[24];
      G2.mul(j, 0, p, 0, R);
      assertFalse(G2.isInfinityJacobian(j, 0), "independent check: [r]P != O");
      // clearing the cofactor c = 2q - r lands in G2, and the check then accepts
      long[] cleared = mul(p, Fq.MODULUS.shiftLeft(1).subtract(R));
      assertTrue(G2.isInSubgroup(cleared, 0));
      G2.mul(j, 0, cleared, 0, R);
      assertTrue(G2.isInfinityJacobian(j, 0));
      byte[] enc = new byte[128];
      G2.encode(enc, 0, p, 0);
      assertEquals(G2.Decoding.NOT_IN_SUBGROUP, G2.decode(enc, 0, new long[16], 0));
      assertNull(G2.decode(enc, 0));
    }
  }

  @Test
  void codecRoundTripsAndRejectsHostileBytes() {
    long[] p = mul(G, new BigInteger(200, RND));
    byte[] enc = new byte[128];
    G2.encode(enc, 0, p, 0);
    assertArrayEquals(p, G2.decode(enc, 0));
    byte[] zeros = new byte[128];
    assertArrayEquals(new long[16], G2.decode(zeros, 0), "all zeros is infinity");
    assertEquals(G2.Decoding.INPUT_TOO_SHORT, G2.decode(new byte[127], 0, new long[16], 0));
    assertEquals(G2.Decoding.INPUT_TOO_SHORT, G2.decode(enc, 1, new long[16], 0));
    assertEquals(G2.Decoding.INPUT_TOO_SHORT, G2.decode(null, 0, new long[16], 0));
    assertEquals(G2.Decoding.INPUT_TOO_SHORT, G2.decode(enc, -1, new long[16], 0));
    byte[] ff = enc.clone();
    java.util.Arrays.fill(ff, 0, 32, (byte) 0xff);
    assertEquals(G2.Decoding.COORDINATE_NOT_CANONICAL, G2.decode(ff, 0, new long[16], 0));
    byte[] off = enc.clone();
    off[100] ^= 4;
    assertEquals(G2.Decoding.NOT_ON_CURVE, G2.decode(off, 0, new long[16], 0));
    // the EIP-197 generator bytes: imaginary part first
    byte[] gen = new byte[128];
    G2.encode(gen, 0, G, 0);
    assertEquals("198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2",
        java.util.HexFormat.of().formatHex(gen, 0, 32));
  }
}
