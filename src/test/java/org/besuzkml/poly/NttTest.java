package org.besuzkml.poly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.besuzkml.field.Fr;
import org.junit.jupiter.api.Test;

class NttTest {
  private static final int L = Fr.LIMBS;

  static long[] random(int count, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long[] v = new long[count * L];
    for (int i = 0; i < count; i++) {
      Fr.random(v, i * L, rnd);
    }
    return v;
  }

  /** A_k = sum_i a_i x_k^i by Horner, x_k = shift * w^k: the definition, O(n^2). */
  static long[] naiveEvaluate(long[] a, int logN, long[] shift) {
    int n = 1 << logN;
    long[] w = Ntt.rootOfUnity(logN);
    long[] out = new long[n * L];
    long[] x = shift.clone();
    long[] acc = new long[L];
    for (int k = 0; k < n; k++) {
      Fr.setZero(acc, 0);
      for (int i = n - 1; i >= 0; i--) {
        Fr.mul(acc, 0, acc, 0, x, 0);
        Fr.add(acc, 0, acc, 0, a, i * L);
      }
      Fr.copy(out, k * L, acc, 0);
      Fr.mul(x, 0, x, 0, w, 0);
    }
    return out;
  }

  static long[] one() {
    long[] o = new long[L];
    Fr.setOne(o, 0);
    return o;
  }

  @Test
  void roundTripEverySizeUpTo2To14() {
    for (int k = 0; k <= 14; k++) {
      long[] a = random(1 << k, 100 + k);
      long[] b = a.clone();
      Ntt.forward(b, 0, k);
      if (k > 0) {
        assertFalse(java.util.Arrays.equals(a, b), "forward changed nothing at 2^" + k);
      }
      Ntt.inverse(b, 0, k);
      assertArrayEquals(a, b, "inverse(forward(a)) != a at 2^" + k);
      Ntt.forwardCoset(b, 0, k);
      Ntt.inverseCoset(b, 0, k);
      assertArrayEquals(a, b, "coset round trip at 2^" + k);
    }
  }

  @Test
  void forwardMatchesNaiveDftForSmallSizes() {
    for (int k = 0; k <= 7; k++) {
      long[] a = random(1 << k, 7 + k);
      long[] expect = naiveEvaluate(a, k, one());
      Ntt.forward(a, 0, k);
      assertArrayEquals(expect, a, "forward at 2^" + k);
    }
  }

  @Test
  void inverseMatchesNaiveInterpolation() {
    // inverse(A) = a exactly when A = naiveEvaluate(a)
    for (int k = 0; k <= 6; k++) {
      long[] a = random(1 << k, 70 + k);
      long[] evals = naiveEvaluate(a, k, one());
      Ntt.inverse(evals, 0, k);
      assertArrayEquals(a, evals, "inverse at 2^" + k);
    }
  }

  @Test
  void cosetForwardMatchesDirectEvaluationAtShiftedPoints() {
    for (int k = 0; k <= 7; k++) {
      long[] a = random(1 << k, 30 + k);
      long[] expect = naiveEvaluate(a, k, Ntt.cosetGenerator());
      long[] b = a.clone();
      Ntt.forwardCoset(b, 0, k);
      assertArrayEquals(expect, b, "coset forward at 2^" + k);
      Ntt.inverseCoset(expect, 0, k);
      assertArrayEquals(a, expect, "coset inverse at 2^" + k);
    }
  }

  @Test
  void knownAnswersDeltaAndConstant() {
    int k = 5;
    int n = 1 << k;
    long[] delta = new long[n * L];
    Fr.setOne(delta, 0);
    Ntt.forward(delta, 0, k);
    for (int i = 0; i < n; i++) {
      assertTrue(Fr.isOne(delta, i * L), "NTT(delta) must be all ones");
    }
    Ntt.forward(delta, 0, k); // NTT(all ones) = (n, 0, ..., 0)
    assertEquals(BigInteger.valueOf(n), Fr.toBigInteger(delta, 0));
    for (int i = 1; i < n; i++) {
      assertTrue(Fr.isZero(delta, i * L));
    }
  }

  @Test
  void linearity() {
    int k = 11;
    int n = 1 << k;
    long[] a = random(n, 1);
    long[] b = random(n, 2);
    long[] ab = random(2, 3);
    long[] combo = new long[n * L];
    long[] t = new long[L];
    for (int i = 0; i < n; i++) {
      Fr.mul(combo, i * L, a, i * L, ab, 0);
      Fr.mul(t, 0, b, i * L, ab, L);
      Fr.add(combo, i * L, combo, i * L, t, 0);
    }
    Ntt.forward(a, 0, k);
    Ntt.forward(b, 0, k);
    Ntt.forward(combo, 0, k);
    for (int i = 0; i < n; i++) {
      Fr.mul(t, 0, a, i * L, ab, 0);
      Fr.mul(a, i * L, b, i * L, ab, L);
      Fr.add(t, 0, t, 0, a, i * L);
      assertTrue(Fr.equal(t, 0, combo, i * L), "linearity at " + i);
    }
  }

