package org.besuzkml.pairing;

import org.besuzkml.curve.G2;
import org.besuzkml.field.Fq12;

/**
 * f -> f^((q^12 - 1)/r) for BN254, without any BigInteger power: the easy part (q^6 - 1)(q^2 + 1)
 * with one Fq12 inversion and a Frobenius, then the hard part (q^4 - q^2 + 1)/r = l0 + l1 q + l2 q^2
 * + l3 q^3 with l3 = 1, l2 = 6x^2 + 1, l1 = -36x^3 - 18x^2 - 12x + 1, l0 = -36x^3 - 30x^2 - 18x - 2
 * through three exponentiations by x (width-4 NAF, cyclotomic squarings) and the addition chain of
 * Scott et al. (see package-info for the chain).
 */
public final class FinalExponentiation {
  private FinalExponentiation() {}

  private static final int N = Fq12.LONGS;
  /** Window width of the signed-digit form of x used by {@link #expByX}. */
  private static final int WINDOW = 4;
  /**
   * x in width-4 NAF, least significant digit first: odd digits in [-7, 7], 63 digits of which 14
   * are non-zero, so an exponentiation by x costs 62 cyclotomic squarings and 16 multiplications
   * (3 of them for the table a, a^3, a^5, a^7) instead of 23 with the plain NAF.
   */
  private static final byte[] X_WNAF = wnaf(G2.BN_X, WINDOW);

  // workspace layout, in Fq12 elements; TABLE holds a^1, a^3, a^5, a^7 then their conjugates
  private static final int F = 0, FX = 1, FX2 = 2, FX3 = 3, Y0 = 4, Y1 = 5, Y2 = 6, Y3 = 7, Y4 = 8;
  private static final int Y5 = 9, Y6 = 10, T0 = 11, T1 = 12, TMP = 13, TABLE = 14, ELEMENTS = 22;

  /** Width-w non-adjacent form of a positive integer, least significant digit first. */
  static byte[] wnaf(java.math.BigInteger k, int w) {
    byte[] d = new byte[k.bitLength() + 1];
    int n = 0;
    java.math.BigInteger v = k;
    int mod = 1 << w;
    while (v.signum() > 0) {
      int digit = 0;
      if (v.testBit(0)) {
        digit = v.mod(java.math.BigInteger.valueOf(mod)).intValue();
        if (digit >= mod / 2) {
          digit -= mod;
        }
        v = v.subtract(java.math.BigInteger.valueOf(digit));
      }
      d[n++] = (byte) digit;
      v = v.shiftRight(1);
    }
    return java.util.Arrays.copyOf(d, n);
  }

