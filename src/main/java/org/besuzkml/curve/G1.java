package org.besuzkml.curve;

import org.besuzkml.field.Fq;
import org.besuzkml.field.Fr;

/**
 * The BN254 group G1: points of {@code E: y^2 = x^3 + 3} over Fq (prime order r, cofactor 1).
 *
 * <p>Static kernels on caller-owned {@code long[]} arrays at a limb offset, coordinates in Fq
 * Montgomery form. Affine points are 8 longs {@code (x, y)}, the point at infinity being {@code
 * (0, 0)} (not on the curve, since {@code 0 != 3}). Jacobian points are 12 longs {@code (X, Y, Z)}
 * standing for {@code (X/Z^2, Y/Z^3)}; {@code Z = 0} means infinity. Outputs may alias inputs.
 *
 * <p>Kernels that need temporaries come in two forms: one taking a caller-owned scratch array of at
 * least {@link #SCRATCH} longs (for hot loops, no allocation) and a convenience form that allocates.
 * Scratch arrays must not be shared between threads.
 */
public final class G1 {
  private G1() {}

  /** Longs in an affine point. */
  public static final int AFFINE = 8;
  /** Longs in a Jacobian point. */
  public static final int JACOBIAN = 12;
  /** Longs of scratch a kernel with a scratch parameter needs. */
  public static final int SCRATCH = 64;

  private static final int L = Fq.LIMBS;

  /** Curve constant b = 3, Montgomery form. */
  private static final long[] B = new long[L];
  private static final long[] ONE = new long[L];
  /** The generator (1, 2), affine. */
  private static final long[] GENERATOR = new long[AFFINE];

  static {
    Fq.fromLong(B, 0, 3);
    Fq.setOne(ONE, 0);
    Fq.fromLong(GENERATOR, 0, 1);
    Fq.fromLong(GENERATOR, L, 2);
  }

  /** A fresh copy of the generator (1, 2) in affine form. */
  public static long[] generator() {
    return GENERATOR.clone();
  }

  /** A fresh copy of the generator in Jacobian form. */
  public static long[] generatorJacobian() {
    long[] r = new long[JACOBIAN];
    fromAffine(r, 0, GENERATOR, 0);
    return r;
  }

  // ---------------------------------------------------------------------------------------------
  // representation

  public static void setInfinityAffine(long[] r, int ro) {
    java.util.Arrays.fill(r, ro, ro + AFFINE, 0L);
  }

  /** Sets r to the Jacobian infinity (1, 1, 0). */
  public static void setInfinity(long[] r, int ro) {
    Fq.setOne(r, ro);
    Fq.setOne(r, ro + L);
    Fq.setZero(r, ro + 2 * L);
  }

  public static boolean isInfinityAffine(long[] a, int ao) {
    return Fq.isZero(a, ao) && Fq.isZero(a, ao + L);
  }

  public static boolean isInfinity(long[] p, int po) {
    return Fq.isZero(p, po + 2 * L);
  }

  /** Jacobian r = affine a (infinity maps to Z = 0). */
  public static void fromAffine(long[] r, int ro, long[] a, int ao) {
    if (isInfinityAffine(a, ao)) {
      setInfinity(r, ro);
      return;
    }
    Fq.copy(r, ro, a, ao);
    Fq.copy(r, ro + L, a, ao + L);
    Fq.setOne(r, ro + 2 * L);
  }

  public static void copy(long[] r, int ro, long[] p, int po) {
    System.arraycopy(p, po, r, ro, JACOBIAN);
  }

  /**
   * True when the affine point lies in G1: either the infinity encoding (0, 0) or a point on the
   * curve (the cofactor is 1, so every curve point is in the prime-order group).
   */
  public static boolean isInGroup(long[] a, int ao) {
    return isInfinityAffine(a, ao) || isOnCurve(a, ao);
  }

