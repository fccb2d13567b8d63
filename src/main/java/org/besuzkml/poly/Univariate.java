package org.besuzkml.poly;

import org.besuzkml.field.Fr;

/**
 * Small univariate polynomials over Fr in coefficient form ({@code c_0 + c_1 X + ... + c_d X^d},
 * c_0 first, flat Montgomery elements): the round polynomials of sumcheck, whose degree is a small
 * constant. Horner evaluation is O(d) and fit for verifier use; interpolation from the values at
 * 0, 1, ..., d is O(d^2) and serves the prover, which computes round polynomials by their values.
 */
public final class Univariate {
  private Univariate() {}

  private static final int L = Fr.LIMBS;

  /** out = p(x) for the count coefficients of p at cOff (count 0 gives 0), by Horner's rule. */
  public static void evaluate(long[] out, int outOff, long[] coeffs, int cOff, int count, long[] x, int xOff) {
    check(coeffs, cOff, count);
    check(x, xOff, 1);
    check(out, outOff, 1);
    long[] acc = new long[L];
    for (int i = count - 1; i >= 0; i--) {
      Fr.mul(acc, 0, acc, 0, x, xOff);
      Fr.add(acc, 0, acc, 0, coeffs, cOff + (i << 2));
    }
    Fr.copy(out, outOff, acc, 0);
  }

  /**
   * The coefficients of the unique polynomial of degree below count whose value at t is
   * {@code values[t]} for t = 0, 1, ..., count-1 (count at most 64). Lagrange form: {@code p =
   * sum_i y_i P(X) / ((X - i) P'(i))} with {@code P = prod_j (X - j)} and {@code P'(i) = prod_(j != i)
   * (i - j)}; each quotient {@code P / (X - i)} comes from synthetic division.
   */
  public static long[] coefficientsFromEvaluations(long[] values, int vOff, int count) {
    if (count < 0 || count > 64) {
      throw new IllegalArgumentException("count must be in [0, 64]: " + count);
    }
    check(values, vOff, count);
    long[] coeffs = new long[count * L];
    if (count == 0) {
      return coeffs;
    }
    // P(X) = prod_(j < count) (X - j), count + 1 coefficients
    long[] p = new long[(count + 1) * L];
    Fr.setOne(p, 0);
    long[] j = new long[L];
    long[] t = new long[L];
    for (int k = 0; k < count; k++) {
      Fr.fromLong(j, 0, k);
      // multiply by (X - k): new_c[i] = c[i-1] - k c[i], top down
      for (int i = k + 1; i >= 0; i--) {
        Fr.setZero(t, 0);
        if (i < k + 1) {
          Fr.mul(t, 0, p, i << 2, j, 0);
        }
        if (i > 0) {
          Fr.sub(p, i << 2, p, (i - 1) << 2, t, 0);
        } else {
          Fr.neg(p, 0, t, 0);
        }
      }
    }
    long[] q = new long[count * L];
    long[] scale = new long[L];
    long[] diff = new long[L];
    for (int i = 0; i < count; i++) {
      // scale = y_i / prod_(k != i) (i - k)
      Fr.setOne(scale, 0);
      for (int k = 0; k < count; k++) {
        if (k != i) {
          Fr.fromLong(diff, 0, i - k);
          Fr.mul(scale, 0, scale, 0, diff, 0);
        }
      }
      Fr.inv(scale, 0, scale, 0);
      Fr.mul(scale, 0, scale, 0, values, vOff + (i << 2));
      // q = P / (X - i): q[d-1] = P[d], q[m-1] = P[m] + i q[m]
      Fr.fromLong(j, 0, i);
      Fr.copy(q, (count - 1) << 2, p, count << 2);
      for (int m = count - 1; m >= 1; m--) {
        Fr.mul(t, 0, q, m << 2, j, 0);
        Fr.add(q, (m - 1) << 2, p, m << 2, t, 0);
      }
      for (int m = 0; m < count; m++) {
        Fr.mul(t, 0, q, m << 2, scale, 0);
        Fr.add(coeffs, m << 2, coeffs, m << 2, t, 0);
      }
    }
    return coeffs;
  }

  private static void check(long[] a, int off, int elements) {
    if (a == null || off < 0 || elements < 0 || (long) off + (long) elements * L > a.length) {
      throw new IllegalArgumentException("array too short for " + elements + " elements at offset " + off);
    }
  }
}
