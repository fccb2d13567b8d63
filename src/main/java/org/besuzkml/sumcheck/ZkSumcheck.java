package org.besuzkml.sumcheck;

import org.besuzkml.field.Fr;
import org.besuzkml.mask.MaskForm;

/**
 * The zero-sum mask of a masked sumcheck (zk-design 3.1), shared by prover and verifier:
 * {@code g(x) = sum_t sum_{c=1..D_t} a_{t,c} (x_t^c - 1/2)}, whose coefficients are consecutive
 * mask-column entries from {@code first} on (round t's {@code a_{t,1..D_t}} together). Every summand
 * {@code x_t^c - 1/2} sums to zero over {@code x_t in {0,1}}, so {@code sum g = 0} for any
 * coefficients: the run keeps the unmasked claim and needs no extra challenge.
 */
final class ZkSumcheck {
  private ZkSumcheck() {}

  private static final int L = Fr.LIMBS;

  /** 1/2 in Montgomery form. */
  static final long[] HALF = half();

  private static long[] half() {
    long[] two = new long[L];
    Fr.fromLong(two, 0, 2);
    long[] h = new long[L];
    Fr.inv(h, 0, two, 0);
    return h;
  }

  /**
   * The mask's value at the point as a form over the column: coefficient {@code r_t^c - 1/2} at the
   * entry of {@code a_{t,c}}.
   */
  static MaskForm maskAt(long[] point, int[] degrees, int first) {
    MaskForm form = new MaskForm();
    long[] pw = new long[L];
    long[] c = new long[L];
    int entry = first;
    for (int t = 0; t < degrees.length; t++) {
      Fr.setOne(pw, 0);
      for (int e = 1; e <= degrees[t]; e++) {
        Fr.mul(pw, 0, pw, 0, point, t * L);
        Fr.sub(c, 0, pw, 0, HALF, 0);
        form.add(entry++, c, 0);
      }
    }
    return form;
  }

  /**
   * The per-round degrees of a batched masked run of {@code K = max k_i} rounds: round t has the
   * largest degree among the instances active in it (instance i, with degree list {@code degrees[i]}
   * of length k_i, is active in the last k_i rounds). Null if a list is not a valid degree list, or
   * there are no instances or more than 2^16.
   */
  static int[] combinedDegrees(int[][] degrees) {
    if (degrees == null || degrees.length == 0 || degrees.length > 1 << 16) {
      return null;
    }
    int kMax = 0;
    for (int[] d : degrees) {
      if (!SumcheckProof.validDegrees(d)) {
        return null;
      }
      kMax = Math.max(kMax, d.length);
    }
    int[] out = new int[kMax];
    for (int[] d : degrees) {
      int dormant = kMax - d.length;
      for (int j = 0; j < d.length; j++) {
        out[dormant + j] = Math.max(out[dormant + j], d[j]);
      }
    }
    return out;
  }

  /** 2^(-e) in Montgomery form (e small: repeated halving). */
  static long[] inversePowerOfTwo(int e) {
    long[] out = new long[L];
    Fr.setOne(out, 0);
    for (int i = 0; i < e; i++) {
      Fr.mul(out, 0, out, 0, HALF, 0);
    }
    return out;
  }
}
