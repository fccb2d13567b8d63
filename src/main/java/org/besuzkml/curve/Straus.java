package org.besuzkml.curve;

import org.besuzkml.field.Fq;

/**
 * Small multi-scalar multiplications by Straus's interleaving: {@code sum_i (+-k_i) P_i} with one
 * shared run of doublings instead of one per point. Each scalar is split with the GLV endomorphism
 * into two halves below 2^128 and recoded in width-5 NAF; each point gets a table of its odd
 * multiples P, 3P, ..., 15P, made affine for all points at once with one field inversion, and the
 * phi(P) table follows from it by one multiplication per entry. The loop then costs about 128
 * doublings in all plus, per point, 2 x 22 mixed additions: for the verifier's MSMs of 10 to 64
 * points about a third of one GLV scalar multiplication per point. Variable time (public data
 * only: the verifier's scalars are transcript challenges). The result is the group element itself,
 * so it equals any other way of computing the sum.
 */
public final class Straus {
  private static final int L = Fq.LIMBS;
  private static final int TABLE = 8; // odd multiples 1, 3, ..., 15
  private static final int DIGITS = 258;

  private Straus() {}

  /**
   * {@code sum_{i<n} (negative[i] ? -1 : 1) k_i P_i} (Jacobian): P_i affine at
   * bases[baseOff + i * AFFINE], k_i four little-endian limbs at mag[i * stride] (stride >= 4;
   * any 256-bit value, reduced mod r here). Infinity bases and zero scalars contribute nothing.
   */
  public static long[] msm(long[] bases, int baseOff, long[] mag, int stride, boolean[] negative, int n) {
    int[][] naf = new int[2 * n][];
    int[] signs = new int[n];
    int[] live = new int[n];
    int m = 0;
    int top = -1;
    long[] halves = new long[8];
    long[] splitScratch = new long[Glv.SPLIT_SCRATCH];
    for (int i = 0; i < n; i++) {
      long[] k = reduced(mag, i * stride);
      if ((k[0] | k[1] | k[2] | k[3]) == 0 || G1.isInfinityAffine(bases, baseOff + i * G1.AFFINE)) {
        continue;
      }
      int s = Glv.split(k, 0, halves, 0, splitScratch);
      // -kP = (-k1) P + (-k2) phi(P): negating the point flips both halves' signs
      signs[m] = negative[i] ? s ^ 3 : s;
      naf[2 * m] = new int[DIGITS];
      naf[2 * m + 1] = new int[DIGITS];
      top = Math.max(top, Math.max(G1.wnaf(naf[2 * m], halves, 0), G1.wnaf(naf[2 * m + 1], halves, 4)));
      live[m++] = i;
    }
    long[] acc = new long[G1.JACOBIAN];
    G1.setInfinity(acc, 0);
    if (m == 0) {
      return acc;
    }
    long[] table = oddMultiples(bases, baseOff, live, m);
    long[] tablePhi = new long[table.length];
    for (int e = 0; e < m * TABLE; e++) {
      Glv.endomorphismAffine(tablePhi, e * G1.AFFINE, table, e * G1.AFFINE);
    }
    long[] neg = new long[G1.AFFINE];
    long[] s = new long[G1.SCRATCH];
    for (int bit = top; bit >= 0; bit--) {
      G1.dbl(acc, 0, acc, 0, s);
      for (int j = 0; j < m; j++) {
        addDigit(acc, naf[2 * j][bit], (signs[j] & 1) != 0, table, j, neg, s);
        addDigit(acc, naf[2 * j + 1][bit], (signs[j] & 2) != 0, tablePhi, j, neg, s);
      }
    }
    return acc;
  }

  /** The affine odd multiples 1P..15P of each live point, TABLE entries per point. */
  private static long[] oddMultiples(long[] bases, int baseOff, int[] live, int m) {
    long[] jac = new long[m * TABLE * G1.JACOBIAN];
    long[] twoP = new long[G1.JACOBIAN];
    long[] s = new long[G1.SCRATCH];
    for (int j = 0; j < m; j++) {
      int at = j * TABLE * G1.JACOBIAN;
      G1.fromAffine(jac, at, bases, baseOff + live[j] * G1.AFFINE);
      G1.dbl(twoP, 0, jac, at, s);
      for (int e = 1; e < TABLE; e++) {
        G1.add(jac, at + e * G1.JACOBIAN, jac, at + (e - 1) * G1.JACOBIAN, twoP, 0, s);
      }
    }
    // P has prime order r > 15, so no odd multiple below 16 is infinity
    long[] aff = new long[m * TABLE * G1.AFFINE];
    G1.batchToAffine(jac, 0, aff, 0, m * TABLE);
    return aff;
  }

  /** acc += d * T_j (T_j's odd multiples at table[j * TABLE]), negated when flip is set. */
  private static void addDigit(long[] acc, int d, boolean flip, long[] table, int j, long[] neg, long[] s) {
    if (d == 0) {
      return;
    }
    int at = (j * TABLE + ((d < 0 ? -d : d) >> 1)) * G1.AFFINE;
    if ((d < 0) != flip) {
      G1.negAffine(neg, 0, table, at);
      G1.addMixed(acc, 0, acc, 0, neg, 0, s);
    } else {
      G1.addMixed(acc, 0, acc, 0, table, at, s);
    }
  }

  /** The four limbs at mag[off..off+4) reduced mod r. */
  private static long[] reduced(long[] mag, int off) {
    long[] k = {mag[off], mag[off + 1], mag[off + 2], mag[off + 3]};
    G1.reduceModR(k);
    return k;
  }
}
