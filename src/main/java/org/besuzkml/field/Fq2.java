package org.besuzkml.field;

import java.math.BigInteger;

/**
 * Quadratic extension Fq2 = Fq[u]/(u^2 + 1) of the BN254 base field: the coordinate field of G2.
 *
 * <p>An element {@code c0 + c1*u} is 8 longs at a limb offset: c0's four Montgomery limbs, then
 * c1's. Kernels are static, write into caller-owned arrays and accept aliasing between output and
 * inputs. Kernels that need temporaries take a caller-owned scratch region {@code (t, to)} of at
 * least {@link #SCRATCH} longs, so that hot loops allocate nothing; the scratch must not overlap the
 * operands.
 */
public final class Fq2 {
  private Fq2() {}

  /** Longs per element. */
  public static final int LONGS = 8;
  /** Longs of scratch any kernel of this class needs. */
  public static final int SCRATCH = 16;

  private static final int L = Fq.LIMBS;

  // ---------------------------------------------------------------------------------------------
  // constants, copies, comparisons

  public static void setZero(long[] r, int ro) {
    java.util.Arrays.fill(r, ro, ro + LONGS, 0L);
  }

  public static void setOne(long[] r, int ro) {
    Fq.setOne(r, ro);
    Fq.setZero(r, ro + L);
  }

  public static void copy(long[] r, int ro, long[] a, int ao) {
    System.arraycopy(a, ao, r, ro, LONGS);
  }

  public static boolean isZero(long[] a, int ao) {
    return Fq.isZero(a, ao) && Fq.isZero(a, ao + L);
  }

  public static boolean isOne(long[] a, int ao) {
    return Fq.isOne(a, ao) && Fq.isZero(a, ao + L);
  }

  public static boolean equal(long[] a, int ao, long[] b, int bo) {
    return Fq.equal(a, ao, b, bo) && Fq.equal(a, ao + L, b, bo + L);
  }

  /** r = c0 + c1*u from canonical integers (reduced mod q). Not for hot paths. */
  public static void fromBigIntegers(long[] r, int ro, BigInteger c0, BigInteger c1) {
    Fq.fromBigInteger(r, ro, c0.mod(Fq.MODULUS));
    Fq.fromBigInteger(r, ro + L, c1.mod(Fq.MODULUS));
  }

  /** {c0, c1} as canonical integers. Not for hot paths. */
  public static BigInteger[] toBigIntegers(long[] a, int ao) {
    return new BigInteger[] {Fq.toBigInteger(a, ao), Fq.toBigInteger(a, ao + L)};
  }

  // ---------------------------------------------------------------------------------------------
  // linear operations (no scratch)

  public static void add(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
    Fq.add(r, ro, a, ao, b, bo);
    Fq.add(r, ro + L, a, ao + L, b, bo + L);
  }

