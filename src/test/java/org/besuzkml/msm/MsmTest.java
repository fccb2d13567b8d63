package org.besuzkml.msm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pippenger MSM against naive summation of scalar multiplications (G1 is itself tested vs BigInteger). */
class MsmTest {
  private static final int A = G1.AFFINE;

  /** n affine bases P, P + Q, P + 2Q, ... from random P, Q (cheap: one addition per base). */
  static long[] bases(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long[] k = new long[4];
    Fr.random(k, 0, rnd);
    long[] p = new long[G1.JACOBIAN], q = new long[G1.JACOBIAN];
    G1.mulFr(p, 0, G1.generatorJacobian(), 0, k, 0);
    Fr.random(k, 0, rnd);
    G1.mulFr(q, 0, G1.generatorJacobian(), 0, k, 0);
    long[] jac = new long[n * G1.JACOBIAN];
    long[] s = new long[G1.SCRATCH];
    for (int i = 0; i < n; i++) {
      G1.copy(jac, i * G1.JACOBIAN, p, 0);
      G1.add(p, 0, p, 0, q, 0, s);
    }
    long[] aff = new long[n * A];
    G1.batchToAffine(jac, 0, aff, 0, n);
    return aff;
  }

  static long[] randomScalars(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long[] k = new long[n * 4];
    for (int i = 0; i < n; i++) {
      Fr.random(k, i * 4, rnd);
    }
    return k;
  }

  /** sum_i k_i P_i by one scalar multiplication per point. */
  static long[] naive(long[] bases, int baseOffPoints, long[] scalars, int n) {
    long[] acc = new long[G1.JACOBIAN], t = new long[G1.JACOBIAN];
    G1.setInfinity(acc, 0);
    for (int i = 0; i < n; i++) {
      G1.fromAffine(t, 0, bases, (baseOffPoints + i) * A);
      G1.mulFr(t, 0, t, 0, scalars, i * 4);
      G1.add(acc, 0, acc, 0, t, 0);
    }
    return acc;
  }

