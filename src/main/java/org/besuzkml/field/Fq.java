// GENERATED from src/main/codegen/PrimeField.java.tmpl by PrimeFieldGenerator: do not edit by hand.
// Edit the template and run: mvn -q test -Dtest=GeneratedFieldsTest -Dzkml.regenerate=true
package org.besuzkml.field;

import java.math.BigInteger;
import java.util.random.RandomGenerator;

/**
 * The BN254 base field Fq: coordinates of G1 and (through Fq2) G2 points.
 *
 * <p>Modulus {@code 21888242871839275222246405745257275088696311157297823662689037894645226208583} (254 bits, 2-adicity 1).
 *
 * <p>Elements are four 64-bit little-endian limbs in Montgomery form ({@code a*2^256 mod m}), stored
 * in a caller-owned {@code long[]} at a limb offset, so that vectors are flat arrays and no object is
 * allocated per operation. Every kernel accepts aliasing between its output and its inputs. Inputs
 * must be fully reduced ({@code < m}); every kernel keeps them so.
 *
 * <p>add, sub, neg, dbl, mul and sqr contain no data-dependent branch; inv, batchInv, pow, sqrt and
 * legendre take time that depends on their inputs. The double-width primitives ({@code mulWide},
 * {@code reduceWide}, {@code addWide}, {@code subWide}, {@code addNoReduce}) let extension fields
 * reduce a sum of products once; their input bounds are on each method.
 */
public final class Fq {
  private Fq() {}

  /** 64-bit limbs per element. */
  public static final int LIMBS = 4;
  /** Bytes of the canonical big-endian encoding. */
  public static final int BYTES = 32;

  public static final BigInteger MODULUS = new BigInteger("21888242871839275222246405745257275088696311157297823662689037894645226208583");
  /** 2-adicity of {@code m - 1}. */
  public static final int TWO_ADICITY = 1;

  static final long P0 = 0x3c208c16d87cfd47L;
  static final long P1 = 0x97816a916871ca8dL;
  static final long P2 = 0xb85045b68181585dL;
  static final long P3 = 0x30644e72e131a029L;
  /** {@code -m^-1 mod 2^64}. */
  static final long INV = 0x87d20782e4866389L;
  /** {@code 2^512 mod m}: multiplying by it enters Montgomery form. */
  private static final long[] R2 = {0xf32cfc5b538afa89L, 0xb5e71911d44501fbL, 0x47ab1eff0a417ff6L, 0x06d89f71cab8351fL};
  private static final long[] ONE = {0xd35d438dc58f0d9dL, 0x0a78eb28f5c70b3dL, 0x666ea36f7879462cL, 0x0e0a77c19a07df2fL};

  /** Largest k the inversion loop can reach: one per bit of m and of its input. */
  private static final int INV_MAX_K = 2 * 254;
  /** For k = 0..INV_MAX_K: {@code 2^(768-k) mod m}, the constant that turns A^-1*2^k into Montgomery form. */
  private static final long[] INV_CORRECTION = new long[(INV_MAX_K + 1) * LIMBS];
  private static final long[] EXP_LEGENDRE = limbsOf(MODULUS.shiftRight(1));
  /** Odd part {@code q} of {@code m - 1 = 2^s * q}, and {@code (q - 1) / 2}, for Tonelli-Shanks. */
  private static final long[] EXP_Q_MINUS_1_HALF = limbsOf(MODULUS.shiftRight(TWO_ADICITY).shiftRight(1));
  /** {@code z^q} for the smallest quadratic non-residue {@code z = 3}: a primitive 2^s-th root of unity. */
  private static final long[] ROOT_OF_UNITY = new long[LIMBS];

  static {
    BigInteger half = MODULUS.add(BigInteger.ONE).shiftRight(1);
    BigInteger c = BigInteger.ONE.shiftLeft(768).mod(MODULUS);
    for (int k = 0; k <= INV_MAX_K; k++) {
      System.arraycopy(limbsOf(c), 0, INV_CORRECTION, k * LIMBS, LIMBS);
      c = c.multiply(half).mod(MODULUS);
    }
    long[] z = new long[LIMBS];
    fromLong(z, 0, 3);
    pow(ROOT_OF_UNITY, 0, z, 0, limbsOf(MODULUS.shiftRight(TWO_ADICITY)));
  }

  // ---------------------------------------------------------------------------------------------
  // word helpers

  /**
   * High 64 bits of the unsigned 128-bit product, from {@link Mul64} (portable on JDK 17, the
   * unsignedMultiplyHigh intrinsic on JDK 21+). On JDK 17, C2 folds one sign correction when an
   * operand is a constant below 2^63.
   */
  static long mulHi(long a, long b) {
    return Mul64.high(a, b);
  }

  /**
   * 1 if {@code a < b} as unsigned 64-bit values, else 0. C2 may compile the conditional to a branch
   * where its profile says the outcome is predictable, so the arithmetic kernels use
   * {@link #carry} and {@link #borrow} instead; this serves decoding and the variable-time inversion.
   */
  static long ltu(long a, long b) {
    return Long.compareUnsigned(a, b) < 0 ? 1L : 0L;
  }

  /**
   * Carry out of {@code x + y + cin}, given its 64-bit result s: the top bit of the majority of x, y
   * and not-s (Hacker's Delight 2-13). Pure arithmetic, so never a branch.
   */
  static long carry(long x, long y, long s) {
    return ((x & y) | ((x | y) & ~s)) >>> 63;
  }

  /** Borrow out of {@code x - y - bin}, given its 64-bit result d (Hacker's Delight 2-13). */
  static long borrow(long x, long y, long d) {
    return ((~x & y) | ((~x | y) & d)) >>> 63;
  }

  // ---------------------------------------------------------------------------------------------
  // constants and conversions

  public static void setZero(long[] r, int ro) {
    r[ro] = 0; r[ro + 1] = 0; r[ro + 2] = 0; r[ro + 3] = 0;
  }