  public static void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
    Fq.sub(r, ro, a, ao, b, bo);
    Fq.sub(r, ro + L, a, ao + L, b, bo + L);
  }

  public static void dbl(long[] r, int ro, long[] a, int ao) {
    Fq.dbl(r, ro, a, ao);
    Fq.dbl(r, ro + L, a, ao + L);
  }

  public static void neg(long[] r, int ro, long[] a, int ao) {
    Fq.neg(r, ro, a, ao);
    Fq.neg(r, ro + L, a, ao + L);
  }

  /** r = conj(a) = c0 - c1*u, which is also a^q (the q-power Frobenius). */
  public static void conjugate(long[] r, int ro, long[] a, int ao) {
    Fq.copy(r, ro, a, ao);
    Fq.neg(r, ro + L, a, ao + L);
  }

  /** r = a / 2. */
  public static void halve(long[] r, int ro, long[] a, int ao) {
    halveFq(r, ro, a, ao);
    halveFq(r, ro + L, a, ao + L);
  }

  /**
   * r = a / 2 in Fq on Montgomery limbs (halving commutes with the Montgomery factor): add the
   * modulus when a is odd, then shift right; a + q < 2^255 so the sum fits in four limbs.
   */
  static void halveFq(long[] r, int ro, long[] a, int ao) {
    long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];
    long mask = -(a0 & 1);
    long q0 = Fq.P0 & mask, q1 = Fq.P1 & mask, q2 = Fq.P2 & mask, q3 = Fq.P3 & mask;
    long s0 = a0 + q0;
    long c = Fq.ltu(s0, a0);
    long x1 = a1 + q1;
    long c1 = Fq.ltu(x1, a1);
    long s1 = x1 + c;
    c = c1 | Fq.ltu(s1, x1);
    long x2 = a2 + q2;
    long c2 = Fq.ltu(x2, a2);
    long s2 = x2 + c;
    c = c2 | Fq.ltu(s2, x2);
    long s3 = a3 + q3 + c;
    r[ro] = (s0 >>> 1) | (s1 << 63);
    r[ro + 1] = (s1 >>> 1) | (s2 << 63);
    r[ro + 2] = (s2 >>> 1) | (s3 << 63);
    r[ro + 3] = s3 >>> 1;
  }

  /** r = a * s for s in Fq (at limb offset so); s must not overlap r's imaginary part. */
  public static void mulByFq(long[] r, int ro, long[] a, int ao, long[] s, int so) {
    Fq.mul(r, ro + L, a, ao + L, s, so);
    Fq.mul(r, ro, a, ao, s, so);
  }

  // ---------------------------------------------------------------------------------------------
  // multiplicative operations (scratch of SCRATCH longs at t[to..])

  /** r = a * b (Karatsuba: three Fq multiplications). */
  public static void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo, long[] t, int to) {
    int v0 = to, v1 = to + 4, sa = to + 8, sb = to + 12;
    Fq.add(t, sa, a, ao, a, ao + L);
    Fq.add(t, sb, b, bo, b, bo + L);
    Fq.mul(t, v0, a, ao, b, bo);
    Fq.mul(t, v1, a, ao + L, b, bo + L);
    Fq.mul(t, sa, t, sa, t, sb);
    Fq.sub(t, sa, t, sa, t, v0);
    Fq.sub(r, ro + L, t, sa, t, v1);
    Fq.sub(r, ro, t, v0, t, v1);
  }

  /** r = a^2 (complex squaring: (c0+c1)(c0-c1) and 2*c0*c1, two Fq multiplications). */
  public static void sqr(long[] r, int ro, long[] a, int ao, long[] t, int to) {
    int s = to, d = to + 4, p = to + 8;
    Fq.add(t, s, a, ao, a, ao + L);
    Fq.sub(t, d, a, ao, a, ao + L);
    Fq.mul(t, p, a, ao, a, ao + L);
    Fq.mul(r, ro, t, s, t, d);
    Fq.dbl(r, ro + L, t, p);
  }

  /** r = a * xi with xi = 9 + u, the cubic non-residue of the tower: (9c0 - c1) + (c0 + 9c1)u. */
  public static void mulByNonResidue(long[] r, int ro, long[] a, int ao, long[] t, int to) {
    int n0 = to, n1 = to + 4;
    // 9c = 8c + c
    Fq.dbl(t, n0, a, ao);
    Fq.dbl(t, n0, t, n0);
    Fq.dbl(t, n0, t, n0);
    Fq.add(t, n0, t, n0, a, ao);
    Fq.dbl(t, n1, a, ao + L);
    Fq.dbl(t, n1, t, n1);
    Fq.dbl(t, n1, t, n1);
    Fq.add(t, n1, t, n1, a, ao + L);
    Fq.sub(t, n0, t, n0, a, ao + L);
    Fq.add(r, ro + L, t, n1, a, ao);
    Fq.copy(r, ro, t, n0);
  }

  /** r = a^-1 = conj(a) / (c0^2 + c1^2); r = 0 when a = 0. */
  public static void inv(long[] r, int ro, long[] a, int ao, long[] t, int to) {
    int n = to, x = to + 4;
    Fq.sqr(t, n, a, ao);
    Fq.sqr(t, x, a, ao + L);
    Fq.add(t, n, t, n, t, x);
    Fq.inv(t, n, t, n);
    Fq.mul(r, ro, a, ao, t, n);
    Fq.mul(t, x, a, ao + L, t, n);
    Fq.neg(r, ro + L, t, x);
  }

  // ---------------------------------------------------------------------------------------------
  // allocating conveniences (tests, setup code; not for hot loops)

  public static long[] mul(long[] a, long[] b) {
    long[] r = new long[LONGS];
    mul(r, 0, a, 0, b, 0, new long[SCRATCH], 0);
    return r;
  }

  public static long[] inv(long[] a) {
    long[] r = new long[LONGS];
    inv(r, 0, a, 0, new long[SCRATCH], 0);
    return r;
  }

  /** r = a^e for a non-negative exponent (square-and-multiply; setup and tests only). */
  public static long[] pow(long[] a, BigInteger e) {
    long[] t = new long[SCRATCH];
    long[] acc = new long[LONGS];
    setOne(acc, 0);
    for (int i = e.bitLength() - 1; i >= 0; i--) {
      sqr(acc, 0, acc, 0, t, 0);
      if (e.testBit(i)) {
        mul(acc, 0, acc, 0, a, 0, t, 0);
      }
    }
    return acc;
  }

  public static long[] of(BigInteger c0, BigInteger c1) {
    long[] r = new long[LONGS];
    fromBigIntegers(r, 0, c0, c1);
    return r;
  }

  /** Montgomery form of xi = 9 + u. */
  public static long[] nonResidue() {
    return of(BigInteger.valueOf(9), BigInteger.ONE);
  }
}
