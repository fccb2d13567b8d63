package org.besuzkml.curve;

import java.math.BigInteger;
import org.besuzkml.field.Fq;

/**
 * The GLV endomorphism of BN254 G1 and the scalar split that uses it.
 *
 * <p>{@code phi(x, y) = (beta x, y)} with beta a primitive cube root of unity in Fq maps G1 to
 * itself and acts as {@code [lambda]} with {@code lambda^2 + lambda + 1 = 0 mod r}; this beta and
 * this lambda belong together (the other cube roots pair as beta^2, lambda^2). A scalar k splits as
 * {@code k = k1 + k2 lambda (mod r)} with |k1|, |k2| below 2^128, so {@code [k]P = [k1]P +
 * [k2]phi(P)} needs half the doublings.
 *
 * <p>The split uses the short lattice basis {@code (a1, b1), (a2, b2)} of {@code {(x, y) : x + y
 * lambda = 0 mod r}} found by the extended Euclidean algorithm on (r, lambda): {@code c1 =
 * round(b2 k / r)}, {@code c2 = round(-b1 k / r)}, {@code k1 = k - c1 a1 - c2 a2}, {@code k2 = -c1
 * b1 - c2 b2}. The roundings are computed as {@code (g k + 2^255) >> 256} with {@code g =
 * round(2^256 b / r)}; whatever c1, c2 come out, {@code k1 + k2 lambda = k (mod r)} holds exactly
 * because each basis vector is in the lattice, so an approximate rounding can only make k1, k2 a
 * little longer, never wrong. k1 and k2 are computed modulo 2^256 and read as signed.
 */
public final class Glv {
  private Glv() {}

  private static final int L = Fq.LIMBS;

  /** Cube root of unity in Fq used by phi. */
  public static final BigInteger BETA =
      new BigInteger("59e26bcea0d48bacd4f263f1acdb5c4f5763473177fffffe", 16);
  /** The eigenvalue of phi on G1: phi(P) = [LAMBDA] P. */
  public static final BigInteger LAMBDA =
      new BigInteger("b3c4d79d41a917585bfc41088d8daaa78b17ea66b99c90dd", 16);

  // lattice basis (a1, b1 = -B1_ABS), (a2, b2 = A1)
  private static final long A1 = 0x89d3256894d213e3L;
  private static final long[] B1_ABS = {0x8211bbeb7d4f1128L, 0x6f4d8248eeb859fcL};
  private static final long[] A2 = {0x0be4e1541221250bL, 0x6f4d8248eeb859fdL};
  private static final long B2 = A1;
  /** round(2^256 b2 / r) and round(2^256 (-b1) / r). */
  private static final long[] G1_ROUND = {0xd91d232ec7e0b3d7L, 0x2L};
  private static final long[] G2_ROUND = {0x7a7bd9d4391eb18eL, 0x4ccef014a773d2cfL, 0x2L};

  private static final long[] BETA_MONT = new long[L];

  static {
    Fq.fromBigInteger(BETA_MONT, 0, BETA);
  }

  /** Affine r = phi(a) = (beta x, y); infinity stays (0, 0). */
  public static void endomorphismAffine(long[] r, int ro, long[] a, int ao) {
    Fq.mul(r, ro, a, ao, BETA_MONT, 0);
    Fq.copy(r, ro + L, a, ao + L);
  }

  /** Jacobian r = phi(p) = (beta X, Y, Z). */
  public static void endomorphism(long[] r, int ro, long[] p, int po) {
    Fq.mul(r, ro, p, po, BETA_MONT, 0);
    Fq.copy(r, ro + L, p, po + L);
    Fq.copy(r, ro + 2 * L, p, po + 2 * L);
  }

  /** Longs of scratch {@link #split(long[], int, long[], int, long[])} needs. */
  public static final int SPLIT_SCRATCH = 24;

  private static final long[] A1_ARR = {A1};
  private static final long[] B2_ARR = {B2};

  /** Allocating form of {@link #split(long[], int, long[], int, long[])}. */
  public static int split(long[] k, int ko, long[] out, int oo) {
    return split(k, ko, out, oo, new long[SPLIT_SCRATCH]);
  }