  public static void setOne(long[] r, int ro) {
    System.arraycopy(ONE, 0, r, ro, LIMBS);
  }

  public static void copy(long[] r, int ro, long[] a, int ao) {
    r[ro] = a[ao]; r[ro + 1] = a[ao + 1]; r[ro + 2] = a[ao + 2]; r[ro + 3] = a[ao + 3];
  }

  public static boolean isZero(long[] a, int ao) {
    return (a[ao] | a[ao + 1] | a[ao + 2] | a[ao + 3]) == 0;
  }

  public static boolean isOne(long[] a, int ao) {
    return a[ao] == ONE[0] && a[ao + 1] == ONE[1] && a[ao + 2] == ONE[2] && a[ao + 3] == ONE[3];
  }

  public static boolean equal(long[] a, int ao, long[] b, int bo) {
    return ((a[ao] ^ b[bo]) | (a[ao + 1] ^ b[bo + 1]) | (a[ao + 2] ^ b[bo + 2]) | (a[ao + 3] ^ b[bo + 3])) == 0;
  }

  /** r = v (a signed integer), in Montgomery form. */
  public static void fromLong(long[] r, int ro, long v) {
    long mag = v < 0 ? -v : v; // -Long.MIN_VALUE stays 2^63 read as unsigned, which is right
    r[ro] = mag; r[ro + 1] = 0; r[ro + 2] = 0; r[ro + 3] = 0;
    mul(r, ro, r, ro, R2, 0);
    if (v < 0) {
      neg(r, ro, r, ro);
    }
  }

  /** Enters Montgomery form: r = a*2^256 for canonical limbs a (each < m). */
  public static void toMontgomery(long[] r, int ro, long[] a, int ao) {
    mul(r, ro, a, ao, R2, 0);
  }

  /** Leaves Montgomery form: r = canonical limbs of a. */
  public static void fromMontgomery(long[] r, int ro, long[] a, int ao) {
    long[] one = {1, 0, 0, 0};
    mul(r, ro, a, ao, one, 0);
  }

  /**
   * Decodes a canonical 32-byte big-endian value. Returns false, leaving r unspecified, when the
   * value is not below the modulus: a non-canonical encoding is rejected, never reduced.
   */
  public static boolean fromBytes(long[] r, int ro, byte[] in, int off) {
    long w3 = word(in, off), w2 = word(in, off + 8), w1 = word(in, off + 16), w0 = word(in, off + 24);
    if (!lessThanModulus(w0, w1, w2, w3)) {
      return false;
    }
    r[ro] = w0; r[ro + 1] = w1; r[ro + 2] = w2; r[ro + 3] = w3;
    toMontgomery(r, ro, r, ro);
    return true;
  }

  /** Canonical 32-byte big-endian encoding of a. */
  public static void toBytes(byte[] out, int off, long[] a, int ao) {
    long[] c = new long[LIMBS];
    fromMontgomery(c, 0, a, ao);
    for (int i = 0; i < LIMBS; i++) {
      long w = c[LIMBS - 1 - i];
      for (int k = 0; k < 8; k++) {
        out[off + 8 * i + k] = (byte) (w >>> (56 - 8 * k));
      }
    }
  }

  public static byte[] toBytes(long[] a, int ao) {
    byte[] out = new byte[BYTES];
    toBytes(out, 0, a, ao);
    return out;
  }

  private static long word(byte[] in, int off) {
    long w = 0;
    for (int k = 0; k < 8; k++) {
      w = (w << 8) | (in[off + k] & 0xffL);
    }
    return w;
  }

  static boolean lessThanModulus(long w0, long w1, long w2, long w3) {
    long b = ltu(w0, P0);
    b = (ltu(w1, P1) | (w1 == P1 ? b : 0));
    b = (ltu(w2, P2) | (w2 == P2 ? b : 0));
    b = (ltu(w3, P3) | (w3 == P3 ? b : 0));
    return b != 0;
  }

  /** Reduces an arbitrary non-negative BigInteger and enters Montgomery form (not for hot paths). */
  public static void fromBigInteger(long[] r, int ro, BigInteger v) {
    long[] l = limbsOf(v.mod(MODULUS));
    toMontgomery(r, ro, l, 0);
  }

  public static BigInteger toBigInteger(long[] a, int ao) {
    return new BigInteger(1, toBytes(a, ao));
  }

  /** Little-endian 64-bit limbs of a non-negative value below 2^256. */
  public static long[] limbsOf(BigInteger v) {
    long[] l = new long[LIMBS];
    for (int i = 0; i < LIMBS; i++) {
      l[i] = v.shiftRight(64 * i).longValue();
    }
    return l;
  }

  /** A uniformly random element (rejection sampling, no modular bias). */
  public static void random(long[] r, int ro, RandomGenerator rnd) {
    long w0, w1, w2, w3;
    long topMask = -1L >>> Long.numberOfLeadingZeros(P3);
    do {
      w0 = rnd.nextLong(); w1 = rnd.nextLong(); w2 = rnd.nextLong(); w3 = rnd.nextLong() & topMask;
    } while (!lessThanModulus(w0, w1, w2, w3));
    r[ro] = w0; r[ro + 1] = w1; r[ro + 2] = w2; r[ro + 3] = w3;
  }

  // ---------------------------------------------------------------------------------------------
  // arithmetic

