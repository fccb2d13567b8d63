package org.besuzkml.field;

import java.math.BigInteger;

/**
 * Degree-12 extension of the BN254 base field: the target group GT of the pairing lives in it.
 *
 * <h2>The tower</h2>
 *
 * <pre>
 *   Fq2  = Fq[u]  / (u^2 + 1)          (-1 is a non-square: q = 3 mod 4)
 *   Fq6  = Fq2[v] / (v^3 - xi), xi = 9 + u   (xi is neither a square nor a cube in Fq2)
 *   Fq12 = Fq6[w] / (w^2 - v)          so w^6 = xi, and Fq12 = Fq2[w]/(w^6 - xi)
 * </pre>
 *
 * An element {@code c0 + c1*w} is 48 longs: c0 (an {@link Fq6}) then c1. Read over Fq2 it is
 * {@code sum a_i w^i}, i = 0..5, with a_0, a_2, a_4 the coefficients of c0 and a_1, a_3, a_5 those of
 * c1. Over Fq it is Fq[w]/(w^12 - 18 w^6 + 82) (from (w^6 - 9)^2 = u^2 = -1), which the tests use as
 * an independent reference.
 *
 * <h2>Frobenius</h2>
 *
 * {@code (sum a_i w^i)^(q^k) = sum conj^k(a_i) * gamma_{k,i} w^i} with {@code gamma_{k,i} =
 * xi^(i(q^k - 1)/6)} (q = 1 mod 6), computed once at class initialisation; conj is the Fq2
 * conjugation, which is the q-power map on Fq2.
 *
 * <h2>Cyclotomic squaring</h2>
 *
 * After the easy part of the final exponentiation, f^((q^6 - 1)(q^2 + 1)), an element lies in the
 * cyclotomic subgroup G_{Phi_12(q)} (order q^4 - q^2 + 1), where conjugation is inversion. Writing
 * Fq12 = Fq4[w]/(w^3 - W), Fq4 = Fq2[W]/(W^2 - xi), W = w^3, f = A + B w + C w^2, Granger and Scott
 * show f^2 = (3A^2 - 2 conj(A)) + (3 W C^2 + 2 conj(B)) w + (3 B^2 - 2 conj(C)) w^2 (conj: W -> -W),
 * which costs three Fq4 squarings (nine Fq2 squarings) instead of a full Fq12 squaring. It is only
 * valid on that subgroup.
 *
 * <p>Kernels are static, accept aliasing between output and inputs, and take a scratch region
 * {@code (t, to)} of at least {@link #SCRATCH} longs that must not overlap the operands.
 */
public final class Fq12 {
  private Fq12() {}

  /** Longs per element. */
  public static final int LONGS = 48;
  /** Longs of scratch any kernel of this class needs. */
  public static final int SCRATCH = 4 * Fq6.LONGS + Fq6.SCRATCH;

  private static final int E = Fq2.LONGS;
  private static final int H = Fq6.LONGS;

  /** gamma_{k,i} for k = 1..3, i = 0..5, at offset ((k-1)*6 + i)*8. */
  private static final long[] GAMMA = new long[3 * 6 * E];

