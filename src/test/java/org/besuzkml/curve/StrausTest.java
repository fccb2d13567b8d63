package org.besuzkml.curve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Straus's interleaved MSM against BigInteger double-and-add (G1Reference), on the inputs where
 * an interleaved loop can go wrong: the accumulator meeting a table entry (equal points, a point
 * and its negation), infinity bases, zero scalars, scalars at and above r, negated terms.
 */
class StrausTest {
  private static final BigInteger R = G1Reference.R;
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

  @Test
  void randomSumsMatchTheReference() {
    Random rnd = new Random(11);
    for (int n : new int[] {1, 2, 3, 7, 20, 64}) {
      BigInteger[][] pts = new BigInteger[n][];
      BigInteger[] ks = new BigInteger[n];
      boolean[] neg = new boolean[n];
      for (int i = 0; i < n; i++) {
        pts[i] = G1Reference.mul(G1Reference.G, new BigInteger(254, rnd).mod(R));
        ks[i] = new BigInteger(256, rnd); // any 256-bit value: reduced mod r
        neg[i] = rnd.nextBoolean();
      }
      check(pts, ks, neg, "n = " + n);
    }
  }

  @Test
  void collidingTermsInfinityAndZeroScalars() {
    BigInteger[] p = G1Reference.mul(G1Reference.G, BigInteger.valueOf(123456789));
    BigInteger[] q = G1Reference.mul(G1Reference.G, BigInteger.valueOf(987654321));
    BigInteger k = new BigInteger("31415926535897932384626433832795028841971693993751");
    // P twice with the same scalar (the accumulator doubles through a table entry), P with k and
    // -P with k (they cancel), a zero scalar, an infinity base, r and r + 1, 2^256 - 1
    check(new BigInteger[][] {p, p}, new BigInteger[] {k, k}, new boolean[2], "P + P");
    check(new BigInteger[][] {p, G1Reference.neg(p)}, new BigInteger[] {k, k}, new boolean[2], "P - P");
    check(new BigInteger[][] {p, p}, new BigInteger[] {k, k}, new boolean[] {false, true}, "kP - kP");
    check(new BigInteger[][] {p, q, null}, new BigInteger[] {BigInteger.ZERO, k, k}, new boolean[3], "0, inf");
    check(new BigInteger[][] {p, q}, new BigInteger[] {R, R.add(BigInteger.ONE)}, new boolean[2], "r, r + 1");
    check(new BigInteger[][] {q}, new BigInteger[] {TWO_256.subtract(BigInteger.ONE)}, new boolean[] {true},
        "-(2^256 - 1) Q");
    check(new BigInteger[][] {p, q}, new BigInteger[] {BigInteger.ONE, R.subtract(BigInteger.ONE)},
        new boolean[2], "1, r - 1");
  }

  @Test
  void everyTermVanishingGivesInfinity() {
    long[] acc = Straus.msm(new long[0], 0, new long[0], 4, new boolean[0], 0);
    assertNull(G1Reference.fromJacobian(acc, 0));
    BigInteger[] p = G1Reference.mul(G1Reference.G, BigInteger.valueOf(5));
    check(new BigInteger[][] {null, p}, new BigInteger[] {BigInteger.TEN, R}, new boolean[2], "all vanish");
  }

  /** Asserts Straus.msm equals sum_i (+-k_i) P_i, with a stride wider than four limbs. */
  private static void check(BigInteger[][] pts, BigInteger[] ks, boolean[] neg, String what) {
    int n = pts.length;
    int stride = 5;
    long[] bases = new long[n * G1.AFFINE];
    long[] mag = new long[n * stride];
    BigInteger[] want = null;
    for (int i = 0; i < n; i++) {
      if (pts[i] != null) {
        System.arraycopy(G1Reference.toLimbs(pts[i]), 0, bases, i * G1.AFFINE, G1.AFFINE);
      }
      for (int w = 0; w < 4; w++) {
        mag[i * stride + w] = ks[i].shiftRight(64 * w).longValue();
      }
      mag[i * stride + 4] = -1; // past the scalar: must be ignored
      BigInteger[] term = G1Reference.mul(pts[i], ks[i].mod(R));
      want = G1Reference.add(want, neg[i] ? G1Reference.neg(term) : term);
    }
    BigInteger[] got = G1Reference.fromJacobian(Straus.msm(bases, 0, mag, stride, neg, n), 0);
    if (want == null) {
      assertNull(got, what);
    } else {
      assertEquals(2, got.length, what);
      assertArrayEquals(want, got, what);
    }
  }
}
