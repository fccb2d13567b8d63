package org.besuzkml.poly;

import org.besuzkml.field.Fr;

/**
 * Multilinear polynomials over Fr given by their evaluation tables on the Boolean hypercube: the
 * building blocks of sumcheck.
 *
 * <p><b>Variable order (used everywhere in this project):</b> a table of {@code 2^v} elements holds
 * {@code f(x_1, ..., x_v)} at index {@code i = sum_k x_k * 2^(v-k)}: the FIRST variable is the MOST
 * significant bit. Fixing the first variable therefore combines entries {@code i} and {@code i +
 * 2^(v-1)}, and a point {@code (r_1, ..., r_v)} is passed as v consecutive elements, r_1 first.
 *
 * <p>Tables are flat {@code long[]} of Montgomery elements (4 limbs each) at a limb offset. Work is
 * linear in the table size; tables of 2^14 elements and more are split over all cores. Results do
 * not depend on the split (field arithmetic is exact). Sizes that do not fit the arrays throw
 * {@link IllegalArgumentException}.
 */
public final class Multilinear {
  private Multilinear() {}

  /** Tables below 2^PARALLEL_MIN_LOG elements are processed by the calling thread alone. */
  static final int PARALLEL_MIN_LOG = 14;
  /** Most variables a table may have: 2^28 elements are 2^30 longs, near the largest Java array. */
  public static final int MAX_VARS = 28;
  private static final int L = Fr.LIMBS;

  // ---------------------------------------------------------------------------------------------
  // eq

  /** The table of {@code eq(r, x)} for every x in {0,1}^v, r = v elements of r at rOff. */
  public static long[] eqTable(long[] r, int rOff, int numVars) {
    long[] one = new long[L];
    Fr.setOne(one, 0);
    return eqTable(r, rOff, numVars, one, 0);
  }

  /**
   * The table of {@code scale * eq(r, x)}, where {@code eq(r, x) = prod_k (r_k x_k + (1 - r_k)(1 -
   * x_k))}. Costs 2^v multiplications: each variable doubles the table, one multiplication per pair.
   */
  public static long[] eqTable(long[] r, int rOff, int numVars, long[] scale, int scaleOff) {
    checkVars(numVars);
    long[] out = new long[L << numVars];
    eqTable(out, 0, r, rOff, numVars, scale, scaleOff, Parallel.defaultThreads());
    return out;
  }

  static void eqTable(long[] out, int outOff, long[] r, int rOff, int numVars, long[] scale, int scaleOff,
      int threads) {
    checkVars(numVars);
    checkRange(out, outOff, 1L << numVars);
    checkRange(r, rOff, numVars);
    if (numVars < PARALLEL_MIN_LOG || threads <= 1) {
      Fr.copy(out, outOff, scale, scaleOff);
      expandEq(out, outOff, r, rOff, numVars);
      return;
    }
    // The first k variables give 2^k prefixes; each prefix owns the disjoint block of the table
    // for the remaining variables, built independently from scale * eq(r_1..r_k, prefix).
    int k = Math.min(numVars, 6);
    long[] prefix = new long[L << k];
    Fr.copy(prefix, 0, scale, scaleOff);
    expandEq(prefix, 0, r, rOff, k);
    int rest = numVars - k;
    int blocks = 1 << k;
    int pieces = Parallel.pieces(threads, blocks, 1);
    Parallel.run(pieces, p -> {
      int hi = Parallel.start(p + 1, pieces, blocks);
      for (int b = Parallel.start(p, pieces, blocks); b < hi; b++) {
        int base = outOff + ((b << rest) << 2);
        Fr.copy(out, base, prefix, b << 2);
        expandEq(out, base, r, rOff + (k << 2), rest);
      }
    });
  }

  /** Grows t[base] (one element) into the 2^vars-element table t[base] * eq(r, .), in place. */
  private static void expandEq(long[] t, int base, long[] r, int rOff, int vars) {
    for (int k = 0, size = 1; k < vars; k++, size <<= 1) {
      int rk = rOff + (k << 2);
      // new index 2i + x_k: the new variable becomes the least significant bit
      for (int i = size - 1; i >= 0; i--) {
        int src = base + (i << 2);
        int one = base + ((2 * i + 1) << 2);
        int zero = base + ((2 * i) << 2);
        Fr.mul(t, one, t, src, r, rk);
        Fr.sub(t, zero, t, src, t, one);
      }
    }
  }

  /** out = eq(a, b) = prod_k (a_k b_k + (1 - a_k)(1 - b_k)) for two points of v elements: O(v). */
  public static void eqEvaluate(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int numVars) {
    checkRange(out, outOff, 1);
    checkRange(a, aOff, numVars);
    checkRange(b, bOff, numVars);
    long[] acc = new long[L];
    long[] t = new long[L];
    long[] one = new long[L];
    Fr.setOne(one, 0);
    Fr.setOne(acc, 0);
    for (int k = 0; k < numVars; k++) {
      int ak = aOff + (k << 2);
      int bk = bOff + (k << 2);
      // a b + (1 - a)(1 - b) = 1 - a - b + 2ab
      Fr.mul(t, 0, a, ak, b, bk);
      Fr.dbl(t, 0, t, 0);
      Fr.sub(t, 0, t, 0, a, ak);
      Fr.sub(t, 0, t, 0, b, bk);
      Fr.add(t, 0, t, 0, one, 0);
      Fr.mul(acc, 0, acc, 0, t, 0);
    }
    Fr.copy(out, outOff, acc, 0);
  }