  static {
    BigInteger q = Fq.MODULUS;
    long[] xi = Fq2.nonResidue();
    for (int k = 1; k <= 3; k++) {
      BigInteger qk1 = q.pow(k).subtract(BigInteger.ONE);
      for (int i = 0; i < 6; i++) {
        long[] g = Fq2.pow(xi, qk1.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(6)));
        Fq2.copy(GAMMA, ((k - 1) * 6 + i) * E, g, 0);
      }
    }
  }

  /** Offset, inside an element, of the Fq2 coefficient of w^i. */
  private static int coeff(int i) {
    return (i & 1) * H + (i >>> 1) * E;
  }

  /** A copy of gamma_{k,i} = xi^(i(q^k-1)/6), k in 1..3, i in 0..5 (used by the G2 endomorphism). */
  public static long[] frobeniusCoefficient(int k, int i) {
    long[] r = new long[E];
    Fq2.copy(r, 0, GAMMA, ((k - 1) * 6 + i) * E);
    return r;
  }

  // ---------------------------------------------------------------------------------------------
  // constants, copies, comparisons, linear operations

  public static void setZero(long[] r, int ro) {
    java.util.Arrays.fill(r, ro, ro + LONGS, 0L);
  }

  public static void setOne(long[] r, int ro) {
    setZero(r, ro);
    Fq.setOne(r, ro);
  }

  public static void copy(long[] r, int ro, long[] a, int ao) {
    System.arraycopy(a, ao, r, ro, LONGS);
  }

  public static boolean isOne(long[] a, int ao) {
    return Fq6.isOne(a, ao) && Fq6.isZero(a, ao + H);
  }

  public static boolean isZero(long[] a, int ao) {
    return Fq6.isZero(a, ao) && Fq6.isZero(a, ao + H);
  }

  public static boolean equal(long[] a, int ao, long[] b, int bo) {
    return Fq6.equal(a, ao, b, bo) && Fq6.equal(a, ao + H, b, bo + H);
  }

  public static void add(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
    Fq6.add(r, ro, a, ao, b, bo);
    Fq6.add(r, ro + H, a, ao + H, b, bo + H);
  }

  public static void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
    Fq6.sub(r, ro, a, ao, b, bo);
    Fq6.sub(r, ro + H, a, ao + H, b, bo + H);
  }

  /** r = conj(a) = c0 - c1*w = a^(q^6); on the cyclotomic subgroup this is the inverse. */
  public static void conjugate(long[] r, int ro, long[] a, int ao) {
    Fq6.copy(r, ro, a, ao);
    Fq6.neg(r, ro + H, a, ao + H);
  }

  // ---------------------------------------------------------------------------------------------
  // multiplicative operations

  /** r = a * b (Karatsuba over Fq6: three Fq6 multiplications). */
  public static void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo, long[] t, int to) {
    int v0 = to, v1 = to + H, sa = to + 2 * H, sb = to + 3 * H, s = to + 4 * H;
    Fq6.mul(t, v0, a, ao, b, bo, t, s);
    Fq6.mul(t, v1, a, ao + H, b, bo + H, t, s);
    Fq6.add(t, sa, a, ao, a, ao + H);
    Fq6.add(t, sb, b, bo, b, bo + H);
    Fq6.mul(t, sa, t, sa, t, sb, t, s);
    Fq6.sub(t, sa, t, sa, t, v0);
    Fq6.sub(r, ro + H, t, sa, t, v1);
    Fq6.mulByNonResidueAdd(r, ro, t, v1, t, v0, t, s);
  }

  /** r = a^2 (complex squaring over Fq6: two Fq6 multiplications). */
  public static void sqr(long[] r, int ro, long[] a, int ao, long[] t, int to) {
    int ab = to, sa = to + H, sb = to + 2 * H, s = to + 4 * H;
    Fq6.mul(t, ab, a, ao, a, ao + H, t, s);
    Fq6.add(t, sa, a, ao, a, ao + H);
    Fq6.mulByNonResidueAdd(t, sb, a, ao + H, a, ao, t, s);
    // c0 = (a0 + a1)(a0 + v*a1) - ab - v*ab; c1 = 2ab
    Fq6.mul(t, sa, t, sa, t, sb, t, s);
    Fq6.sub(t, sa, t, sa, t, ab);
    Fq6.dbl(r, ro + H, t, ab);
    Fq6.mulByNonResidue(t, ab, t, ab, t, s);
    Fq6.sub(r, ro, t, sa, t, ab);
  }

  /**
   * r = a * l for a Miller-loop line {@code l = d0 + (d1 + d3*v)*w} (Fq2 coefficients of w^0, w^1
   * and w^3), given as three consecutive Fq2 elements d0, d1, d3 at (l, lo). Thirteen Fq2
   * multiplications instead of eighteen. l must not overlap r.
   */
  public static void mulByLine(long[] r, int ro, long[] a, int ao, long[] l, int lo, long[] t, int to) {
    int x = to, y = to + H, sa = to + 2 * H, e = to + 3 * H, s = to + 4 * H;
    Fq6.mulByFq2(t, x, a, ao, l, lo, t, s);
    Fq6.mulBy01(t, y, a, ao + H, l, lo + E, lo + 2 * E, t, s);
    Fq6.add(t, sa, a, ao, a, ao + H);
    Fq2.add(t, e, l, lo, l, lo + E);
    Fq2.copy(t, e + E, l, lo + 2 * E);
    Fq6.mulBy01(t, sa, t, sa, t, e, e + E, t, s);
    // c1 = (a0 + a1)(d0 + d1 + d3 v) - x - y; c0 = x + v*y
    Fq6.sub(t, sa, t, sa, t, x);
    Fq6.sub(r, ro + H, t, sa, t, y);
    Fq6.mulByNonResidueAdd(r, ro, t, y, t, x, t, s);
  }

  /** r = a^-1 = conj(a) / (c0^2 - v*c1^2); r = 0 when a = 0. */
  public static void inv(long[] r, int ro, long[] a, int ao, long[] t, int to) {
    int n = to, x = to + H, s = to + 4 * H;
    Fq6.sqr(t, n, a, ao, t, s);
    Fq6.sqr(t, x, a, ao + H, t, s);
    Fq6.mulByNonResidue(t, x, t, x, t, s);
    Fq6.sub(t, n, t, n, t, x);
    Fq6.inv(t, n, t, n, t, s);
    Fq6.mul(r, ro, a, ao, t, n, t, s);
    Fq6.mul(t, x, a, ao + H, t, n, t, s);
    Fq6.neg(r, ro + H, t, x);
  }

  /** r = a^(q^k) for k in 1..3 (conjugate coefficients k times, scale by gamma_{k,i}). */
  public static void frobenius(long[] r, int ro, long[] a, int ao, int k, long[] t, int to) {
    int g = (k - 1) * 6 * E;
    boolean conj = (k & 1) == 1;
    for (int i = 0; i < 6; i++) {
      int ri = ro + coeff(i);
      int ai = ao + coeff(i);
      if (conj) {
        Fq2.conjugate(r, ri, a, ai);
      } else {
        Fq2.copy(r, ri, a, ai);
      }
      if (i != 0) {
        if (k == 2) {
          // gamma_{2,i}^6 = xi^(q^2 - 1) = 1, and Fq holds all sixth roots of unity (q = 1 mod 6)
          Fq2.mulByFq(r, ri, r, ri, GAMMA, g + i * E);
        } else {
          Fq2.mul(r, ri, r, ri, GAMMA, g + i * E, t, to);
        }
      }
    }
  }

  /** Squaring of an element of Fq4 = Fq2[W]/(W^2 - xi): (a + bW)^2 into (r0, r1). */
  private static void fq4Sqr(long[] t, int r0, int r1, long[] a, int ao, int bo, int to) {
    int a2 = to, b2 = to + E, s = to + 2 * E;
    Fq2.sqr(t, a2, a, ao, t, s);
    Fq2.sqr(t, b2, a, bo, t, s);
    Fq2.add(t, r1, a, ao, a, bo);
    Fq2.sqr(t, r1, t, r1, t, s);
    Fq2.sub(t, r1, t, r1, t, a2);
    Fq2.sub(t, r1, t, r1, t, b2);
    Fq2.mulByNonResidueAdd(t, r0, t, b2, t, a2);
  }

  /** r = 3x - 2z or 3x + 2z (plus), the Granger-Scott coefficient update. */
  private static void gsUpdate(long[] r, int ro, long[] t, int x, long[] a, int z, boolean plus) {
    Fq2.threeXTwoZ(r, ro, t, x, a, z, plus);
  }

  /**
   * r = a^2 for a in the cyclotomic subgroup (Granger-Scott, nine Fq2 squarings). Wrong for other
   * elements; callers use it only after the easy part of the final exponentiation.
   */
  public static void cyclotomicSqr(long[] r, int ro, long[] a, int ao, long[] t, int to) {
    // A = a_0 + a_3 W, B = a_1 + a_4 W, C = a_2 + a_5 W, where a_i is the coefficient of w^i
    int z0 = ao + coeff(0), z1 = ao + coeff(3), z2 = ao + coeff(1), z3 = ao + coeff(4);
    int z4 = ao + coeff(2), z5 = ao + coeff(5);
    int a0 = to, a1 = to + E, b0 = to + 2 * E, b1 = to + 3 * E, c0 = to + 4 * E, c1 = to + 5 * E;
    int s = to + 6 * E;
    fq4Sqr(t, a0, a1, a, z0, z1, s);
    fq4Sqr(t, b0, b1, a, z2, z3, s);
    fq4Sqr(t, c0, c1, a, z4, z5, s);
    // new A = 3A^2 - 2conj(A)
    gsUpdate(r, ro + coeff(0), t, a0, a, z0, false);
    gsUpdate(r, ro + coeff(3), t, a1, a, z1, true);
    // new C = 3B^2 - 2conj(C)
    gsUpdate(r, ro + coeff(2), t, b0, a, z4, false);
    gsUpdate(r, ro + coeff(5), t, b1, a, z5, true);
    // new B = 3W C^2 + 2conj(B), W*(c0 + c1 W) = xi*c1 + c0 W
    Fq2.mulByNonResidue(t, c1, t, c1, t, s);
    gsUpdate(r, ro + coeff(1), t, c1, a, z2, true);
    gsUpdate(r, ro + coeff(4), t, c0, a, z3, false);
  }

  // ---------------------------------------------------------------------------------------------
  // allocating conveniences (tests, setup code; not for hot loops)

  public static long[] one() {
    long[] r = new long[LONGS];
    setOne(r, 0);
    return r;
  }

  public static long[] mul(long[] a, long[] b) {
    long[] r = new long[LONGS];
    mul(r, 0, a, 0, b, 0, new long[SCRATCH], 0);
    return r;
  }

  public static long[] sqr(long[] a) {
    long[] r = new long[LONGS];
    sqr(r, 0, a, 0, new long[SCRATCH], 0);
    return r;
  }

  public static long[] inv(long[] a) {
    long[] r = new long[LONGS];
    inv(r, 0, a, 0, new long[SCRATCH], 0);
    return r;
  }

  public static long[] conjugate(long[] a) {
    long[] r = new long[LONGS];
    conjugate(r, 0, a, 0);
    return r;
  }

  public static long[] frobenius(long[] a, int k) {
    long[] r = new long[LONGS];
    frobenius(r, 0, a, 0, k, new long[SCRATCH], 0);
    return r;
  }

  /** a^e by square-and-multiply (reference and tests; the pairing never calls it). */
  public static long[] pow(long[] a, BigInteger e) {
    long[] t = new long[SCRATCH];
    long[] acc = one();
    for (int i = e.bitLength() - 1; i >= 0; i--) {
      sqr(acc, 0, acc, 0, t, 0);
      if (e.testBit(i)) {
        mul(acc, 0, acc, 0, a, 0, t, 0);
      }
    }
    return acc;
  }
}
