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
  public static final int SCRATCH = 32;

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

  /**
   * r = a * b (Karatsuba with lazy reduction): the three products a0b0, a1b1 and (a0 + a1)(b0 + b1)
   * are kept as 512-bit integers and each part of the result is Montgomery-reduced once, two
   * reductions instead of three (measured about 10% faster than three Fq.mul). The sums a0 + a1 and
   * b0 + b1 stay unreduced (below 2m), which {@link Fq#mulWide} accepts.
   */
  public static void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo, long[] t, int to) {
    int w0 = to, w1 = to + 8, w2 = to + 16, sa = to + 24, sb = to + 28;
    Fq.addNoReduce(t, sa, a, ao, a, ao + L);
    Fq.addNoReduce(t, sb, b, bo, b, bo + L);
    Fq.mulWide(t, w0, a, ao, b, bo);
    Fq.mulWide(t, w1, a, ao + L, b, bo + L);
    Fq.mulWide(t, w2, t, sa, t, sb);
    // (a0 + a1)(b0 + b1) - a0b0 - a1b1 = a0b1 + a1b0 >= 0 as integers, below 2m^2: no modular step
    subTwoWide(t, w2, t, w0, t, w1);
    Fq.reduceWide(r, ro + L, t, w2);
    Fq.subWide(t, w0, t, w0, t, w1);
    Fq.reduceWide(r, ro, t, w0);
  }

  /** t[x..x+7] = x - y - z as plain 512-bit integers (the caller knows the result is non-negative). */
  private static void subTwoWide(long[] t, int x, long[] y, int yo, long[] z, int zo) {
    long br1 = 0, br2 = 0;
    for (int i = 0; i < 8; i++) {
      long a = t[x + i], b = y[yo + i], c = z[zo + i];
      long d = a - b - br1;
      br1 = Fq.borrow(a, b, d);
      long e = d - c - br2;
      br2 = Fq.borrow(d, c, e);
      t[x + i] = e;
    }
  }

  /**
   * r = a^2 (complex squaring: (c0+c1)(c0-c1) and c0*2c1, two Fq multiplications). The three
   * multiplier inputs c0 + c1, c0 + m - c1 and 2c1 stay unreduced, below 2m: Fq.mul accepts inputs
   * below 2m, since their product is below 4m^2 < m*2^256 and the Montgomery result is then below 2m
   * before its final conditional subtraction.
   */
  public static void sqr(long[] r, int ro, long[] a, int ao, long[] t, int to) {
    int s = to, d = to + 4, d1 = to + 8;
    Fq.addNoReduce(t, s, a, ao, a, ao + L);
    subPlusModulus(t, d, a, ao, a, ao + L);
    Fq.addNoReduce(t, d1, a, ao + L, a, ao + L);
    Fq.mul(r, ro + L, a, ao, t, d1);
    Fq.mul(r, ro, t, s, t, d);
  }

  /** r = a + m - b as a plain integer in (0, 2m]: a valid unreduced Fq.mul input, never stored as an element. */
  private static void subPlusModulus(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
    long b0 = b[bo], b1 = b[bo + 1], b2 = b[bo + 2], b3 = b[bo + 3];
    long n0 = Fq.P0 - b0;
    long br = Fq.borrow(Fq.P0, b0, n0);
    long n1 = Fq.P1 - b1 - br;
    br = Fq.borrow(Fq.P1, b1, n1);
    long n2 = Fq.P2 - b2 - br;
    br = Fq.borrow(Fq.P2, b2, n2);
    long n3 = Fq.P3 - b3 - br;
    long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2];
    long s0 = a0 + n0;
    long c = Fq.carry(a0, n0, s0);
    long s1 = a1 + n1 + c;
    c = Fq.carry(a1, n1, s1);
    long s2 = a2 + n2 + c;
    c = Fq.carry(a2, n2, s2);
    r[ro + 3] = a[ao + 3] + n3 + c;
    r[ro] = s0;
    r[ro + 1] = s1;
    r[ro + 2] = s2;
  }

  /**
   * r = a * xi with xi = 9 + u, the cubic non-residue of the tower: (9c0 - c1) + (c0 + 9c1)u. Each
   * part is formed as a five-limb integer below 10m (9c0 + (m - c1), 9c1 + c0) and reduced once
   * through a quotient estimate from its top bits, instead of a chain of modular doublings. The
   * scratch is unused (kept for a uniform kernel signature).
   */
  public static void mulByNonResidue(long[] r, int ro, long[] a, int ao, long[] t, int to) {
    long x0 = a[ao], x1 = a[ao + 1], x2 = a[ao + 2], x3 = a[ao + 3];
    long y0 = a[ao + 4], y1 = a[ao + 5], y2 = a[ao + 6], y3 = a[ao + 7];
    long n0 = Fq.P0 - y0;
    long br = Fq.borrow(Fq.P0, y0, n0);
    long n1 = Fq.P1 - y1 - br;
    br = Fq.borrow(Fq.P1, y1, n1);
    long n2 = Fq.P2 - y2 - br;
    br = Fq.borrow(Fq.P2, y2, n2);
    long n3 = Fq.P3 - y3 - br;
    nineTimesPlus(r, ro + L, y0, y1, y2, y3, x0, x1, x2, x3);
    nineTimesPlus(r, ro, x0, x1, x2, x3, n0, n1, n2, n3);
  }

  /**
   * r = a * xi + b, fused so that each part is reduced once: (9a0 - a1 + b0) + (a0 + 9a1 + b1)u,
   * formed as integers below 11m. r may alias a or b.
   */
  public static void mulByNonResidueAdd(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
    long x0 = a[ao], x1 = a[ao + 1], x2 = a[ao + 2], x3 = a[ao + 3];
    long y0 = a[ao + 4], y1 = a[ao + 5], y2 = a[ao + 6], y3 = a[ao + 7];
    long b0 = b[bo], b1 = b[bo + 1], b2 = b[bo + 2], b3 = b[bo + 3];
    // (m - y) + b0, below 2m
    long n0 = Fq.P0 - y0;
    long br = Fq.borrow(Fq.P0, y0, n0);
    long n1 = Fq.P1 - y1 - br;
    br = Fq.borrow(Fq.P1, y1, n1);
    long n2 = Fq.P2 - y2 - br;
    br = Fq.borrow(Fq.P2, y2, n2);
    long n3 = Fq.P3 - y3 - br;
    long s0 = n0 + b0;
    long c = Fq.carry(n0, b0, s0);
    long s1 = n1 + b1 + c;
    c = Fq.carry(n1, b1, s1);
    long s2 = n2 + b2 + c;
    c = Fq.carry(n2, b2, s2);
    long s3 = n3 + b3 + c;
    // x + b1, below 2m
    long e0 = b[bo + 4], e1 = b[bo + 5], e2 = b[bo + 6], e3 = b[bo + 7];
    long t0 = x0 + e0;
    c = Fq.carry(x0, e0, t0);
    long t1 = x1 + e1 + c;
    c = Fq.carry(x1, e1, t1);
    long t2 = x2 + e2 + c;
    c = Fq.carry(x2, e2, t2);
    long t3 = x3 + e3 + c;
    nineTimesPlus(r, ro + L, y0, y1, y2, y3, t0, t1, t2, t3);
    nineTimesPlus(r, ro, x0, x1, x2, x3, s0, s1, s2, s3);
  }

  /**
   * r = 3x + 2z (plus) or 3x - 2z, the coefficient update of the Granger-Scott cyclotomic squaring,
   * with one reduction per part: 3x + 2z, resp. 3x + 2(m - z), is an integer below 5m.
   */
  static void threeXTwoZ(long[] r, int ro, long[] x, int xo, long[] z, int zo, boolean plus) {
    threeXTwoZFq(r, ro, x, xo, z, zo, plus);
    threeXTwoZFq(r, ro + L, x, xo + L, z, zo + L, plus);
  }

  private static void threeXTwoZFq(long[] r, int ro, long[] x, int xo, long[] z, int zo, boolean plus) {
    long x0 = x[xo], x1 = x[xo + 1], x2 = x[xo + 2], x3 = x[xo + 3];
    long z0 = z[zo], z1 = z[zo + 1], z2 = z[zo + 2], z3 = z[zo + 3];
    if (!plus) {
      long n0 = Fq.P0 - z0;
      long br = Fq.borrow(Fq.P0, z0, n0);
      long n1 = Fq.P1 - z1 - br;
      br = Fq.borrow(Fq.P1, z1, n1);
      long n2 = Fq.P2 - z2 - br;
      br = Fq.borrow(Fq.P2, z2, n2);
      z3 = Fq.P3 - z3 - br;
      z0 = n0;
      z1 = n1;
      z2 = n2;
    }
    // s = x + z (below 2m, four limbs), then w = 2s + x
    long s0 = x0 + z0;
    long c = Fq.carry(x0, z0, s0);
    long s1 = x1 + z1 + c;
    c = Fq.carry(x1, z1, s1);
    long s2 = x2 + z2 + c;
    c = Fq.carry(x2, z2, s2);
    long s3 = x3 + z3 + c;
    long d0 = s0 << 1, d1 = (s1 << 1) | (s0 >>> 63), d2 = (s2 << 1) | (s1 >>> 63);
    long d3 = (s3 << 1) | (s2 >>> 63);
    long w0 = d0 + x0;
    c = Fq.carry(d0, x0, w0);
    long w1 = d1 + x1 + c;
    c = Fq.carry(d1, x1, w1);
    long w2 = d2 + x2 + c;
    c = Fq.carry(d2, x2, w2);
    long w3 = d3 + x3 + c;
    c = Fq.carry(d3, x3, w3);
    reduceSmall(r, ro, w0, w1, w2, w3, (s3 >>> 63) + c);
  }

  /**
   * K_EST[i] = floor(i * 2^252 / m): for a five-limb v with v >> 252 = i, v - K_EST[i]*m lies in
   * [0, 2m), since 2^252 / m < 1/3.
   */
  private static final int[] K_EST = new int[64];
  /** k*m as five limbs, k = 0..21, at 5k. */
  private static final long[] KM = new long[22 * 5];

  static {
    for (int i = 0; i < K_EST.length; i++) {
      K_EST[i] = BigInteger.valueOf(i).shiftLeft(252).divide(Fq.MODULUS).intValueExact();
    }
    for (int k = 0; k < 22; k++) {
      BigInteger km = Fq.MODULUS.multiply(BigInteger.valueOf(k));
      for (int j = 0; j < 5; j++) {
        KM[5 * k + j] = km.shiftRight(64 * j).longValue();
      }
    }
  }

  /** r = (9x + y) mod m for x < m and y < 2m given as limbs (the sum is below 11m). */
  private static void nineTimesPlus(long[] r, int ro, long x0, long x1, long x2, long x3, long y0,
      long y1, long y2, long y3) {
    // 8x + x
    long s0 = x0 << 3, s1 = (x1 << 3) | (x0 >>> 61), s2 = (x2 << 3) | (x1 >>> 61);
    long s3 = (x3 << 3) | (x2 >>> 61);
    long v0 = s0 + x0;
    long c = Fq.carry(s0, x0, v0);
    long v1 = s1 + x1 + c;
    c = Fq.carry(s1, x1, v1);
    long v2 = s2 + x2 + c;
    c = Fq.carry(s2, x2, v2);
    long v3 = s3 + x3 + c;
    c = Fq.carry(s3, x3, v3);
    long v4 = (x3 >>> 61) + c;
    // + y
    long w0 = v0 + y0;
    c = Fq.carry(v0, y0, w0);
    long w1 = v1 + y1 + c;
    c = Fq.carry(v1, y1, w1);
    long w2 = v2 + y2 + c;
    c = Fq.carry(v2, y2, w2);
    long w3 = v3 + y3 + c;
    c = Fq.carry(v3, y3, w3);
    long w4 = v4 + c;
    reduceSmall(r, ro, w0, w1, w2, w3, w4);
  }

  /**
   * r = w mod m for a five-limb w below 21m (so w >> 252 < 64): subtract k*m with k from the top six
   * bits, which leaves a value below 2m (four limbs), then subtract m once more if needed.
   */
  static void reduceSmall(long[] r, int ro, long w0, long w1, long w2, long w3, long w4) {
    int k = 5 * K_EST[(int) ((w4 << 4) | (w3 >>> 60))];
    long m0 = KM[k], m1 = KM[k + 1], m2 = KM[k + 2], m3 = KM[k + 3];
    long d0 = w0 - m0;
    long br = Fq.borrow(w0, m0, d0);
    long d1 = w1 - m1 - br;
    br = Fq.borrow(w1, m1, d1);
    long d2 = w2 - m2 - br;
    br = Fq.borrow(w2, m2, d2);
    long d3 = w3 - m3 - br;
    reduceOnce(r, ro, d0, d1, d2, d3);
  }

  /** Writes s - m if s >= m, else s, for s < 2m (branch-free). */
  private static void reduceOnce(long[] r, int ro, long s0, long s1, long s2, long s3) {
    long d0 = s0 - Fq.P0;
    long br = Fq.borrow(s0, Fq.P0, d0);
    long d1 = s1 - Fq.P1 - br;
    br = Fq.borrow(s1, Fq.P1, d1);
    long d2 = s2 - Fq.P2 - br;
    br = Fq.borrow(s2, Fq.P2, d2);
    long d3 = s3 - Fq.P3 - br;
    long keep = d3 >> 63;
    r[ro] = (s0 & keep) | (d0 & ~keep);
    r[ro + 1] = (s1 & keep) | (d1 & ~keep);
    r[ro + 2] = (s2 & keep) | (d2 & ~keep);
    r[ro + 3] = (s3 & keep) | (d3 & ~keep);
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