  /** True when y^2 = x^3 + 3 (false for the infinity encoding (0, 0)). */
  public static boolean isOnCurve(long[] a, int ao) {
    long[] t = new long[2 * L];
    Fq.sqr(t, 0, a, ao);
    Fq.mul(t, 0, t, 0, a, ao);
    Fq.add(t, 0, t, 0, B, 0);
    Fq.sqr(t, L, a, ao + L);
    return Fq.equal(t, 0, t, L);
  }

  // ---------------------------------------------------------------------------------------------
  // group law

  /** r = -p (Jacobian). */
  public static void neg(long[] r, int ro, long[] p, int po) {
    Fq.copy(r, ro, p, po);
    Fq.neg(r, ro + L, p, po + L);
    Fq.copy(r, ro + 2 * L, p, po + 2 * L);
  }

  /** r = -a (affine; infinity stays (0, 0) because -0 = 0). */
  public static void negAffine(long[] r, int ro, long[] a, int ao) {
    Fq.copy(r, ro, a, ao);
    Fq.neg(r, ro + L, a, ao + L);
  }

  public static void dbl(long[] r, int ro, long[] p, int po) {
    dbl(r, ro, p, po, new long[SCRATCH]);
  }

  /** r = 2p (Jacobian, a = 0 formulas "dbl-2009-l": 2M + 5S). */
  public static void dbl(long[] r, int ro, long[] p, int po, long[] s) {
    if (isInfinity(p, po)) {
      setInfinity(r, ro);
      return;
    }
    final int a = 0, b = 4, c = 8, d = 12, e = 16, f = 20, z3 = 24;
    Fq.mul(s, z3, p, po + L, p, po + 2 * L); // Y1*Z1 (before r may overwrite p)
    Fq.dbl(s, z3, s, z3);
    Fq.sqr(s, a, p, po); // A = X1^2
    Fq.sqr(s, b, p, po + L); // B = Y1^2
    Fq.sqr(s, c, s, b); // C = B^2
    Fq.add(s, d, p, po, s, b); // D = 2((X1+B)^2 - A - C)
    Fq.sqr(s, d, s, d);
    Fq.sub(s, d, s, d, s, a);
    Fq.sub(s, d, s, d, s, c);
    Fq.dbl(s, d, s, d);
    Fq.dbl(s, e, s, a); // E = 3A
    Fq.add(s, e, s, e, s, a);
    Fq.sqr(s, f, s, e); // F = E^2
    Fq.sub(r, ro, s, f, s, d); // X3 = F - 2D
    Fq.sub(r, ro, r, ro, s, d);
    Fq.sub(s, d, s, d, r, ro); // Y3 = E(D - X3) - 8C
    Fq.mul(s, d, s, d, s, e);
    Fq.dbl(s, c, s, c);
    Fq.dbl(s, c, s, c);
    Fq.dbl(s, c, s, c);
    Fq.sub(r, ro + L, s, d, s, c);
    Fq.copy(r, ro + 2 * L, s, z3);
  }

  public static void add(long[] r, int ro, long[] p, int po, long[] q, int qo) {
    add(r, ro, p, po, q, qo, new long[SCRATCH]);
  }