  /**
   * out = {@code LT_n(z) = sum over i in {0,1}^v with i < n of eq(z, i)}: the multilinear extension
   * of the mask that is 1 on the first n table entries (a tensor's real entries before its zero
   * padding), in O(v). Walking the bits of n from the most significant: where n has a 1, every index
   * that agrees so far and has a 0 there is below n, contributing {@code prefix * (1 - z_t)}.
   * n is clamped to [0, 2^v] (v at most 62).
   */
  public static void lessThanEvaluate(long[] out, int outOff, long[] z, int zOff, int numVars, long n) {
    if (numVars < 0 || numVars > 62) {
      throw new IllegalArgumentException("numVars must be in [0, 62]: " + numVars);
    }
    checkRange(out, outOff, 1);
    checkRange(z, zOff, numVars);
    long[] acc = new long[L];
    if (n >= (1L << numVars)) {
      Fr.setOne(out, outOff);
      return;
    }
    if (n <= 0) {
      Fr.setZero(out, outOff);
      return;
    }
    long[] prefix = new long[L];
    long[] oneMinus = new long[L];
    long[] t = new long[L];
    Fr.setOne(prefix, 0);
    for (int k = 0; k < numVars; k++) {
      int zk = zOff + (k << 2);
      Fr.setOne(oneMinus, 0);
      Fr.sub(oneMinus, 0, oneMinus, 0, z, zk);
      if (((n >>> (numVars - 1 - k)) & 1) != 0) {
        Fr.mul(t, 0, prefix, 0, oneMinus, 0);
        Fr.add(acc, 0, acc, 0, t, 0);
        Fr.mul(prefix, 0, prefix, 0, z, zk);
      } else {
        Fr.mul(prefix, 0, prefix, 0, oneMinus, 0);
      }
    }
    Fr.copy(out, outOff, acc, 0);
  }

  // ---------------------------------------------------------------------------------------------
  // binding variables and evaluating

  /**
   * Fixes the first variable to r in place: {@code f'(x') = f(0, x') + r (f(1, x') - f(0, x'))}
   * for the 2^(v-1) entries x', written to the first half of the table (the live length halves).
   */
  public static void fixFirstVariable(long[] f, int fOff, int numVars, long[] r, int rOff) {
    fixFirstVariable(f, fOff, f, fOff, numVars, r, rOff, Parallel.defaultThreads());
  }

  /** Like {@link #fixFirstVariable(long[], int, int, long[], int)}, writing 2^(v-1) entries to dst. */
  public static void fixFirstVariable(long[] dst, int dstOff, long[] src, int srcOff, int numVars, long[] r,
      int rOff) {
    fixFirstVariable(dst, dstOff, src, srcOff, numVars, r, rOff, Parallel.defaultThreads());
  }

  static void fixFirstVariable(long[] dst, int dstOff, long[] src, int srcOff, int numVars, long[] r, int rOff,
      int threads) {
    if (numVars < 1 || numVars > MAX_VARS) {
      throw new IllegalArgumentException("numVars must be in [1, " + MAX_VARS + "]: " + numVars);
    }
    checkRange(src, srcOff, 1L << numVars);
    checkRange(dst, dstOff, 1L << (numVars - 1));
    checkRange(r, rOff, 1);
    int half = 1 << (numVars - 1);
    int pieces = numVars < PARALLEL_MIN_LOG ? 1 : Parallel.pieces(threads, half, 1 << 12);
    // Entry i of the result reads i and i + half and writes i: with dst == src no entry that
    // another index still needs is overwritten, so in place is safe in any order.
    Parallel.run(pieces, p -> {
      long[] t = new long[L];
      int hi = Parallel.start(p + 1, pieces, half);
      for (int i = Parallel.start(p, pieces, half); i < hi; i++) {
        int lo = srcOff + (i << 2);
        Fr.sub(t, 0, src, lo + (half << 2), src, lo);
        Fr.mul(t, 0, t, 0, r, rOff);
        Fr.add(dst, dstOff + (i << 2), src, lo, t, 0);
      }
    });
  }

  /** out = f(point), the multilinear extension of the 2^v-entry table at v field elements: O(2^v). */
  public static void evaluate(long[] out, int outOff, long[] f, int fOff, int numVars, long[] point, int pointOff) {
    checkVars(numVars);
    checkRange(f, fOff, 1L << numVars);
    checkRange(point, pointOff, numVars);
    if (numVars == 0) {
      Fr.copy(out, outOff, f, fOff);
      return;
    }
    long[] t = new long[L << (numVars - 1)];
    fixFirstVariable(t, 0, f, fOff, numVars, point, pointOff);
    for (int k = 1; k < numVars; k++) {
      fixFirstVariable(t, 0, t, 0, numVars - k, point, pointOff + (k << 2));
    }
    Fr.copy(out, outOff, t, 0);
  }

