package org.besuzkml.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The shortcuts of the fast Fq2 kernels, checked on raw Montgomery limbs (where the carries and the
 * quotient estimate actually happen): unreduced multiplier inputs below 2m, the one-shot reduction
 * of 9c0 - c1 and c0 + 9c1, and aliasing of output and input.
 */
class Fq2KernelTest {
  private static final BigInteger Q = Fq.MODULUS;
  private static final BigInteger R_INV = BigInteger.ONE.shiftLeft(256).modInverse(Q);
  private static final Random RND = new Random(7);

  private static long[] raw(BigInteger... v) {
    long[] r = new long[4 * v.length];
    for (int i = 0; i < v.length; i++) {
      for (int j = 0; j < 4; j++) {
        r[4 * i + j] = v[i].shiftRight(64 * j).longValue();
      }
    }
    return r;
  }

  private static BigInteger limbs(long[] a, int ao) {
    BigInteger v = BigInteger.ZERO;
    for (int j = 3; j >= 0; j--) {
      v = v.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(a[ao + j])));
    }
    return v;
  }

  /** Raw limb values that stress carries: 0, 1, m-1, m-2^k, 2^k, random. */
  private static BigInteger edge(int i, BigInteger bound) {
    switch (i % 7) {
      case 0: return BigInteger.ZERO;
      case 1: return BigInteger.ONE;
      case 2: return bound.subtract(BigInteger.ONE);
      case 3: return bound.subtract(BigInteger.ONE.shiftLeft(RND.nextInt(250)));
      case 4: return BigInteger.ONE.shiftLeft(RND.nextInt(253));
      default: return new BigInteger(256, RND).mod(bound);
    }
  }

  @Test
  void fqMulAcceptsUnreducedInputsBelowTwiceTheModulus() {
    BigInteger twoM = Q.shiftLeft(1);
    long[] r = new long[4];
    for (int i = 0; i < 4000; i++) {
      BigInteger a = edge(i, twoM);
      BigInteger b = edge(i / 7 + i, twoM);
      long[] ab = raw(a, b);
      Fq.mul(r, 0, ab, 0, ab, 4);
      assertEquals(a.multiply(b).multiply(R_INV).mod(Q), limbs(r, 0), "a=" + a + " b=" + b);
    }
  }

  @Test
  void mulByNonResidueReducesNineTimesInOneStep() {
    long[] r = new long[8];
    long[] t = new long[Fq2.SCRATCH];
    BigInteger nine = BigInteger.valueOf(9);
    for (int i = 0; i < 4000; i++) {
      BigInteger c0 = edge(i, Q);
      BigInteger c1 = edge(i / 7 + 3 * i, Q);
      long[] a = raw(c0, c1);
      Fq2.mulByNonResidue(r, 0, a, 0, t, 0);
      assertEquals(c0.multiply(nine).subtract(c1).mod(Q), limbs(r, 0), "real, c0=" + c0 + " c1=" + c1);
      assertEquals(c0.add(c1.multiply(nine)).mod(Q), limbs(r, 4), "imaginary, c0=" + c0 + " c1=" + c1);
      Fq2.mulByNonResidue(a, 0, a, 0, t, 0); // in place
      assertArrayEquals(r, a);
    }
  }

  @Test
  void mulAndSqrOnExtremeLimbsMatchBigIntegerAndAllowAliasing() {
    long[] r = new long[8];
    long[] t = new long[Fq2.SCRATCH];
    for (int i = 0; i < 4000; i++) {
      BigInteger a0 = edge(i, Q), a1 = edge(3 * i + 1, Q), b0 = edge(5 * i + 2, Q), b1 = edge(i / 7, Q);
      long[] a = raw(a0, a1);
      long[] b = raw(b0, b1);
      Fq2.mul(r, 0, a, 0, b, 0, t, 0);
      BigInteger re = a0.multiply(b0).subtract(a1.multiply(b1)).multiply(R_INV).mod(Q);
      BigInteger im = a0.multiply(b1).add(a1.multiply(b0)).multiply(R_INV).mod(Q);
      assertEquals(re, limbs(r, 0));
      assertEquals(im, limbs(r, 4));
      long[] c = a.clone();
      Fq2.mul(c, 0, c, 0, b, 0, t, 0);
      assertArrayEquals(r, c, "r aliases a");
      Fq2.sqr(r, 0, a, 0, t, 0);
      assertEquals(a0.multiply(a0).subtract(a1.multiply(a1)).multiply(R_INV).mod(Q), limbs(r, 0));
      assertEquals(a0.multiply(a1).shiftLeft(1).multiply(R_INV).mod(Q), limbs(r, 4));
      Fq2.sqr(a, 0, a, 0, t, 0);
      assertArrayEquals(r, a, "r aliases a");
    }
  }

  @Test
  void fusedNonResidueAddAndGrangerScottCombineMatchBigInteger() {
    long[] r = new long[8];
    BigInteger nine = BigInteger.valueOf(9);
    for (int i = 0; i < 4000; i++) {
      BigInteger a0 = edge(i, Q), a1 = edge(3 * i + 1, Q), b0 = edge(5 * i + 2, Q), b1 = edge(i / 7, Q);
      long[] a = raw(a0, a1);
      long[] b = raw(b0, b1);
      Fq2.mulByNonResidueAdd(r, 0, a, 0, b, 0);
      assertEquals(a0.multiply(nine).subtract(a1).add(b0).mod(Q), limbs(r, 0));
      assertEquals(a1.multiply(nine).add(a0).add(b1).mod(Q), limbs(r, 4));
      long[] c = b.clone();
      Fq2.mulByNonResidueAdd(c, 0, a, 0, c, 0);
      assertArrayEquals(r, c, "r aliases b");
      c = a.clone();
      Fq2.mulByNonResidueAdd(c, 0, c, 0, b, 0);
      assertArrayEquals(r, c, "r aliases a");
      for (boolean plus : new boolean[] {true, false}) {
        BigInteger sign = plus ? BigInteger.TWO : BigInteger.TWO.negate();
        Fq2.threeXTwoZ(r, 0, a, 0, b, 0, plus);
        assertEquals(a0.multiply(BigInteger.valueOf(3)).add(sign.multiply(b0)).mod(Q), limbs(r, 0));
        assertEquals(a1.multiply(BigInteger.valueOf(3)).add(sign.multiply(b1)).mod(Q), limbs(r, 4));
      }
    }
  }
}