  /**
   * r = p + q (Jacobian, "add-2007-bl": 11M + 5S). Complete: handles infinity on either side, p ==
   * q (by doubling) and p == -q (giving infinity).
   */
  public static void add(long[] r, int ro, long[] p, int po, long[] q, int qo, long[] s) {
    if (isInfinity(p, po)) {
      copy(r, ro, q, qo);
      return;
    }
    if (isInfinity(q, qo)) {
      copy(r, ro, p, po);
      return;
    }
    final int z1z1 = 0, z2z2 = 4, u1 = 8, u2 = 12, s1 = 16, s2 = 20, h = 24, i = 28, j = 32, rr = 36, v = 40, z3 = 44;
    Fq.sqr(s, z1z1, p, po + 2 * L);
    Fq.sqr(s, z2z2, q, qo + 2 * L);
    Fq.mul(s, u1, p, po, s, z2z2);
    Fq.mul(s, u2, q, qo, s, z1z1);
    Fq.mul(s, s1, p, po + L, q, qo + 2 * L);
    Fq.mul(s, s1, s, s1, s, z2z2);
    Fq.mul(s, s2, q, qo + L, p, po + 2 * L);
    Fq.mul(s, s2, s, s2, s, z1z1);
    Fq.sub(s, h, s, u2, s, u1);
    Fq.sub(s, rr, s, s2, s, s1);
    if (Fq.isZero(s, h)) {
      if (Fq.isZero(s, rr)) {
        dbl(r, ro, p, po, s);
      } else {
        setInfinity(r, ro);
      }
      return;
    }
    Fq.dbl(s, rr, s, rr); // r = 2(S2 - S1)
    Fq.add(s, z3, p, po + 2 * L, q, qo + 2 * L); // Z3 = ((Z1+Z2)^2 - Z1Z1 - Z2Z2) H
    Fq.sqr(s, z3, s, z3);
    Fq.sub(s, z3, s, z3, s, z1z1);
    Fq.sub(s, z3, s, z3, s, z2z2);
    Fq.mul(s, z3, s, z3, s, h);
    Fq.dbl(s, i, s, h); // I = (2H)^2
    Fq.sqr(s, i, s, i);
    Fq.mul(s, j, s, h, s, i); // J = H I
    Fq.mul(s, v, s, u1, s, i); // V = U1 I
    finishAdd(r, ro, s, rr, j, v, s1, z3);
  }

  /** X3 = r^2 - J - 2V, Y3 = r(V - X3) - 2 S1 J, Z3 given; shared by add and addMixed. */
  private static void finishAdd(long[] r, int ro, long[] s, int rr, int j, int v, int s1, int z3) {
    final int x3 = 48, y3 = 52;
    Fq.sqr(s, x3, s, rr);
    Fq.sub(s, x3, s, x3, s, j);
    Fq.sub(s, x3, s, x3, s, v);
    Fq.sub(s, x3, s, x3, s, v);
    Fq.sub(s, y3, s, v, s, x3);
    Fq.mul(s, y3, s, y3, s, rr);
    Fq.mul(s, s1, s, s1, s, j);
    Fq.dbl(s, s1, s, s1);
    Fq.sub(s, y3, s, y3, s, s1);
    Fq.copy(r, ro, s, x3);
    Fq.copy(r, ro + L, s, y3);
    Fq.copy(r, ro + 2 * L, s, z3);
  }

  public static void addMixed(long[] r, int ro, long[] p, int po, long[] a, int ao) {
    addMixed(r, ro, p, po, a, ao, new long[SCRATCH]);
  }

  /**
   * r = p + a with p Jacobian and a affine ("madd-2007-bl": 7M + 4S). Complete like {@link #add}.
   */
  public static void addMixed(long[] r, int ro, long[] p, int po, long[] a, int ao, long[] s) {
    if (isInfinityAffine(a, ao)) {
      copy(r, ro, p, po);
      return;
    }
    if (isInfinity(p, po)) {
      fromAffine(r, ro, a, ao);
      return;
    }
    final int z1z1 = 0, u2 = 4, s2 = 8, h = 12, hh = 16, i = 20, j = 24, rr = 28, v = 32, z3 = 36, y1 = 40;
    Fq.sqr(s, z1z1, p, po + 2 * L);
    Fq.mul(s, u2, a, ao, s, z1z1);
    Fq.mul(s, s2, a, ao + L, p, po + 2 * L);
    Fq.mul(s, s2, s, s2, s, z1z1);
    Fq.sub(s, h, s, u2, p, po);
    Fq.sub(s, rr, s, s2, p, po + L);
    if (Fq.isZero(s, h)) {
      if (Fq.isZero(s, rr)) {
        dbl(r, ro, p, po, s);
      } else {
        setInfinity(r, ro);
      }
      return;
    }
    Fq.dbl(s, rr, s, rr);
    Fq.sqr(s, hh, s, h);
    Fq.add(s, z3, p, po + 2 * L, s, h); // Z3 = (Z1+H)^2 - Z1Z1 - HH
    Fq.sqr(s, z3, s, z3);
    Fq.sub(s, z3, s, z3, s, z1z1);
    Fq.sub(s, z3, s, z3, s, hh);
    Fq.dbl(s, i, s, hh); // I = 4 HH
    Fq.dbl(s, i, s, i);
    Fq.mul(s, j, s, h, s, i);
    Fq.mul(s, v, p, po, s, i);
    Fq.copy(s, y1, p, po + L);
    finishAdd(r, ro, s, rr, j, v, y1, z3);
  }

