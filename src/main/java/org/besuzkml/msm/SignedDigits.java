package org.besuzkml.msm;

import org.besuzkml.curve.G1;

/**
 * Signed base-2^c recoding of scalar magnitudes: {@code k = sum_w d_w 2^(c w)} with every digit in
 * {@code [-2^(c-1), 2^(c-1)]}, so a window needs only 2^(c-1) buckets (a negative digit adds the
 * negated point, which is free in affine form).
 *
 * <p>Digits come from the plain c-bit chunks plus a carry: a chunk above 2^(c-1) becomes {@code
 * chunk - 2^c} and carries one into the next window. With {@code windows = ceil((bits + 1) / c)}
 * the top chunk is at most {@code 2^(c-1) - 1} plus the carry, so no carry is left over.
 */
final class SignedDigits {
  private SignedDigits() {}

  /**
   * Digits of scalars lo..hi-1 of n, window-major ({@code digits[w * n + i]}), the scalar's sign folded in.
   * Magnitudes are unsigned little-endian limbs, {@code stride} limbs per scalar. A base at
   * infinity gets all-zero digits, so the bucket code never sees it.
   */
  static void recode(long[] bases, int baseOff, long[] mag, int stride, boolean[] negative, int n, int c,
      int windows, int[] digits, int lo, int hi) {
    int half = 1 << (c - 1);
    int full = 1 << c;
    int mask = full - 1;
    for (int i = lo; i < hi; i++) {
      if (G1.isInfinityAffine(bases, baseOff + i * G1.AFFINE)) {
        continue;
      }
      int o = i * stride;
      int carry = 0;
      boolean neg = negative[i];
      for (int w = 0; w < windows; w++) {
        int d = chunk(mag, o, stride, w * c, mask) + carry;
        if (d > half) {
          d -= full;
          carry = 1;
        } else {
          carry = 0;
        }
        digits[w * n + i] = neg ? -d : d;
      }
    }
  }

  /** Bits [bit, bit + c) of the magnitude at mag[o..o+stride), as an int (c <= 20). */
  private static int chunk(long[] mag, int o, int stride, int bit, int mask) {
    int limb = bit >>> 6, sh = bit & 63;
    if (limb >= stride) {
      return 0;
    }
    long v = mag[o + limb] >>> sh;
    if (sh > 64 - 20 && limb + 1 < stride) {
      v |= mag[o + limb + 1] << (64 - sh);
    }
    return (int) v & mask;
  }
}