  /**
   * Splits a canonical scalar {@code 0 <= k < r} (4 little-endian limbs at k[ko..]) into {@code k =
   * k1 + k2 lambda (mod r)}. Writes |k1| to out[oo..oo+4) and |k2| to out[oo+4..oo+8) (each below
   * 2^128, so limbs 2 and 3 are zero) and returns the signs: bit 0 set when k1 is negative, bit 1
   * when k2 is negative. s is scratch of {@link #SPLIT_SCRATCH} longs.
   */
  public static int split(long[] k, int ko, long[] out, int oo, long[] s) {
    final int prod = 0, c = 8, t = 12, k1 = 16, k2 = 20; // c: c1 at c, c2 at c+1..c+2
    java.util.Arrays.fill(s, 0L);
    mul(s, prod, k, ko, 4, G1_ROUND, 0, 2);
    s[c] = s[prod + 4] + (s[prod + 3] < 0 ? 1 : 0); // + 2^255 then >> 256; c1 < b2 < 2^64
    java.util.Arrays.fill(s, prod, prod + 8, 0L);
    mul(s, prod, k, ko, 4, G2_ROUND, 0, 3);
    boolean up = s[prod + 3] < 0;
    s[c + 1] = s[prod + 4] + (up ? 1 : 0);
    s[c + 2] = s[prod + 5] + ((up && s[prod + 4] == -1L) ? 1 : 0); // c2 < |b1| < 2^128
    // k1 = k - c1 a1 - c2 a2 (mod 2^256)
    System.arraycopy(k, ko, s, k1, 4);
    java.util.Arrays.fill(s, t, t + 4, 0L);
    mul(s, t, s, c, 1, A1_ARR, 0, 1);
    sub4(s, k1, s, t);
    java.util.Arrays.fill(s, t, t + 4, 0L);
    mul(s, t, s, c + 1, 2, A2, 0, 2);
    sub4(s, k1, s, t);
    // k2 = c1 |b1| - c2 b2 (mod 2^256)
    mul(s, k2, s, c, 1, B1_ABS, 0, 2);
    java.util.Arrays.fill(s, t, t + 4, 0L);
    mul(s, t, s, c + 1, 2, B2_ARR, 0, 1);
    sub4(s, k2, s, t);
    int signs = 0;
    if (s[k1 + 3] < 0) {
      negate4(s, k1);
      signs |= 1;
    }
    if (s[k2 + 3] < 0) {
      negate4(s, k2);
      signs |= 2;
    }
    System.arraycopy(s, k1, out, oo, 4);
    System.arraycopy(s, k2, out, oo + 4, 4);
    return signs;
  }

  /** acc[ac..ac+4) += a * b mod 2^256 (schoolbook on unsigned limbs). */
  private static void mul(long[] acc, int ac, long[] a, int ao, int an, long[] b, int bo, int bn) {
    for (int i = 0; i < an; i++) {
      long carry = 0;
      long ai = a[ao + i];
      for (int j = 0; j < bn && i + j < 8; j++) {
        long lo = ai * b[bo + j];
        long hi = mulHi(ai, b[bo + j]);
        long x = acc[ac + i + j] + lo;
        hi += Long.compareUnsigned(x, lo) < 0 ? 1 : 0;
        long y = x + carry;
        hi += Long.compareUnsigned(y, x) < 0 ? 1 : 0;
        acc[ac + i + j] = y;
        carry = hi;
      }
      for (int m = i + bn; carry != 0 && m < 8; m++) {
        long x = acc[ac + m] + carry;
        carry = Long.compareUnsigned(x, carry) < 0 ? 1 : 0;
        acc[ac + m] = x;
      }
    }
  }

  private static long mulHi(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }

  /** a -= b (mod 2^256, 4 limbs). */
  private static void sub4(long[] a, int ao, long[] b, int bo) {
    long borrow = 0;
    for (int i = 0; i < 4; i++) {
      long x = a[ao + i], y = b[bo + i];
      long d = x - y - borrow;
      borrow = (Long.compareUnsigned(x, y) < 0 || (x == y && borrow != 0)) ? 1 : 0;
      a[ao + i] = d;
    }
  }

  private static void negate4(long[] a, int ao) {
    long carry = 1;
    for (int i = 0; i < 4; i++) {
      long v = ~a[ao + i] + carry;
      carry = (carry != 0 && v == 0) ? 1 : 0;
      a[ao + i] = v;
    }
  }
}