  /** r = a + b. */
  public static void add(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
    long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2];
    long b0 = b[bo], b1 = b[bo + 1], b2 = b[bo + 2];
    long s0 = a0 + b0;
    long c = carry(a0, b0, s0);
    long s1 = a1 + b1 + c;
    c = carry(a1, b1, s1);
    long s2 = a2 + b2 + c;
    c = carry(a2, b2, s2);
    reduceOnce(r, ro, s0, s1, s2, a[ao + 3] + b[bo + 3] + c); // no overflow: a, b < m < 2^254
  }

  /** r = 2a. */
  public static void dbl(long[] r, int ro, long[] a, int ao) {
    long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];
    reduceOnce(r, ro, a0 << 1, (a1 << 1) | (a0 >>> 63), (a2 << 1) | (a1 >>> 63), (a3 << 1) | (a2 >>> 63));
  }

  /** r = a - b. */
  public static void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
    long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2];
    long b0 = b[bo], b1 = b[bo + 1], b2 = b[bo + 2];
    long d0 = a0 - b0;
    long br = borrow(a0, b0, d0);
    long d1 = a1 - b1 - br;
    br = borrow(a1, b1, d1);
    long d2 = a2 - b2 - br;
    br = borrow(a2, b2, d2);
    // top limbs are below 2^62, so the sign of the top word is the borrow of the whole subtraction
    addModulusIfNegative(r, ro, d0, d1, d2, a[ao + 3] - b[bo + 3] - br);
  }

  /**
   * Writes d + m when d, a four-limb two's complement value in [-m, m), is negative, else d. A separate
   * method keeps sub small enough for C2 to inline into hot callers.
   */
  private static void addModulusIfNegative(long[] r, int ro, long d0, long d1, long d2, long d3) {
    long mask = d3 >> 63;
    long q0 = P0 & mask, q1 = P1 & mask, q2 = P2 & mask;
    long s0 = d0 + q0;
    long c = carry(d0, q0, s0);
    long s1 = d1 + q1 + c;
    c = carry(d1, q1, s1);
    long s2 = d2 + q2 + c;
    c = carry(d2, q2, s2);
    r[ro] = s0; r[ro + 1] = s1; r[ro + 2] = s2; r[ro + 3] = d3 + (P3 & mask) + c;
  }

  /** r = -a. */
  public static void neg(long[] r, int ro, long[] a, int ao) {
    long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];
    long any = a0 | a1 | a2 | a3;
    long nz = (any | -any) >> 63; // all ones unless a = 0, whose negation is 0, not m
    long d0 = P0 - a0;
    long br = borrow(P0, a0, d0);
    long d1 = P1 - a1 - br;
    br = borrow(P1, a1, d1);
    long d2 = P2 - a2 - br;
    br = borrow(P2, a2, d2);
    long d3 = P3 - a3 - br;
    r[ro] = d0 & nz; r[ro + 1] = d1 & nz; r[ro + 2] = d2 & nz; r[ro + 3] = d3 & nz;
  }

  /** Writes s - m if s >= m, else s, for s < 2m. */
  private static void reduceOnce(long[] r, int ro, long s0, long s1, long s2, long s3) {
    long d0 = s0 - P0;
    long br = borrow(s0, P0, d0);
    long d1 = s1 - P1 - br;
    br = borrow(s1, P1, d1);
    long d2 = s2 - P2 - br;
    br = borrow(s2, P2, d2);
    long d3 = s3 - P3 - br;
    // s < 2m < 2^255 and m < 2^254: the top word of s - m is negative exactly when s < m
    long keep = d3 >> 63; // all ones: keep s (branch-free, the branch is unpredictable)
    r[ro] = (s0 & keep) | (d0 & ~keep);
    r[ro + 1] = (s1 & keep) | (d1 & ~keep);
    r[ro + 2] = (s2 & keep) | (d2 & ~keep);
    r[ro + 3] = (s3 & keep) | (d3 & ~keep);
  }

  // Montgomery multiplication (the unrolled bodies are emitted by PrimeFieldGenerator, which also
  // documents their layout). Product scanning (Comba) interleaved with the reduction (FIPS order):
  // column k of the 512-bit sum a*b + sum_i m_i*m*2^(64i) collects the low words of the products
  // whose limb indices add up to k and the high words of those adding up to k - 1. A column is not
  // summed with per-addition carry detection (Java has no add-with-carry, and unsigned compares cost
  // about as much as the multiplications); instead each 64-bit term w is added twice, as w into s
  // (mod 2^64) and as its upper half w >>> 32 into h. The exact column value is then
  // (s - h*2^32 mod 2^64) + h*2^32: the first part is the sum of the lower halves, below 2^36 (at
  // most 14 terms, a doubled one counted twice, plus a small carry), so it is recovered exactly from
  // arithmetic mod 2^64. One normalization per column
  // (h += that sum >>> 32) gives the column's word (s) and its carry (h >>> 32).
  // In columns 0..3 the Montgomery digit m_k = s * INV makes the word vanish: s + lo(m_k*P0) is 0
  // or 2^64, so its carry is (s != 0) and lo(m_k*P0) is never computed. Columns 4..7 are the result,
  // below 2m because a, b < m and 4m < 2^256.

  /**
   * Operation counting for cost tests (protocol.md 10.4): off unless the JVM starts with
   * {@code -Dzkml.countFieldOps=true}. A static final flag, so with counting off the JIT removes
   * the increment and the kernels run exactly as before. The counter is a plain static (not
   * thread-safe): tests count single-threaded verifier work only.
   */
  public static final boolean COUNTING = Boolean.getBoolean("zkml.countFieldOps");
  private static long muls;

  /** Multiplications and squarings since the last {@link #resetMulCount} (0 unless {@link #COUNTING}). */
  public static long mulCount() {
    return muls;
  }

  public static void resetMulCount() {
    muls = 0;
  }

  /** r = a * b. */
  public static void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
    if (COUNTING) {
      muls++;
    }
    long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];
    long b0 = b[bo], b1 = b[bo + 1], b2 = b[bo + 2], b3 = b[bo + 3];
    long w, s, h, c;
    // column 0
    w = a0 * b0; s = w; h = w >>> 32;
    h += (s - (h << 32)) >>> 32;
    long m0 = s * INV;
    c = (h >>> 32) + ((s | -s) >>> 63); // + (s != 0), without a branch
    // column 1
    w = a0 * b1; s = c + w; h = w >>> 32;
    w = mulHi(a0, b0); s += w; h += w >>> 32;
    w = a1 * b0; s += w; h += w >>> 32;
    w = m0 * P1; s += w; h += w >>> 32;
    w = mulHi(m0, P0); s += w; h += w >>> 32;
    h += (s - (h << 32)) >>> 32;
    long m1 = s * INV;
    c = (h >>> 32) + ((s | -s) >>> 63); // + (s != 0), without a branch
    // column 2
    w = a0 * b2; s = c + w; h = w >>> 32;
    w = mulHi(a0, b1); s += w; h += w >>> 32;
    w = a1 * b1; s += w; h += w >>> 32;
    w = mulHi(a1, b0); s += w; h += w >>> 32;
    w = a2 * b0; s += w; h += w >>> 32;
    w = m0 * P2; s += w; h += w >>> 32;
    w = mulHi(m0, P1); s += w; h += w >>> 32;
    w = m1 * P1; s += w; h += w >>> 32;
    w = mulHi(m1, P0); s += w; h += w >>> 32;
    h += (s - (h << 32)) >>> 32;
    long m2 = s * INV;
    c = (h >>> 32) + ((s | -s) >>> 63); // + (s != 0), without a branch
    // column 3
    w = a0 * b3; s = c + w; h = w >>> 32;
    w = mulHi(a0, b2); s += w; h += w >>> 32;
    w = a1 * b2; s += w; h += w >>> 32;
    w = mulHi(a1, b1); s += w; h += w >>> 32;
    w = a2 * b1; s += w; h += w >>> 32;
    w = mulHi(a2, b0); s += w; h += w >>> 32;
    w = a3 * b0; s += w; h += w >>> 32;
    w = m0 * P3; s += w; h += w >>> 32;
    w = mulHi(m0, P2); s += w; h += w >>> 32;
    w = m1 * P2; s += w; h += w >>> 32;
    w = mulHi(m1, P1); s += w; h += w >>> 32;
    w = m2 * P1; s += w; h += w >>> 32;
    w = mulHi(m2, P0); s += w; h += w >>> 32;
    h += (s - (h << 32)) >>> 32;
    long m3 = s * INV;
    c = (h >>> 32) + ((s | -s) >>> 63); // + (s != 0), without a branch
    // column 4
    w = Mul64.highSmallB(a0, b3); s = c + w; h = w >>> 32;
    w = a1 * b3; s += w; h += w >>> 32;
    w = mulHi(a1, b2); s += w; h += w >>> 32;
    w = a2 * b2; s += w; h += w >>> 32;
    w = mulHi(a2, b1); s += w; h += w >>> 32;
    w = a3 * b1; s += w; h += w >>> 32;
    w = Mul64.highSmallA(a3, b0); s += w; h += w >>> 32;
    w = mulHi(m0, P3); s += w; h += w >>> 32;
    w = m1 * P3; s += w; h += w >>> 32;
    w = mulHi(m1, P2); s += w; h += w >>> 32;
    w = m2 * P2; s += w; h += w >>> 32;
    w = mulHi(m2, P1); s += w; h += w >>> 32;
    w = m3 * P1; s += w; h += w >>> 32;
    w = mulHi(m3, P0); s += w; h += w >>> 32;
    h += (s - (h << 32)) >>> 32;
    long r0 = s;
    c = h >>> 32;
    // column 5
    w = Mul64.highSmallB(a1, b3); s = c + w; h = w >>> 32;
    w = a2 * b3; s += w; h += w >>> 32;
    w = mulHi(a2, b2); s += w; h += w >>> 32;
    w = a3 * b2; s += w; h += w >>> 32;
    w = Mul64.highSmallA(a3, b1); s += w; h += w >>> 32;
    w = mulHi(m1, P3); s += w; h += w >>> 32;
    w = m2 * P3; s += w; h += w >>> 32;
    w = mulHi(m2, P2); s += w; h += w >>> 32;
    w = m3 * P2; s += w; h += w >>> 32;
    w = mulHi(m3, P1); s += w; h += w >>> 32;
    h += (s - (h << 32)) >>> 32;
    long r1 = s;
    c = h >>> 32;
    // column 6
    w = Mul64.highSmallB(a2, b3); s = c + w; h = w >>> 32;
    w = a3 * b3; s += w; h += w >>> 32;
    w = Mul64.highSmallA(a3, b2); s += w; h += w >>> 32;
    w = mulHi(m2, P3); s += w; h += w >>> 32;
    w = m3 * P3; s += w; h += w >>> 32;
    w = mulHi(m3, P2); s += w; h += w >>> 32;
    h += (s - (h << 32)) >>> 32;
    long r2 = s;
    c = h >>> 32;
    // column 7
    w = Math.multiplyHigh(a3, b3); s = c + w; h = w >>> 32;
    w = mulHi(m3, P3); s += w; h += w >>> 32;
    h += (s - (h << 32)) >>> 32;
    long r3 = s;
    reduceOnce(r, ro, r0, r1, r2, r3);
  }

  /** r = a^2: the product scanning of {@link #mul} with each cross product a_i*a_j (i < j) computed once and doubled. */
  public static void sqr(long[] r, int ro, long[] a, int ao) {
    if (COUNTING) {
      muls++;
    }
    long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];
    long w, s, h, c;
    // column 0
    w = a0 * a0; s = w; h = w >>> 32;
    h += (s - (h << 32)) >>> 32;
    long m0 = s * INV;
    c = (h >>> 32) + ((s | -s) >>> 63); // + (s != 0), without a branch
    // column 1
    w = a0 * a1; s = c + (w << 1); h = (w >>> 32) << 1;
    w = mulHi(a0, a0); s += w; h += w >>> 32;
    w = m0 * P1; s += w; h += w >>> 32;
    w = mulHi(m0, P0); s += w; h += w >>> 32;
    h += (s - (h << 32)) >>> 32;
    long m1 = s * INV;
    c = (h >>> 32) + ((s | -s) >>> 63); // + (s != 0), without a branch
    // column 2
    w = a0 * a2; s = c + (w << 1); h = (w >>> 32) << 1;
    w = mulHi(a0, a1); s += w << 1; h += (w >>> 32) << 1;
    w = a1 * a1; s += w; h += w >>> 32;
    w = m0 * P2; s += w; h += w >>> 32;
    w = mulHi(m0, P1); s += w; h += w >>> 32;
    w = m1 * P1; s += w; h += w >>> 32;
    w = mulHi(m1, P0); s += w; h += w >>> 32;
    h += (s - (h << 32)) >>> 32;
    long m2 = s * INV;
    c = (h >>> 32) + ((s | -s) >>> 63); // + (s != 0), without a branch
    // column 3
    w = a0 * a3; s = c + (w << 1); h = (w >>> 32) << 1;
    w = mulHi(a0, a2); s += w << 1; h += (w >>> 32) << 1;
    w = a1 * a2; s += w << 1; h += (w >>> 32) << 1;
    w = mulHi(a1, a1); s += w; h += w >>> 32;
    w = m0 * P3; s += w; h += w >>> 32;
    w = mulHi(m0, P2); s += w; h += w >>> 32;
    w = m1 * P2; s += w; h += w >>> 32;
    w = mulHi(m1, P1); s += w; h += w >>> 32;
    w = m2 * P1; s += w; h += w >>> 32;
    w = mulHi(m2, P0); s += w; h += w >>> 32;
    h += (s - (h << 32)) >>> 32;
    long m3 = s * INV;
    c = (h >>> 32) + ((s | -s) >>> 63); // + (s != 0), without a branch
    // column 4
    w = Mul64.highSmallB(a0, a3); s = c + (w << 1); h = (w >>> 32) << 1;
    w = a1 * a3; s += w << 1; h += (w >>> 32) << 1;
    w = mulHi(a1, a2); s += w << 1; h += (w >>> 32) << 1;
    w = a2 * a2; s += w; h += w >>> 32;
    w = mulHi(m0, P3); s += w; h += w >>> 32;
    w = m1 * P3; s += w; h += w >>> 32;
    w = mulHi(m1, P2); s += w; h += w >>> 32;
    w = m2 * P2; s += w; h += w >>> 32;
    w = mulHi(m2, P1); s += w; h += w >>> 32;
    w = m3 * P1; s += w; h += w >>> 32;
    w = mulHi(m3, P0); s += w; h += w >>> 32;
    h += (s - (h << 32)) >>> 32;
    long r0 = s;
    c = h >>> 32;
    // column 5
    w = Mul64.highSmallB(a1, a3); s = c + (w << 1); h = (w >>> 32) << 1;
    w = a2 * a3; s += w << 1; h += (w >>> 32) << 1;
    w = mulHi(a2, a2); s += w; h += w >>> 32;
    w = mulHi(m1, P3); s += w; h += w >>> 32;
    w = m2 * P3; s += w; h += w >>> 32;
    w = mulHi(m2, P2); s += w; h += w >>> 32;
    w = m3 * P2; s += w; h += w >>> 32;
    w = mulHi(m3, P1); s += w; h += w >>> 32;
    h += (s - (h << 32)) >>> 32;
    long r1 = s;
    c = h >>> 32;
    // column 6
    w = Mul64.highSmallB(a2, a3); s = c + (w << 1); h = (w >>> 32) << 1;
    w = a3 * a3; s += w; h += w >>> 32;
    w = mulHi(m2, P3); s += w; h += w >>> 32;
    w = m3 * P3; s += w; h += w >>> 32;
    w = mulHi(m3, P2); s += w; h += w >>> 32;
    h += (s - (h << 32)) >>> 32;
    long r2 = s;
    c = h >>> 32;
    // column 7
    w = Math.multiplyHigh(a3, a3); s = c + w; h = w >>> 32;
    w = mulHi(m3, P3); s += w; h += w >>> 32;
    h += (s - (h << 32)) >>> 32;
    long r3 = s;
    reduceOnce(r, ro, r0, r1, r2, r3);
  }

  // ---------------------------------------------------------------------------------------------
  // double-width primitives, for lazy reduction in extension fields (Fq2 and up): sums of products
  // are accumulated as 512-bit values and reduced once. A "wide" value is 8 little-endian limbs of a
  // plain integer T in [0, m*2^256) standing for the element T/2^256 mod m, the scale of a product of
  // two Montgomery-form elements.

  /**
   * r = a + b as plain integers, without reduction: for inputs below m the result is below 2m, which
   * is not a field element but is a valid input of {@link #mulWide}.
   */
  public static void addNoReduce(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
    long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2];
    long b0 = b[bo], b1 = b[bo + 1], b2 = b[bo + 2];
    long s0 = a0 + b0;
    long c = carry(a0, b0, s0);
    long s1 = a1 + b1 + c;
    c = carry(a1, b1, s1);
    long s2 = a2 + b2 + c;
    c = carry(a2, b2, s2);
    r[ro + 3] = a[ao + 3] + b[bo + 3] + c;
    r[ro] = s0; r[ro + 1] = s1; r[ro + 2] = s2;
  }


  /**
   * t[to..to+7] = a * b, the full 512-bit product of the stored integers, for a, b below 2^255 (field
   * elements, or sums of two from {@link #addNoReduce}). The product of two such sums is below
   * 4m^2 < m*2^256, so it is a valid input of {@link #reduceWide}; so is a sum of two products of
   * elements (below 2m^2), kept in range by {@link #addWide} and {@link #subWide}.
   */
  public static void mulWide(long[] t, int to, long[] a, int ao, long[] b, int bo) {
    long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];
    long b0 = b[bo], b1 = b[bo + 1], b2 = b[bo + 2], b3 = b[bo + 3];
    long w, s, h, c;
    w = a0 * b0; s = w; h = w >>> 32;
    h += (s - (h << 32)) >>> 32;
    t[to] = s;
    c = h >>> 32;
    w = a0 * b1; s = c + w; h = w >>> 32;
    w = mulHi(a0, b0); s += w; h += w >>> 32;
    w = a1 * b0; s += w; h += w >>> 32;
    h += (s - (h << 32)) >>> 32;
    t[to + 1] = s;
    c = h >>> 32;
    w = a0 * b2; s = c + w; h = w >>> 32;
    w = mulHi(a0, b1); s += w; h += w >>> 32;
    w = a1 * b1; s += w; h += w >>> 32;
    w = mulHi(a1, b0); s += w; h += w >>> 32;
    w = a2 * b0; s += w; h += w >>> 32;
    h += (s - (h << 32)) >>> 32;
    t[to + 2] = s;
    c = h >>> 32;
    w = a0 * b3; s = c + w; h = w >>> 32;
    w = mulHi(a0, b2); s += w; h += w >>> 32;
    w = a1 * b2; s += w; h += w >>> 32;
    w = mulHi(a1, b1); s += w; h += w >>> 32;
    w = a2 * b1; s += w; h += w >>> 32;
    w = mulHi(a2, b0); s += w; h += w >>> 32;
    w = a3 * b0; s += w; h += w >>> 32;
    h += (s - (h << 32)) >>> 32;
    t[to + 3] = s;
    c = h >>> 32;
    w = Mul64.highSmallB(a0, b3); s = c + w; h = w >>> 32;
    w = a1 * b3; s += w; h += w >>> 32;
    w = mulHi(a1, b2); s += w; h += w >>> 32;
    w = a2 * b2; s += w; h += w >>> 32;
    w = mulHi(a2, b1); s += w; h += w >>> 32;
    w = a3 * b1; s += w; h += w >>> 32;
    w = Mul64.highSmallA(a3, b0); s += w; h += w >>> 32;
    h += (s - (h << 32)) >>> 32;
    t[to + 4] = s;
    c = h >>> 32;
    w = Mul64.highSmallB(a1, b3); s = c + w; h = w >>> 32;
    w = a2 * b3; s += w; h += w >>> 32;
    w = mulHi(a2, b2); s += w; h += w >>> 32;
    w = a3 * b2; s += w; h += w >>> 32;
    w = Mul64.highSmallA(a3, b1); s += w; h += w >>> 32;
    h += (s - (h << 32)) >>> 32;
    t[to + 5] = s;
    c = h >>> 32;
    w = Mul64.highSmallB(a2, b3); s = c + w; h = w >>> 32;
    w = a3 * b3; s += w; h += w >>> 32;
    w = Mul64.highSmallA(a3, b2); s += w; h += w >>> 32;
    h += (s - (h << 32)) >>> 32;
    t[to + 6] = s;
    c = h >>> 32;
    w = Math.multiplyHigh(a3, b3); s = c + w; h = w >>> 32;
    h += (s - (h << 32)) >>> 32;
    t[to + 7] = s;
  }

  /**
   * r = T * 2^-256 mod m (Montgomery reduction, fully reduced) for a wide T = t[to..to+7] below m*2^256.
   * reduceWide(mulWide(a, b)) equals mul(a, b).
   */
  public static void reduceWide(long[] r, int ro, long[] t, int to) {
    long w, s, h, c = 0, tk;
    tk = t[to];
    w = tk; s = w; h = w >>> 32;
    h += (s - (h << 32)) >>> 32;
    long m0 = s * INV;
    c = (h >>> 32) + ((s | -s) >>> 63); // + (s != 0), without a branch
    tk = t[to + 1];
    w = tk; s = c + w; h = w >>> 32;
    w = m0 * P1; s += w; h += w >>> 32;
    w = mulHi(m0, P0); s += w; h += w >>> 32;
    h += (s - (h << 32)) >>> 32;
    long m1 = s * INV;
    c = (h >>> 32) + ((s | -s) >>> 63); // + (s != 0), without a branch
    tk = t[to + 2];
    w = tk; s = c + w; h = w >>> 32;
    w = m0 * P2; s += w; h += w >>> 32;
    w = mulHi(m0, P1); s += w; h += w >>> 32;
    w = m1 * P1; s += w; h += w >>> 32;
    w = mulHi(m1, P0); s += w; h += w >>> 32;
    h += (s - (h << 32)) >>> 32;
    long m2 = s * INV;
    c = (h >>> 32) + ((s | -s) >>> 63); // + (s != 0), without a branch
    tk = t[to + 3];
    w = tk; s = c + w; h = w >>> 32;
    w = m0 * P3; s += w; h += w >>> 32;
    w = mulHi(m0, P2); s += w; h += w >>> 32;
    w = m1 * P2; s += w; h += w >>> 32;
    w = mulHi(m1, P1); s += w; h += w >>> 32;
    w = m2 * P1; s += w; h += w >>> 32;
    w = mulHi(m2, P0); s += w; h += w >>> 32;
    h += (s - (h << 32)) >>> 32;
    long m3 = s * INV;
    c = (h >>> 32) + ((s | -s) >>> 63); // + (s != 0), without a branch
    tk = t[to + 4];
    w = tk; s = c + w; h = w >>> 32;
    w = mulHi(m0, P3); s += w; h += w >>> 32;
    w = m1 * P3; s += w; h += w >>> 32;
    w = mulHi(m1, P2); s += w; h += w >>> 32;
    w = m2 * P2; s += w; h += w >>> 32;
    w = mulHi(m2, P1); s += w; h += w >>> 32;
    w = m3 * P1; s += w; h += w >>> 32;
    w = mulHi(m3, P0); s += w; h += w >>> 32;
    h += (s - (h << 32)) >>> 32;
    long r0 = s;
    c = h >>> 32;
    tk = t[to + 5];
    w = tk; s = c + w; h = w >>> 32;
    w = mulHi(m1, P3); s += w; h += w >>> 32;
    w = m2 * P3; s += w; h += w >>> 32;
    w = mulHi(m2, P2); s += w; h += w >>> 32;
    w = m3 * P2; s += w; h += w >>> 32;
    w = mulHi(m3, P1); s += w; h += w >>> 32;
    h += (s - (h << 32)) >>> 32;
    long r1 = s;
    c = h >>> 32;
    tk = t[to + 6];
    w = tk; s = c + w; h = w >>> 32;
    w = mulHi(m2, P3); s += w; h += w >>> 32;
    w = m3 * P3; s += w; h += w >>> 32;
    w = mulHi(m3, P2); s += w; h += w >>> 32;
    h += (s - (h << 32)) >>> 32;
    long r2 = s;
    c = h >>> 32;
    tk = t[to + 7];
    w = tk; s = c + w; h = w >>> 32;
    w = mulHi(m3, P3); s += w; h += w >>> 32;
    h += (s - (h << 32)) >>> 32;
    long r3 = s;
    reduceOnce(r, ro, r0, r1, r2, r3);
  }

  /** Wide r = a + b mod m*2^256, for wide a, b below m*2^256 (r may alias a or b). */
  public static void addWide(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
    long c = 0;
    for (int i = 0; i < 2 * LIMBS; i++) {
      long x = a[ao + i], y = b[bo + i];
      long s = x + y + c;
      c = carry(x, y, s);
      r[ro + i] = s;
    }
    // the sum is below 2^510: subtract m*2^256 when the upper half is at least m
    long h0 = r[ro + 4], h1 = r[ro + 5], h2 = r[ro + 6], h3 = r[ro + 7];
    reduceOnce(r, ro + 4, h0, h1, h2, h3);
  }

  /** Wide r = a - b mod m*2^256, for wide a, b below m*2^256 (r may alias a or b). */
  public static void subWide(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
    long br = 0;
    for (int i = 0; i < 2 * LIMBS - 1; i++) {
      long x = a[ao + i], y = b[bo + i];
      long d = x - y - br;
      br = borrow(x, y, d);
      r[ro + i] = d;
    }
    // the upper halves are below m: as in sub, the sign of the top word is the borrow
    long d7 = a[ao + 7] - b[bo + 7] - br;
    addModulusIfNegative(r, ro + 4, r[ro + 4], r[ro + 5], r[ro + 6], d7);
  }


  /** r = a^e for a little-endian exponent (square-and-multiply, variable time). */
  public static void pow(long[] r, int ro, long[] a, int ao, long[] e) {
    long[] base = new long[LIMBS];
    long[] acc = new long[LIMBS];
    copy(base, 0, a, ao);
    setOne(acc, 0);
    int top = e.length * 64 - 1;
    while (top >= 0 && ((e[top >>> 6] >>> (top & 63)) & 1) == 0) {
      top--;
    }
    for (int i = top; i >= 0; i--) {
      sqr(acc, 0, acc, 0);
      if (((e[i >>> 6] >>> (i & 63)) & 1) != 0) {
        mul(acc, 0, acc, 0, base, 0);
      }
    }
    copy(r, ro, acc, 0);
  }

  /**
   * r = a^-1; r = 0 when a = 0. Variable time (the running time depends on a): Kaliski's almost
   * Montgomery inverse, a binary extended GCD on plain integers that never reduces mod m inside the
   * loop, then one multiplication by a table constant that removes the power of two it leaves.
   */
  public static void inv(long[] r, int ro, long[] a, int ao) {
    long v0 = a[ao], v1 = a[ao + 1], v2 = a[ao + 2], v3 = a[ao + 3];
    if ((v0 | v1 | v2 | v3) == 0) {
      setZero(r, ro);
      return;
    }
    // Invariants (A = the stored integer a*2^256 mod m): m = u*s + v*x, A*x = -u*2^k, A*s = v*2^k (mod m),
    // so when v reaches 0 (u = gcd = 1), A^-1 * 2^k = m - x, with 0 < x < 2m.
    long u0 = P0, u1 = P1, u2 = P2, u3 = P3;
    long x0 = 0, x1 = 0, x2 = 0, x3 = 0;
    long s0 = 1, s1 = 0, s2 = 0, s3 = 0;
    int k = 0;
    while ((v0 | v1 | v2 | v3) != 0) {
      if ((u0 & 1) == 0) { // u /= 2^t, s *= 2^t (t single steps at once)
        int t = Math.min(Long.numberOfTrailingZeros(u0), 63);
        u0 = (u0 >>> t) | (u1 << (64 - t)); u1 = (u1 >>> t) | (u2 << (64 - t)); u2 = (u2 >>> t) | (u3 << (64 - t)); u3 >>>= t;
        s3 = (s3 << t) | (s2 >>> (64 - t)); s2 = (s2 << t) | (s1 >>> (64 - t)); s1 = (s1 << t) | (s0 >>> (64 - t)); s0 <<= t;
        k += t;
      } else if ((v0 & 1) == 0) { // v /= 2^t, x *= 2^t
        int t = Math.min(Long.numberOfTrailingZeros(v0), 63);
        v0 = (v0 >>> t) | (v1 << (64 - t)); v1 = (v1 >>> t) | (v2 << (64 - t)); v2 = (v2 >>> t) | (v3 << (64 - t)); v3 >>>= t;
        x3 = (x3 << t) | (x2 >>> (64 - t)); x2 = (x2 << t) | (x1 >>> (64 - t)); x1 = (x1 << t) | (x0 >>> (64 - t)); x0 <<= t;
        k += t;
      } else {
        long d0 = u0 - v0, br = ltu(u0, v0);
        long y = u1 - v1, br1 = ltu(u1, v1);
        long d1 = y - br;
        br = br1 | ltu(y, br);
        y = u2 - v2; br1 = ltu(u2, v2);
        long d2 = y - br;
        br = br1 | ltu(y, br);
        y = u3 - v3; br1 = ltu(u3, v3);
        long d3 = y - br;
        br = br1 | ltu(y, br);
        if (br == 0 && (d0 | d1 | d2 | d3) != 0) { // u > v: u = (u - v)/2, x += s, s *= 2
          u0 = (d0 >>> 1) | (d1 << 63); u1 = (d1 >>> 1) | (d2 << 63); u2 = (d2 >>> 1) | (d3 << 63); u3 = d3 >>> 1;
          long z0 = x0 + s0, c = ltu(z0, x0);
          long z1 = x1 + s1, c1 = ltu(z1, x1);
          z1 += c; c = c1 | ltu(z1, c);
          long z2 = x2 + s2;
          c1 = ltu(z2, x2);
          z2 += c; c = c1 | ltu(z2, c);
          x3 = x3 + s3 + c; x2 = z2; x1 = z1; x0 = z0;
          s3 = (s3 << 1) | (s2 >>> 63); s2 = (s2 << 1) | (s1 >>> 63); s1 = (s1 << 1) | (s0 >>> 63); s0 <<= 1;
        } else { // v >= u: v = (v - u)/2 = -d/2, s += x, x *= 2
          d0 = -d0;
          long c = d0 == 0 ? 1 : 0;
          d1 = ~d1 + c;
          c &= d1 == 0 ? 1 : 0;
          d2 = ~d2 + c;
          c &= d2 == 0 ? 1 : 0;
          d3 = ~d3 + c;
          v0 = (d0 >>> 1) | (d1 << 63); v1 = (d1 >>> 1) | (d2 << 63); v2 = (d2 >>> 1) | (d3 << 63); v3 = d3 >>> 1;
          long z0 = s0 + x0;
          c = ltu(z0, s0);
          long z1 = s1 + x1, c1 = ltu(z1, s1);
          z1 += c; c = c1 | ltu(z1, c);
          long z2 = s2 + x2;
          c1 = ltu(z2, s2);
          z2 += c; c = c1 | ltu(z2, c);
          s3 = s3 + x3 + c; s2 = z2; s1 = z1; s0 = z0;
          x3 = (x3 << 1) | (x2 >>> 63); x2 = (x2 << 1) | (x1 >>> 63); x1 = (x1 << 1) | (x0 >>> 63); x0 <<= 1;
        }
        k++;
      }
    }
    // m - (x mod m), then * (2^(768-k) mod m) / 2^256 = A^-1 * 2^512 = a^-1 * 2^256: Montgomery form.
    reduceOnce(r, ro, x0, x1, x2, x3);
    neg(r, ro, r, ro);
    mul(r, ro, r, ro, INV_CORRECTION, k * LIMBS);
  }

  /**
   * In-place batch inversion of n elements of v starting at limb offset off (Montgomery's trick: one
   * inversion and 3(n-1) multiplications). Zero elements are left zero.
   */
  public static void batchInv(long[] v, int off, int n) {
    long[] prefix = new long[n * LIMBS];
    long[] acc = new long[LIMBS];
    setOne(acc, 0);
    for (int i = 0; i < n; i++) {
      copy(prefix, i * LIMBS, acc, 0);
      if (!isZero(v, off + i * LIMBS)) {
        mul(acc, 0, acc, 0, v, off + i * LIMBS);
      }
    }
    inv(acc, 0, acc, 0);
    long[] tmp = new long[LIMBS];
    for (int i = n - 1; i >= 0; i--) {
      int vi = off + i * LIMBS;
      if (isZero(v, vi)) {
        continue;
      }
      mul(tmp, 0, acc, 0, prefix, i * LIMBS); // = v_i^-1
      mul(acc, 0, acc, 0, v, vi);
      copy(v, vi, tmp, 0);
    }
  }

  /** Legendre symbol: 1 for a non-zero square, -1 for a non-square, 0 for zero. */
  public static int legendre(long[] a, int ao) {
    if (isZero(a, ao)) {
      return 0;
    }
    long[] t = new long[LIMBS];
    pow(t, 0, a, ao, EXP_LEGENDRE);
    return isOne(t, 0) ? 1 : -1;
  }

  /**
   * Square root (Tonelli-Shanks). Writes a root into r and returns true when a is a square; returns
   * false and leaves r unchanged otherwise. Which of the two roots is returned is deterministic.
   */
  public static boolean sqrt(long[] r, int ro, long[] a, int ao) {
    if (isZero(a, ao)) {
      setZero(r, ro);
      return true;
    }
    // w = a^((q-1)/2); x = a*w = a^((q+1)/2); b = x*w = a^q
    long[] w = new long[LIMBS];
    pow(w, 0, a, ao, EXP_Q_MINUS_1_HALF);
    long[] x = new long[LIMBS];
    mul(x, 0, a, ao, w, 0);
    long[] b = new long[LIMBS];
    mul(b, 0, x, 0, w, 0);
    long[] z = ROOT_OF_UNITY.clone();
    long[] t = new long[LIMBS];
    int v = TWO_ADICITY;
    while (!isOne(b, 0)) {
      // least k with b^(2^k) = 1
      int k = 0;
      copy(t, 0, b, 0);
      while (!isOne(t, 0)) {
        sqr(t, 0, t, 0);
        k++;
        if (k >= v) {
          return false; // a is not a square
        }
      }
      // w = z^(2^(v-k-1))
      copy(w, 0, z, 0);
      for (int i = 0; i < v - k - 1; i++) {
        sqr(w, 0, w, 0);
      }
      sqr(z, 0, w, 0);
      mul(b, 0, b, 0, z, 0);
      mul(x, 0, x, 0, w, 0);
      v = k;
    }
    copy(r, ro, x, 0);
    return true;
  }

  /** A primitive 2^TWO_ADICITY-th root of unity (Montgomery form, fresh copy). */
  public static long[] rootOfUnity() {
    return ROOT_OF_UNITY.clone();
  }
}