  @Test
  void multithreadedEqualsSingleThreaded() {
    for (int k : new int[] {16, 17}) {
      long[] a = random(1 << k, 500 + k);
      long[] single = a.clone();
      long[] multi = a.clone();
      Ntt.forward(single, 0, k, 1);
      Ntt.forward(multi, 0, k, 4);
      assertArrayEquals(single, multi, "forward at 2^" + k);
      Ntt.inverseCoset(single, 0, k, 1);
      Ntt.inverseCoset(multi, 0, k, 3);
      assertArrayEquals(single, multi, "inverse coset at 2^" + k);
    }
  }

  @Test
  void computedTwiddleStagesMatchTableStages() {
    // Sizes above the table cap (2^22) compute late-stage twiddles on the fly; exercise that code
    // at a small size by capping the table-driven stages.
    for (int k = 1; k <= 13; k += 3) {
      long[] a = random(1 << k, 900 + k);
      long[] byTable = a.clone();
      Ntt.forward(byTable, 0, k, 1);
      for (int limit = 1; limit <= k; limit += 4) {
        long[] computed = a.clone();
        Ntt.forwardWithTableLimit(computed, 0, k, 2, limit);
        assertArrayEquals(byTable, computed, "2^" + k + " with table stages <= " + limit);
      }
    }
  }

  @Test
  void worksAtAnOffsetWithoutTouchingNeighbours() {
    int k = 9;
    int n = 1 << k;
    long[] a = random(n + 3, 42);
    long[] before = a.clone();
    int off = 2 * L;
    Ntt.forward(a, off, k);
    long[] expect = java.util.Arrays.copyOfRange(before, off, off + n * L);
    Ntt.forward(expect, 0, k);
    assertArrayEquals(expect, java.util.Arrays.copyOfRange(a, off, off + n * L));
    for (int i = 0; i < off; i++) {
      assertEquals(before[i], a[i]);
    }
    for (int i = off + n * L; i < a.length; i++) {
      assertEquals(before[i], a[i]);
    }
  }

  @Test
  void rootsOfUnityHaveExactOrder() {
    for (int k = 0; k <= Ntt.MAX_LOG_SIZE; k++) {
      long[] w = Ntt.rootOfUnity(k);
      if (k > 0) {
        long[] h = w.clone();
        for (int i = 0; i < k - 1; i++) {
          Fr.sqr(h, 0, h, 0);
        }
        long[] minusOne = one();
        Fr.neg(minusOne, 0, minusOne, 0);
        assertTrue(Fr.equal(h, 0, minusOne, 0), "w^(n/2) must be -1 at 2^" + k);
        Fr.sqr(h, 0, h, 0);
        assertTrue(Fr.isOne(h, 0));
      } else {
        assertTrue(Fr.isOne(w, 0));
      }
    }
  }

  /**
   * r - 1 = 2^28 * 3^2 * 13 * 29 * 983 * 11003 * 237073 * 405928799 * 1670836401704629 *
   * 13818364434197438864469338081. g = 5 generates Fr^* iff g^((r-1)/p) != 1 for every prime p | r-1.
   */
  @Test
  void cosetGeneratorGeneratesTheMultiplicativeGroupAndIsOutsideH() {
    BigInteger r = Fr.MODULUS;
    BigInteger[] primes = {
      BigInteger.TWO, BigInteger.valueOf(3), BigInteger.valueOf(13), BigInteger.valueOf(29),
      BigInteger.valueOf(983), BigInteger.valueOf(11003), BigInteger.valueOf(237073),
      BigInteger.valueOf(405928799L), new BigInteger("1670836401704629"),
      new BigInteger("13818364434197438864469338081")
    };
    int[] exps = {28, 2, 1, 1, 1, 1, 1, 1, 1, 1};
    BigInteger product = BigInteger.ONE;
    for (int i = 0; i < primes.length; i++) {
      assertTrue(primes[i].isProbablePrime(64), primes[i] + " is prime");
      product = product.multiply(primes[i].pow(exps[i]));
    }
    assertEquals(r.subtract(BigInteger.ONE), product, "factorization of r - 1");
    BigInteger g = BigInteger.valueOf(Ntt.COSET_GENERATOR);
    assertEquals(g, Fr.toBigInteger(Ntt.cosetGenerator(), 0));
    for (BigInteger p : primes) {
      assertNotEquals(BigInteger.ONE, g.modPow(r.subtract(BigInteger.ONE).divide(p), r), "g^((r-1)/" + p + ")");
    }
    // not in H = the 2^28-th roots of unity, so g*H is disjoint from H for every size
    assertNotEquals(BigInteger.ONE, g.modPow(BigInteger.TWO.pow(Fr.TWO_ADICITY), r));
  }

  @Test
  void badArgumentsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Ntt.forward(new long[4], 0, 29));
    assertThrows(IllegalArgumentException.class, () -> Ntt.forward(new long[4], 0, -1));
    assertThrows(IllegalArgumentException.class, () -> Ntt.forward(new long[7], 0, 1));
    assertThrows(IllegalArgumentException.class, () -> Ntt.inverse(new long[8], 4, 1));
    assertThrows(IllegalArgumentException.class, () -> Ntt.forward(null, 0, 0));
  }
}