  /** True when the Jacobian points p and q stand for the same group element. */
  public static boolean equal(long[] p, int po, long[] q, int qo) {
    boolean pi = isInfinity(p, po), qi = isInfinity(q, qo);
    if (pi || qi) {
      return pi == qi;
    }
    long[] t = new long[6 * L];
    Fq.sqr(t, 0, p, po + 2 * L); // Z1^2
    Fq.sqr(t, L, q, qo + 2 * L); // Z2^2
    Fq.mul(t, 2 * L, p, po, t, L);
    Fq.mul(t, 3 * L, q, qo, t, 0);
    if (!Fq.equal(t, 2 * L, t, 3 * L)) {
      return false;
    }
    Fq.mul(t, 0, t, 0, p, po + 2 * L); // Z1^3
    Fq.mul(t, L, t, L, q, qo + 2 * L); // Z2^3
    Fq.mul(t, 4 * L, p, po + L, t, L);
    Fq.mul(t, 5 * L, q, qo + L, t, 0);
    return Fq.equal(t, 4 * L, t, 5 * L);
  }

  /** Affine r = Jacobian p ((0, 0) for infinity). One field inversion. */
  public static void toAffine(long[] r, int ro, long[] p, int po) {
    if (isInfinity(p, po)) {
      setInfinityAffine(r, ro);
      return;
    }
    long[] t = new long[2 * L];
    Fq.inv(t, 0, p, po + 2 * L);
    Fq.sqr(t, L, t, 0);
    Fq.mul(r, ro, p, po, t, L); // X / Z^2
    Fq.mul(t, L, t, L, t, 0);
    Fq.mul(r, ro + L, p, po + L, t, L); // Y / Z^3
  }