  private static void assertSame(long[] expected, long[] actual) {
    assertTrue(G1.equal(expected, 0, actual, 0), "MSM differs from the naive sum");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 5, 31, 100, 1000, 4096})
  void randomFullScalarsMatchNaiveSum(int n) {
    long[] b = bases(n, n);
    long[] k = randomScalars(n, 1000 + n);
    assertSame(naive(b, 0, k, n), Msm.msm(b, 0, k, n));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 100, 1000})
  void glvSplitAndPlainPathsAgreeWithNaiveSum(int n) {
    long[] b = bases(n + 2, 900 + n);
    G1.setInfinityAffine(b, (n / 2 + 1) * A); // an infinity base inside the range
    long[] k = randomScalars(n, 901 + n);
    Fr.fromLong(k, 0, -1);
    long[] expected = naive(b, 1, k, n);
    for (int threads : new int[] {1, 2, 3}) {
      assertSame(expected, Msm.msm(b, 1, k, n, threads, Msm.GLV_ON));
      assertSame(expected, Msm.msm(b, 1, k, n, threads, Msm.GLV_OFF));
    }
    long[] small = new long[n * 4];
    for (int i = 0; i < n; i++) {
      Fr.fromLong(small, i * 4, i % 2 == 0 ? -i * 1000003L : i);
    }
    assertSame(naive(b, 1, small, n), Msm.msm(b, 1, small, n, 2, Msm.GLV_ON));
  }

  @Test
  void baseOffsetSelectsASubrange() {
    long[] b = bases(40, 7);
    long[] k = randomScalars(30, 8);
    assertSame(naive(b, 10, k, 30), Msm.msm(b, 10, k, 30));
  }

  @Test
  void zeroOneAndMinusOneScalars() {
    int n = 300;
    long[] b = bases(n, 11);
    long[] k = randomScalars(n, 12);
    for (int i = 0; i < n; i += 3) {
      Fr.setZero(k, i * 4);
    }
    for (int i = 1; i < n; i += 7) {
      Fr.fromLong(k, i * 4, -1); // r - 1
    }
    Fr.setOne(k, 2 * 4);
    assertSame(naive(b, 0, k, n), Msm.msm(b, 0, k, n));
    long[] zeros = new long[n * 4];
    assertTrue(G1.isInfinity(Msm.msm(b, 0, zeros, n), 0));
  }

  /** Sizes that take the Jacobian bucket path (50) and the batch-affine path (1000). */
  @ParameterizedTest
  @ValueSource(ints = {50, 1000})
  void duplicateBasesWithEqualScalarsHitTheDoublingCase(int n) {
    long[] one = bases(1, 21);
    long[] b = new long[n * A];
    for (int i = 0; i < n; i++) {
      System.arraycopy(one, 0, b, i * A, A);
    }
    long[] k = new long[n * 4];
    long[] same = randomScalars(1, 22);
    for (int i = 0; i < n; i++) {
      System.arraycopy(same, 0, k, i * 4, 4);
    }
    assertSame(naive(b, 0, k, n), Msm.msm(b, 0, k, n));
    long[] r = randomScalars(n, 23); // same point, different scalars
    assertSame(naive(b, 0, r, n), Msm.msm(b, 0, r, n));
  }

  @ParameterizedTest
  @ValueSource(ints = {20, 60, 1500})
  void infinityBasesContributeNothing(int n) {
    long[] b = bases(n, 31);
    for (int i = 0; i < n; i += 5) {
      G1.setInfinityAffine(b, i * A);
    }
    long[] k = randomScalars(n, 32);
    assertSame(naive(b, 0, k, n), Msm.msm(b, 0, k, n));
  }

  @ParameterizedTest
  @ValueSource(ints = {40, 1200})
  void oppositePointsInTheSameBucketCancel(int n) {
    long[] b = bases(n, 41);
    long[] k = randomScalars(n, 42);
    for (int i = 0; i + 1 < n; i += 4) {
      G1.negAffine(b, (i + 1) * A, b, i * A); // P_{i+1} = -P_i with the same scalar
      System.arraycopy(k, i * 4, k, (i + 1) * 4, 4);
    }
    assertSame(naive(b, 0, k, n), Msm.msm(b, 0, k, n));
    // all pairs cancel: the result is infinity
    long[] b2 = new long[2 * n * A];
    long[] k2 = new long[2 * n * 4];
    for (int i = 0; i < n; i++) {
      System.arraycopy(b, i * A, b2, 2 * i * A, A);
      G1.negAffine(b2, (2 * i + 1) * A, b, i * A);
      System.arraycopy(k, i * 4, k2, 2 * i * 4, 4);
      System.arraycopy(k, i * 4, k2, (2 * i + 1) * 4, 4);
    }
    assertTrue(G1.isInfinity(Msm.msm(b2, 0, k2, 2 * n), 0));
  }

  private static long[] asFr(long[] small) {
    long[] k = new long[small.length * 4];
    for (int i = 0; i < small.length; i++) {
      Fr.fromLong(k, i * 4, small[i]);
    }
    return k;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 8, 16, 17, 32, 63})
  void smallSignedScalarsMatchFullPathAndNaiveSum(int bits) {
    int n = 700;
    long[] b = bases(n, 50 + bits);
    SplittableRandom rnd = new SplittableRandom(bits);
    long[] s = new long[n];
    long lim = 1L << (bits - 1);
    for (int i = 0; i < n; i++) {
      s[i] = rnd.nextLong(-lim + 1, lim);
    }
    s[0] = lim - 1;
    s[1] = -(lim - 1);
    s[2] = -lim; // the most negative value of the range
    s[3] = 0;
    s[4] = -1;
    long[] expected = naive(b, 0, asFr(s), n);
    assertSame(expected, Msm.msmSmall(b, s, n));
    assertSame(expected, Msm.msm(b, 0, asFr(s), n));
    assertSame(expected, Msm.msmSmall(b, 0, s, 0, n, 1));
    assertSame(expected, Msm.msmSmall(b, 0, s, 0, n, 5)); // forces slicing points across tasks
    // offsets: bases from point 3, scalars from index 2
    long[] sub = java.util.Arrays.copyOfRange(s, 2, 2 + n - 5);
    long[] shifted = java.util.Arrays.copyOfRange(b, 3 * A, b.length);
    assertSame(naive(shifted, 0, asFr(sub), n - 5), Msm.msmSmall(b, 3, s, 2, n - 5));
  }

  @Test
  void extremeLongScalars() {
    long[] s = {Long.MIN_VALUE, Long.MAX_VALUE, -Long.MAX_VALUE, 1, -1, 0};
    int n = s.length;
    long[] b = bases(n, 60);
    assertSame(naive(b, 0, asFr(s), n), Msm.msmSmall(b, s, n));
  }

  @Test
  void pathChoiceFollowsTheCostModel() {
    assertTrue(Msm.naivePays(4, 253, 1));
    assertTrue(!Msm.naivePays(1000, 253, 1));
    assertTrue(!Msm.batchAffinePays(50, Msm.chooseWindow(50, 253, 1)));
    assertTrue(Msm.batchAffinePays(1000, Msm.chooseWindow(1000, 253, 1)));
    assertTrue(Msm.batchAffinePays(1200, Msm.chooseWindow(1200, 253, 1)));
    assertTrue(Msm.batchAffinePays(1500, Msm.chooseWindow(1500, 253, 1)));
    assertTrue(Msm.glvPays(1 << 16, 253, 2));
    assertTrue(!Msm.glvPays(1 << 16, 64, 2));
  }

  @Test
  void windowChoiceGrowsWithSizeAndShrinksWindowsForSmallScalars() {
    int small = Msm.chooseWindow(1 << 8, 254, 2);
    int large = Msm.chooseWindow(1 << 20, 254, 2);
    assertTrue(small < large, small + " vs " + large);
    assertEquals(1, Msm.windows(16, 17));
    assertTrue(Msm.windows(16, Msm.chooseWindow(1 << 16, 16, 2)) <= 3);
  }

  /**
   * Wide windows (from 512 buckets) reduce the buckets through row and column sums computed by
   * batch-affine rounds. Bases drawn from {P, -P, 2P, -2P, 3P, infinity} make many buckets hold
   * equal or opposite sums, so those rounds meet doublings and cancellations; the expected value is
   * (sum_i k_i c_i) P with the small multipliers c_i summed exactly in Fr.
   */
  @ParameterizedTest
  @ValueSource(ints = {10, 11, 12, 13, 15, 16, 17})
  void wideWindowGridReductionHandlesEqualAndOppositeBucketSums(int window) {
    int n = 2500;
    long[] p = new long[G1.JACOBIAN];
    long[] k0 = new long[4];
    SplittableRandom rnd = new SplittableRandom(window);
    Fr.random(k0, 0, rnd);
    G1.mulFr(p, 0, G1.generatorJacobian(), 0, k0, 0);
    int[] multipliers = {1, -1, 2, -2, 3, 0, 1};
    long[] table = new long[multipliers.length * A];
    for (int j = 0; j < multipliers.length; j++) {
      long[] m = new long[4], q = new long[G1.JACOBIAN];
      Fr.fromLong(m, 0, multipliers[j]);
      G1.mulFr(q, 0, p, 0, m, 0);
      G1.toAffine(table, j * A, q, 0);
    }
    long[] b = new long[n * A];
    long[] k = new long[n * 4];
    long[] total = new long[4], c = new long[4], term = new long[4];
    for (int i = 0; i < n; i++) {
      int j = rnd.nextInt(multipliers.length);
      System.arraycopy(table, j * A, b, i * A, A);
      if (i % 5 == 0) {
        Fr.fromLong(k, i * 4, rnd.nextLong(-40, 40)); // few distinct digits: crowded buckets
      } else {
        Fr.random(k, i * 4, rnd);
      }
      Fr.fromLong(c, 0, multipliers[j]);
      Fr.mul(term, 0, k, i * 4, c, 0);
      Fr.add(total, 0, total, 0, term, 0);
    }
    long[] expected = new long[G1.JACOBIAN];
    G1.mulFr(expected, 0, p, 0, total, 0);
    for (int glv : new int[] {Msm.GLV_OFF, Msm.GLV_ON}) {
      assertSame(expected, Msm.msm(b, 0, k, n, 1, glv, window));
      assertSame(expected, Msm.msm(b, 0, k, n, 2, glv, window));
    }
    assertTrue(Msm.batchAffinePays(n, window), "the test must reach the batch-affine path");
  }
}
