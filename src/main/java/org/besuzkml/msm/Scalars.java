package org.besuzkml.msm;

import org.besuzkml.curve.G1;
import org.besuzkml.curve.Glv;
import org.besuzkml.field.Fq;
import org.besuzkml.field.Fr;

/**
 * Scalar preparation for the bucket method: signed magnitudes from Fr elements, and the GLV split
 * that doubles the points and halves the scalar width. Every method works on an index range so
 * that the driver can spread it over threads; each returns the OR of the magnitudes it wrote,
 * from which the driver reads the bit width of the largest one.
 */
final class Scalars {
  private Scalars() {}

  private static final int L = Fq.LIMBS;
  /** {@code (r - 1) / 2}: Fr scalars above it are read as negative, {@code k - r}. */
  private static final long[] HALF_R = Fr.limbsOf(Fr.MODULUS.shiftRight(1));
  private static final long[] R = Fr.limbsOf(Fr.MODULUS);
  private static final long[] ONE_CANONICAL = {1, 0, 0, 0};

  /**
   * For i in [lo, hi): mag[4i..] = |k_i| and negative[i] = k_i < 0, reading the Montgomery-form Fr
   * scalar k_i in (-r/2, r/2). ORs the magnitude limbs into or[0..4).
   */
  static void signedMagnitudes(long[] scalars, int lo, int hi, long[] mag, boolean[] negative, long[] or) {
    for (int i = lo; i < hi; i++) {
      int o = i * L;
      Fr.mul(mag, o, scalars, o, ONE_CANONICAL, 0); // leave Montgomery form
      if (greaterThan(mag, o, HALF_R)) {
        negative[i] = true;
        subFromR(mag, o);
      }
      or[0] |= mag[o];
      or[1] |= mag[o + 1];
      or[2] |= mag[o + 2];
      or[3] |= mag[o + 3];
    }
  }

  /**
   * GLV doubling for i in [lo, hi): point i of the output is base i, point n + i is phi(base i);
   * their magnitudes (4 limbs each, below 2^128) and signs are the split of the signed scalar i.
   */
  static void glvSplit(long[] bases, int baseOff, long[] mag, boolean[] negative, int n, int lo, int hi,
      long[] bases2, long[] mag2, boolean[] negative2, long[] or) {
    long[] s = new long[Glv.SPLIT_SCRATCH];
    long[] halves = new long[8];
    for (int i = lo; i < hi; i++) {
      int b = baseOff + i * G1.AFFINE;
      System.arraycopy(bases, b, bases2, i * G1.AFFINE, G1.AFFINE);
      Glv.endomorphismAffine(bases2, (n + i) * G1.AFFINE, bases, b);
      int signs = Glv.split(mag, i * L, halves, 0, s);
      System.arraycopy(halves, 0, mag2, i * L, L);
      System.arraycopy(halves, L, mag2, (n + i) * L, L);
      negative2[i] = negative[i] ^ ((signs & 1) != 0);
      negative2[n + i] = negative[i] ^ ((signs & 2) != 0);
      or[0] |= halves[0] | halves[4];
      or[1] |= halves[1] | halves[5];
      or[2] |= halves[2] | halves[6];
      or[3] |= halves[3] | halves[7];
    }
  }

  /** Bit width of the value whose limbs are or[0..4). */
  static int bitWidth(long[] or) {
    for (int i = L - 1; i >= 0; i--) {
      if (or[i] != 0) {
        return 64 * i + 64 - Long.numberOfLeadingZeros(or[i]);
      }
    }
    return 0;
  }

  private static boolean greaterThan(long[] a, int ao, long[] b) {
    for (int i = L - 1; i >= 0; i--) {
      int c = Long.compareUnsigned(a[ao + i], b[i]);
      if (c != 0) {
        return c > 0;
      }
    }
    return false;
  }

  /** a := r - a for canonical 0 < a < r. */
  private static void subFromR(long[] a, int ao) {
    long borrow = 0;
    for (int i = 0; i < L; i++) {
      long x = R[i], y = a[ao + i];
      a[ao + i] = x - y - borrow;
      borrow = (Long.compareUnsigned(x, y) < 0 || (x == y && borrow != 0)) ? 1 : 0;
    }
  }
}