  /**
   * Converts n Jacobian points (at jac[jo..]) to affine (at aff[ao..]) with a single field inversion
   * (Montgomery's trick). Infinity maps to (0, 0). The two ranges must not overlap.
   */
  public static void batchToAffine(long[] jac, int jo, long[] aff, int ao, int n) {
    long[] z = new long[n * L];
    for (int i = 0; i < n; i++) {
      Fq.copy(z, i * L, jac, jo + i * JACOBIAN + 2 * L);
    }
    Fq.batchInv(z, 0, n); // zeros (infinity) stay zero
    long[] t = new long[L];
    for (int i = 0; i < n; i++) {
      int p = jo + i * JACOBIAN, a = ao + i * AFFINE;
      if (Fq.isZero(z, i * L)) {
        setInfinityAffine(aff, a);
        continue;
      }
      Fq.sqr(t, 0, z, i * L);
      Fq.mul(aff, a, jac, p, t, 0);
      Fq.mul(t, 0, t, 0, z, i * L);
      Fq.mul(aff, a + L, jac, p + L, t, 0);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // scalar multiplication

  /** Width of the signed sliding window (wNAF) used by scalar multiplication. */
  private static final int WNAF = 5;

  /** r = [k]p for k an Fr element in Montgomery form (at k[ko..]). */
  public static void mulFr(long[] r, int ro, long[] p, int po, long[] k, int ko) {
    long[] c = new long[L];
    Fr.fromMontgomery(c, 0, k, ko);
    mulLimbs(r, ro, p, po, c, 0);
  }

  /**
   * r = [k]p for an arbitrary 256-bit big-endian k at in[off..off+32) (Ethereum's ECMUL: k is not
   * reduced mod r; the result equals [k mod r]p because p has order r).
   */
  public static void mulBytes(long[] r, int ro, long[] p, int po, byte[] in, int off) {
    long[] k = new long[4];
    for (int i = 0; i < 4; i++) {
      long w = 0;
      for (int b = 0; b < 8; b++) {
        w = (w << 8) | (in[off + 8 * i + b] & 0xffL);
      }
      k[3 - i] = w;
    }
    mulLimbs(r, ro, p, po, k, 0);
  }

  /**
   * r = [k]p for a 256-bit unsigned k given as 4 little-endian limbs (at k[ko..]). k is reduced mod
   * r, split with the GLV endomorphism into two signed halves below 2^128 ({@link Glv#split}), and
   * the two width-5 NAFs are walked together over tables of odd multiples of p and phi(p): about 128
   * doublings and 2 x 22 additions. Variable time.
   */
  public static void mulLimbs(long[] r, int ro, long[] p, int po, long[] k, int ko) {
    long[] kr = {k[ko], k[ko + 1], k[ko + 2], k[ko + 3]};
    reduceModR(kr);
    long[] halves = new long[8];
    int signs = Glv.split(kr, 0, halves, 0);
    int[] naf1 = new int[258], naf2 = new int[258];
    int top = Math.max(wnaf(naf1, halves, 0), wnaf(naf2, halves, 4));
    long[] s = new long[SCRATCH];
    int tableSize = 1 << (WNAF - 2); // odd multiples 1p, 3p, ..., 15p
    long[] table = new long[tableSize * JACOBIAN];
    long[] tablePhi = new long[tableSize * JACOBIAN];
    copy(table, 0, p, po);
    long[] twoP = new long[JACOBIAN];
    dbl(twoP, 0, p, po, s);
    for (int i = 1; i < tableSize; i++) {
      add(table, i * JACOBIAN, table, (i - 1) * JACOBIAN, twoP, 0, s);
    }
    for (int i = 0; i < tableSize; i++) {
      Glv.endomorphism(tablePhi, i * JACOBIAN, table, i * JACOBIAN);
    }
    long[] acc = new long[JACOBIAN];
    long[] q = new long[JACOBIAN];
    setInfinity(acc, 0);
    for (int i = top; i >= 0; i--) {
      dbl(acc, 0, acc, 0, s);
      addDigit(acc, naf1[i], (signs & 1) != 0, table, q, s);
      addDigit(acc, naf2[i], (signs & 2) != 0, tablePhi, q, s);
    }
    copy(r, ro, acc, 0);
  }

  /** acc += d * T (T the point whose odd multiples are in table), negated when flip is set. */
  private static void addDigit(long[] acc, int d, boolean flip, long[] table, long[] q, long[] s) {
    if (d == 0) {
      return;
    }
    int idx = ((d < 0 ? -d : d) >> 1) * JACOBIAN;
    if ((d < 0) != flip) {
      neg(q, 0, table, idx);
      add(acc, 0, acc, 0, q, 0, s);
    } else {
      add(acc, 0, acc, 0, table, idx, s);
    }
  }

  private static final long[] R_LIMBS = Fr.limbsOf(Fr.MODULUS);

  /** k (4 little-endian limbs, any 256-bit value) reduced mod r in place: at most 5 subtractions. */
  static void reduceModR(long[] k) {
    while (!lessThanR(k)) {
      subR(k);
    }
  }

  private static boolean lessThanR(long[] k) {
    for (int i = 3; i >= 0; i--) {
      if (k[i] != R_LIMBS[i]) {
        return Long.compareUnsigned(k[i], R_LIMBS[i]) < 0;
      }
    }
    return false;
  }

  private static void subR(long[] k) {
    long borrow = 0;
    for (int i = 0; i < 4; i++) {
      long x = k[i], y = R_LIMBS[i];
      k[i] = x - y - borrow;
      borrow = (Long.compareUnsigned(x, y) < 0 || (x == y && borrow != 0)) ? 1 : 0;
    }
  }

  /** Affine convenience: r = [k]a for an Fr element k in Montgomery form. */
  public static void mulFrAffine(long[] r, int ro, long[] a, int ao, long[] k, int ko) {
    long[] j = new long[JACOBIAN];
    fromAffine(j, 0, a, ao);
    mulFr(j, 0, j, 0, k, ko);
    toAffine(r, ro, j, 0);
  }

  /**
   * Width-5 non-adjacent form of a 256-bit value: digits in {0, +-1, +-3, ..., +-15}, any two
   * non-zero digits at least 5 positions apart. Returns the index of the top digit (-1 for zero).
   */
  static int wnaf(int[] naf, long[] k, int ko) {
    // work on a 5-limb copy: the recoding may carry one bit past 2^256
    long[] v = new long[5];
    System.arraycopy(k, ko, v, 0, 4);
    int i = 0, top = -1;
    int mask = (1 << WNAF) - 1;
    while ((v[0] | v[1] | v[2] | v[3] | v[4]) != 0) {
      int d = 0;
      if ((v[0] & 1) != 0) {
        d = (int) (v[0] & mask);
        if (d >= (1 << (WNAF - 1))) {
          d -= 1 << WNAF;
        }
        // v -= d
        if (d > 0) {
          subSmall(v, d);
        } else {
          addSmall(v, -d);
        }
        top = i;
      }
      naf[i++] = d;
      shiftRight1(v);
    }
    return top;
  }

  private static void subSmall(long[] v, long d) {
    long old = v[0];
    v[0] = old - d;
    if (Long.compareUnsigned(old, d) < 0) {
      for (int j = 1; j < v.length && v[j]-- == 0; j++) {
        // borrow propagates through zero limbs
      }
    }
  }

  private static void addSmall(long[] v, long d) {
    long old = v[0];
    v[0] = old + d;
    if (Long.compareUnsigned(v[0], old) < 0) {
      for (int j = 1; j < v.length && ++v[j] == 0; j++) {
        // carry propagates through all-ones limbs
      }
    }
  }

  private static void shiftRight1(long[] v) {
    for (int j = 0; j < v.length - 1; j++) {
      v[j] = (v[j] >>> 1) | (v[j + 1] << 63);
    }
    v[v.length - 1] >>>= 1;
  }

  // ---------------------------------------------------------------------------------------------
  // Ethereum encoding

  /** Bytes of the Ethereum encoding x || y (32 bytes each, big-endian). */
  public static final int ENCODED = 64;

  /**
   * Decodes 64 bytes x || y at in[off..] into the affine point r. All zeros is the point at
   * infinity. Returns false (leaving r unspecified) when a coordinate is not canonical ({@code >=
   * p}) or the point is not on the curve. Never throws for a valid range of {@code in}.
   */
  public static boolean decode(long[] r, int ro, byte[] in, int off) {
    if (in == null || off < 0 || in.length - off < ENCODED) {
      return false;
    }
    if (!Fq.fromBytes(r, ro, in, off) || !Fq.fromBytes(r, ro + L, in, off + 32)) {
      return false;
    }
    return isInGroup(r, ro);
  }

  /** Encodes the affine point a as 64 bytes x || y (all zeros for infinity). */
  public static void encode(byte[] out, int off, long[] a, int ao) {
    Fq.toBytes(out, off, a, ao); // Montgomery 0 is canonical 0, so infinity gives zeros
    Fq.toBytes(out, off + 32, a, ao + L);
  }

  public static byte[] encode(long[] a, int ao) {
    byte[] out = new byte[ENCODED];
    encode(out, 0, a, ao);
    return out;
  }
}
