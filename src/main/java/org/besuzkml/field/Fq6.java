package org.besuzkml.field;

/**
 * Cubic extension Fq6 = Fq2[v]/(v^3 - xi), xi = 9 + u, the middle floor of the BN254 tower (see
 * {@link Fq12} for the whole tower).
 *
 * <p>An element {@code c0 + c1*v + c2*v^2} is 24 longs: three {@link Fq2} elements at offsets 0, 8,
 * 16. Kernels are static, accept aliasing between output and inputs, and take a scratch region
 * {@code (t, to)} of at least {@link #SCRATCH} longs that must not overlap the operands.
 */
public final class Fq6 {
  private Fq6() {}

  /** Longs per element. */
  public static final int LONGS = 24;
  /** Longs of scratch any kernel of this class needs. */
  public static final int SCRATCH = 7 * Fq2.LONGS + Fq2.SCRATCH;

  private static final int E = Fq2.LONGS;

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

  public static boolean isZero(long[] a, int ao) {
    return Fq2.isZero(a, ao) && Fq2.isZero(a, ao + E) && Fq2.isZero(a, ao + 2 * E);
  }

  public static boolean isOne(long[] a, int ao) {
    return Fq2.isOne(a, ao) && Fq2.isZero(a, ao + E) && Fq2.isZero(a, ao + 2 * E);
  }

  public static boolean equal(long[] a, int ao, long[] b, int bo) {
    return Fq2.equal(a, ao, b, bo) && Fq2.equal(a, ao + E, b, bo + E)
        && Fq2.equal(a, ao + 2 * E, b, bo + 2 * E);
  }

  public static void add(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
    Fq2.add(r, ro, a, ao, b, bo);
    Fq2.add(r, ro + E, a, ao + E, b, bo + E);
    Fq2.add(r, ro + 2 * E, a, ao + 2 * E, b, bo + 2 * E);
  }