  /** r = a^((q^12 - 1)/r); a must be non-zero (a Miller loop output always is). */
  public static void apply(long[] r, int ro, long[] a, int ao) {
    long[] w = new long[ELEMENTS * N + Fq12.SCRATCH];
    int s = ELEMENTS * N;
    int f = F * N, fx = FX * N, fx2 = FX2 * N, fx3 = FX3 * N, y0 = Y0 * N, y1 = Y1 * N, y2 = Y2 * N;
    int y3 = Y3 * N, y4 = Y4 * N, y5 = Y5 * N, y6 = Y6 * N, t0 = T0 * N, t1 = T1 * N, tmp = TMP * N;

    // easy part: f = a^(q^6 - 1), then f = f^(q^2 + 1)
    Fq12.inv(w, tmp, a, ao, w, s);
    Fq12.conjugate(w, f, a, ao);
    Fq12.mul(w, f, w, f, w, tmp, w, s);
    Fq12.frobenius(w, tmp, w, f, 2, w, s);
    Fq12.mul(w, f, w, f, w, tmp, w, s);

    // hard part: f is now in the cyclotomic subgroup, where inversion is conjugation
    expByX(w, fx, f, s);
    expByX(w, fx2, fx, s);
    expByX(w, fx3, fx2, s);
    // y0 = f^(q + q^2 + q^3)
    Fq12.frobenius(w, y0, w, f, 1, w, s);
    Fq12.frobenius(w, tmp, w, f, 2, w, s);
    Fq12.mul(w, y0, w, y0, w, tmp, w, s);
    Fq12.frobenius(w, tmp, w, f, 3, w, s);
    Fq12.mul(w, y0, w, y0, w, tmp, w, s);
    // y1 = f^-1; y2 = f^(x^2 q^2); y3 = f^(-x q)
    Fq12.conjugate(w, y1, w, f);
    Fq12.frobenius(w, y2, w, fx2, 2, w, s);
    Fq12.frobenius(w, y3, w, fx, 1, w, s);
    Fq12.conjugate(w, y3, w, y3);
    // y4 = f^(-x - x^2 q); y5 = f^(-x^2); y6 = f^(-x^3 - x^3 q)
    Fq12.frobenius(w, y4, w, fx2, 1, w, s);
    Fq12.mul(w, y4, w, y4, w, fx, w, s);
    Fq12.conjugate(w, y4, w, y4);
    Fq12.conjugate(w, y5, w, fx2);
    Fq12.frobenius(w, y6, w, fx3, 1, w, s);
    Fq12.mul(w, y6, w, y6, w, fx3, w, s);
    Fq12.conjugate(w, y6, w, y6);
    // y0 * y1^2 * y2^6 * y3^12 * y4^18 * y5^30 * y6^36
    Fq12.cyclotomicSqr(w, t0, w, y6, w, s);
    Fq12.mul(w, t0, w, t0, w, y4, w, s);
    Fq12.mul(w, t0, w, t0, w, y5, w, s);
    Fq12.mul(w, t1, w, y3, w, y5, w, s);
    Fq12.mul(w, t1, w, t1, w, t0, w, s);
    Fq12.mul(w, t0, w, t0, w, y2, w, s);
    Fq12.cyclotomicSqr(w, t1, w, t1, w, s);
    Fq12.mul(w, t1, w, t1, w, t0, w, s);
    Fq12.cyclotomicSqr(w, t1, w, t1, w, s);
    Fq12.mul(w, t0, w, t1, w, y1, w, s);
    Fq12.mul(w, t1, w, t1, w, y0, w, s);
    Fq12.cyclotomicSqr(w, t0, w, t0, w, s);
    Fq12.mul(r, ro, w, t0, w, t1, w, s);
  }

  /**
   * w[r..] = a^x for a = w[ao..] in the cyclotomic subgroup: width-4 NAF square-and-multiply with cyclotomic
   * squarings; negative digits use conjugates (inverses there) of the odd powers. r must not alias a.
   */
  private static void expByX(long[] w, int r, int ao, int s) {
    int table = TABLE * N;
    int half = (1 << (WINDOW - 2)) * N; // offset of the conjugates
    Fq12.copy(w, table, w, ao);
    Fq12.cyclotomicSqr(w, r, w, ao, w, s); // a^2
    for (int i = 1; i < (1 << (WINDOW - 2)); i++) {
      Fq12.mul(w, table + i * N, w, table + (i - 1) * N, w, r, w, s);
    }
    for (int i = 0; i < (1 << (WINDOW - 2)); i++) {
      Fq12.conjugate(w, table + half + i * N, w, table + i * N);
    }
    int top = X_WNAF.length - 1;
    Fq12.copy(w, r, w, table + digitOffset(X_WNAF[top], half));
    for (int i = top - 1; i >= 0; i--) {
      Fq12.cyclotomicSqr(w, r, w, r, w, s);
      if (X_WNAF[i] != 0) {
        Fq12.mul(w, r, w, r, w, table + digitOffset(X_WNAF[i], half), w, s);
      }
    }
  }

  /** Offset in the table of a^d for an odd digit d in [-7, 7]. */
  private static int digitOffset(int d, int half) {
    return d > 0 ? (d >> 1) * N : half + ((-d) >> 1) * N;
  }
}
