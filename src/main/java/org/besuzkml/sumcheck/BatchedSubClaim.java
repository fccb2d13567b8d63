package org.besuzkml.sumcheck;

import org.besuzkml.field.Fr;

/**
 * What a batched sumcheck (4.2) leaves to the caller: {@code value == sum_i lambda^(i-1)
 * g_i(suffix_i(point))}, where instance i of k_i variables ended at the last k_i coordinates of the
 * point. The caller evaluates every g_i at {@link #instancePoint(int)} (from stated values) and
 * checks with {@link #holds(long[])}.
 *
 * @param point r_1..r_K (flat)
 * @param value the combined final value
 * @param weights lambda^(i-1) for each instance (flat)
 * @param numVars k_i per instance
 */
public record BatchedSubClaim(long[] point, long[] value, long[] weights, int[] numVars) {
  public int instances() {
    return numVars.length;
  }

  /** The last k_i coordinates of the point. */
  public long[] instancePoint(int i) {
    int kMax = point.length / Fr.LIMBS;
    int k = numVars[i];
    long[] out = new long[k * Fr.LIMBS];
    System.arraycopy(point, (kMax - k) * Fr.LIMBS, out, 0, out.length);
    return out;
  }

  /** True when the combined final value equals sum_i weights[i] * g[i] (g: one element per instance, flat). */
  public boolean holds(long[] g) {
    if (g == null || g.length != numVars.length * Fr.LIMBS) {
      return false;
    }
    long[] acc = new long[Fr.LIMBS];
    long[] t = new long[Fr.LIMBS];
    for (int i = 0; i < numVars.length; i++) {
      Fr.mul(t, 0, g, i * Fr.LIMBS, weights, i * Fr.LIMBS);
      Fr.add(acc, 0, acc, 0, t, 0);
    }
    return Fr.equal(acc, 0, value, 0);
  }
}