  // ---------------------------------------------------------------------------------------------
  // sums

  /** out = sum of len consecutive elements (the sum over the hypercube when len = 2^v). */
  public static void sum(long[] out, int outOff, long[] f, int fOff, int len) {
    checkRange(f, fOff, len);
    long[] acc = new long[L];
    for (int i = 0; i < len; i++) {
      Fr.add(acc, 0, acc, 0, f, fOff + (i << 2));
    }
    Fr.copy(out, outOff, acc, 0);
  }

  /** out = sum_i a_i b_i over len elements. */
  public static void innerProduct(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int len) {
    innerProduct(out, outOff, a, aOff, b, bOff, len, Parallel.defaultThreads());
  }

  static void innerProduct(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int len, int threads) {
    checkRange(a, aOff, len);
    checkRange(b, bOff, len);
    int pieces = len < (1 << PARALLEL_MIN_LOG) ? 1 : Parallel.pieces(threads, len, 1 << 12);
    long[] partial = new long[pieces * L];
    Parallel.run(pieces, p -> {
      long[] t = new long[L];
      long[] acc = new long[L];
      int hi = Parallel.start(p + 1, pieces, len);
      for (int i = Parallel.start(p, pieces, len); i < hi; i++) {
        Fr.mul(t, 0, a, aOff + (i << 2), b, bOff + (i << 2));
        Fr.add(acc, 0, acc, 0, t, 0);
      }
      Fr.copy(partial, p << 2, acc, 0);
    });
    sum(out, outOff, partial, 0, pieces);
  }

  /**
   * One sumcheck round for a product of multilinear tables: the evaluations at t = 0, 1, ...,
   * degree of {@code s(t) = sum over x' in {0,1}^(v-1) of prod_j f_j(t, x')}, returned as degree+1
   * consecutive elements. Each factor is a 2^v-entry table at offset 0; f_j(t, x') = f_j(0, x') +
   * t (f_j(1, x') - f_j(0, x')) is stepped by repeated addition. {@code s(0) + s(1)} is the claimed
   * sum; with degree = number of factors, the evaluations determine s.
   */
  public static long[] roundEvaluations(long[][] factors, int numVars, int degree) {
    return roundEvaluations(factors, numVars, degree, Parallel.defaultThreads());
  }

  static long[] roundEvaluations(long[][] factors, int numVars, int degree, int threads) {
    if (numVars < 1 || numVars > MAX_VARS || degree < 0 || factors == null || factors.length == 0) {
      throw new IllegalArgumentException("need numVars in [1, " + MAX_VARS + "], degree >= 0 and at least one factor");
    }
    for (long[] f : factors) {
      checkRange(f, 0, 1L << numVars);
    }
    int half = 1 << (numVars - 1);
    int m = factors.length;
    int points = degree + 1;
    long work = (long) half * m * points;
    int pieces = numVars < PARALLEL_MIN_LOG ? 1 : Parallel.pieces(threads, work, 1 << 14);
    long[] partial = new long[pieces * points * L];
    Parallel.run(pieces, p -> {
      long[] val = new long[m * L]; // f_j(t, x') for the current t
      long[] diff = new long[m * L];
      long[] prod = new long[L];
      int base = p * points * L;
      int hi = Parallel.start(p + 1, pieces, half);
      for (int x = Parallel.start(p, pieces, half); x < hi; x++) {
        int lo = x << 2;
        int up = (x + half) << 2;
        for (int j = 0; j < m; j++) {
          Fr.copy(val, j << 2, factors[j], lo);
          Fr.sub(diff, j << 2, factors[j], up, factors[j], lo);
        }
        for (int t = 0; t < points; t++) {
          if (t > 0) {
            for (int j = 0; j < m; j++) {
              Fr.add(val, j << 2, val, j << 2, diff, j << 2);
            }
          }
          Fr.copy(prod, 0, val, 0);
          for (int j = 1; j < m; j++) {
            Fr.mul(prod, 0, prod, 0, val, j << 2);
          }
          Fr.add(partial, base + (t << 2), partial, base + (t << 2), prod, 0);
        }
      }
    });
    long[] out = new long[points * L];
    for (int p = 0; p < pieces; p++) {
      for (int t = 0; t < points; t++) {
        Fr.add(out, t << 2, out, t << 2, partial, (p * points + t) << 2);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------

  private static void checkVars(int numVars) {
    if (numVars < 0 || numVars > MAX_VARS) {
      throw new IllegalArgumentException("numVars must be in [0, " + MAX_VARS + "]: " + numVars);
    }
  }

  private static void checkRange(long[] a, int off, long elements) {
    if (a == null || off < 0 || elements < 0 || off + elements * L > a.length) {
      throw new IllegalArgumentException("array too short for " + elements + " elements at offset " + off);
    }
  }
}