  public static void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
    Fq2.sub(r, ro, a, ao, b, bo);
    Fq2.sub(r, ro + E, a, ao + E, b, bo + E);
    Fq2.sub(r, ro + 2 * E, a, ao + 2 * E, b, bo + 2 * E);
  }

  public static void dbl(long[] r, int ro, long[] a, int ao) {
    Fq2.dbl(r, ro, a, ao);
    Fq2.dbl(r, ro + E, a, ao + E);
    Fq2.dbl(r, ro + 2 * E, a, ao + 2 * E);
  }

  public static void neg(long[] r, int ro, long[] a, int ao) {
    Fq2.neg(r, ro, a, ao);
    Fq2.neg(r, ro + E, a, ao + E);
    Fq2.neg(r, ro + 2 * E, a, ao + 2 * E);
  }

  /** r = a * v = xi*c2 + c0*v + c1*v^2 (the quadratic non-residue of Fq12 over Fq6). */
  public static void mulByNonResidue(long[] r, int ro, long[] a, int ao, long[] t, int to) {
    int x = to;
    Fq2.mulByNonResidue(t, x, a, ao + 2 * E, t, to + E);
    Fq2.copy(r, ro + 2 * E, a, ao + E);
    Fq2.copy(r, ro + E, a, ao);
    Fq2.copy(r, ro, t, x);
  }

  /**
   * r = a * v + b = (xi*a2 + b0) + (a0 + b1)v + (a1 + b2)v^2; r may alias a or b, the scratch must
   * not overlap any of them.
   */
  public static void mulByNonResidueAdd(long[] r, int ro, long[] a, int ao, long[] b, int bo, long[] t,
      int to) {
    Fq2.mulByNonResidueAdd(t, to, a, ao + 2 * E, b, bo);
    Fq2.add(r, ro + 2 * E, a, ao + E, b, bo + 2 * E);
    Fq2.add(r, ro + E, a, ao, b, bo + E);
    Fq2.copy(r, ro, t, to);
  }

  /** r = a * s for s in Fq2; s must not overlap r. */
  public static void mulByFq2(long[] r, int ro, long[] a, int ao, long[] s, int so, long[] t, int to) {
    Fq2.mul(r, ro, a, ao, s, so, t, to);
    Fq2.mul(r, ro + E, a, ao + E, s, so, t, to);
    Fq2.mul(r, ro + 2 * E, a, ao + 2 * E, s, so, t, to);
  }

  /** r = a * b (Karatsuba over Fq2: six Fq2 multiplications). */
  public static void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo, long[] t, int to) {
    int v0 = to, v1 = to + E, v2 = to + 2 * E, sa = to + 3 * E, sb = to + 4 * E;
    int c0 = to + 5 * E, c1 = to + 6 * E, s = to + 7 * E;
    Fq2.mul(t, v0, a, ao, b, bo, t, s);
    Fq2.mul(t, v1, a, ao + E, b, bo + E, t, s);
    Fq2.mul(t, v2, a, ao + 2 * E, b, bo + 2 * E, t, s);
    // c0 = v0 + xi*((a1 + a2)(b1 + b2) - v1 - v2)
    Fq2.add(t, sa, a, ao + E, a, ao + 2 * E);
    Fq2.add(t, sb, b, bo + E, b, bo + 2 * E);
    Fq2.mul(t, c0, t, sa, t, sb, t, s);
    Fq2.sub(t, c0, t, c0, t, v1);
    Fq2.sub(t, c0, t, c0, t, v2);
    Fq2.mulByNonResidueAdd(t, c0, t, c0, t, v0);
    // c1 = (a0 + a1)(b0 + b1) - v0 - v1 + xi*v2
    Fq2.add(t, sa, a, ao, a, ao + E);
    Fq2.add(t, sb, b, bo, b, bo + E);
    Fq2.mul(t, c1, t, sa, t, sb, t, s);
    Fq2.sub(t, c1, t, c1, t, v0);
    Fq2.sub(t, c1, t, c1, t, v1);
    Fq2.mulByNonResidueAdd(t, c1, t, v2, t, c1);
    // c2 = (a0 + a2)(b0 + b2) - v0 - v2 + v1
    Fq2.add(t, sa, a, ao, a, ao + 2 * E);
    Fq2.add(t, sb, b, bo, b, bo + 2 * E);
    Fq2.mul(t, sa, t, sa, t, sb, t, s);
    Fq2.sub(t, sa, t, sa, t, v0);
    Fq2.sub(t, sa, t, sa, t, v2);
    Fq2.add(r, ro + 2 * E, t, sa, t, v1);
    Fq2.copy(r, ro, t, c0);
    Fq2.copy(r, ro + E, t, c1);
  }

  /**
   * r = a * (b0 + b1*v): the sparse product the Miller loop's lines produce (five Fq2
   * multiplications). b0 and b1 are Fq2 elements at (b, bo) and (b, bo1); b must not overlap r.
   */
  public static void mulBy01(long[] r, int ro, long[] a, int ao, long[] b, int bo, int bo1, long[] t,
      int to) {
    int v0 = to, v1 = to + E, x = to + 2 * E, y = to + 3 * E, sa = to + 4 * E, sb = to + 5 * E;
    int s = to + 7 * E;
    Fq2.mul(t, v0, a, ao, b, bo, t, s);
    Fq2.mul(t, v1, a, ao + E, b, bo1, t, s);
    Fq2.mul(t, x, a, ao + 2 * E, b, bo1, t, s); // a2*b1 v^3 = xi*a2*b1
    Fq2.mul(t, y, a, ao + 2 * E, b, bo, t, s); // a2*b0 v^2
    Fq2.add(t, sa, a, ao, a, ao + E);
    Fq2.add(t, sb, b, bo, b, bo1);
    Fq2.mul(t, sa, t, sa, t, sb, t, s);
    // c1 = (a0 + a1)(b0 + b1) - v0 - v1; c2 = a2*b0 + v1; c0 = v0 + xi*a2*b1
    Fq2.sub(t, sa, t, sa, t, v0);
    Fq2.sub(r, ro + E, t, sa, t, v1);
    Fq2.add(r, ro + 2 * E, t, y, t, v1);
    Fq2.mulByNonResidueAdd(r, ro, t, x, t, v0);
  }

  /** r = a^2 (Chung-Hasan SQR2: two Fq2 multiplications and three squarings). */
  public static void sqr(long[] r, int ro, long[] a, int ao, long[] t, int to) {
    int s0 = to, s1 = to + E, s2 = to + 2 * E, s3 = to + 3 * E, s4 = to + 4 * E, s = to + 7 * E;
    Fq2.sqr(t, s0, a, ao, t, s);
    Fq2.mul(t, s1, a, ao, a, ao + E, t, s);
    Fq2.dbl(t, s1, t, s1);
    Fq2.sub(t, s2, a, ao, a, ao + E);
    Fq2.add(t, s2, t, s2, a, ao + 2 * E);
    Fq2.sqr(t, s2, t, s2, t, s);
    Fq2.mul(t, s3, a, ao + E, a, ao + 2 * E, t, s);
    Fq2.dbl(t, s3, t, s3);
    Fq2.sqr(t, s4, a, ao + 2 * E, t, s);
    // c2 = s1 + s2 + s3 - s0 - s4
    Fq2.add(t, s2, t, s2, t, s1);
    Fq2.add(t, s2, t, s2, t, s3);
    Fq2.sub(t, s2, t, s2, t, s0);
    Fq2.sub(r, ro + 2 * E, t, s2, t, s4);
    // c0 = s0 + xi*s3; c1 = s1 + xi*s4
    Fq2.mulByNonResidueAdd(r, ro, t, s3, t, s0);
    Fq2.mulByNonResidueAdd(r, ro + E, t, s4, t, s1);
  }

  /** r = a^-1 through the norm to Fq2; r = 0 when a = 0. */
  public static void inv(long[] r, int ro, long[] a, int ao, long[] t, int to) {
    int t0 = to, t1 = to + E, t2 = to + 2 * E, x = to + 3 * E, n = to + 4 * E, s = to + 7 * E;
    // t0 = a0^2 - xi*a1*a2
    Fq2.mul(t, x, a, ao + E, a, ao + 2 * E, t, s);
    Fq2.mulByNonResidue(t, x, t, x, t, s);
    Fq2.sqr(t, t0, a, ao, t, s);
    Fq2.sub(t, t0, t, t0, t, x);
    // t1 = xi*a2^2 - a0*a1
    Fq2.sqr(t, t1, a, ao + 2 * E, t, s);
    Fq2.mulByNonResidue(t, t1, t, t1, t, s);
    Fq2.mul(t, x, a, ao, a, ao + E, t, s);
    Fq2.sub(t, t1, t, t1, t, x);
    // t2 = a1^2 - a0*a2
    Fq2.sqr(t, t2, a, ao + E, t, s);
    Fq2.mul(t, x, a, ao, a, ao + 2 * E, t, s);
    Fq2.sub(t, t2, t, t2, t, x);
    // n = a0*t0 + xi*(a2*t1 + a1*t2)
    Fq2.mul(t, n, a, ao + 2 * E, t, t1, t, s);
    Fq2.mul(t, x, a, ao + E, t, t2, t, s);
    Fq2.add(t, n, t, n, t, x);
    Fq2.mulByNonResidue(t, n, t, n, t, s);
    Fq2.mul(t, x, a, ao, t, t0, t, s);
    Fq2.add(t, n, t, n, t, x);
    Fq2.inv(t, n, t, n, t, s);
    Fq2.mul(r, ro, t, t0, t, n, t, s);
    Fq2.mul(r, ro + E, t, t1, t, n, t, s);
    Fq2.mul(r, ro + 2 * E, t, t2, t, n, t, s);
  }
}
