package org.besuzkml.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Fq and Fr kernels against BigInteger arithmetic, on edge values and random values. */
class PrimeFieldTest {

  /** The static kernels of one field, so that one test body checks both. */
  interface Field {
    BigInteger modulus();
    void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo);
    void sqr(long[] r, int ro, long[] a, int ao);
    void add(long[] r, int ro, long[] a, int ao, long[] b, int bo);
    void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo);
    void neg(long[] r, int ro, long[] a, int ao);
    void dbl(long[] r, int ro, long[] a, int ao);
    void inv(long[] r, int ro, long[] a, int ao);
    void batchInv(long[] v, int off, int n);
    boolean sqrt(long[] r, int ro, long[] a, int ao);
    int legendre(long[] a, int ao);
    void fromBigInteger(long[] r, int ro, BigInteger v);
    BigInteger toBigInteger(long[] a, int ao);
    boolean fromBytes(long[] r, int ro, byte[] in, int off);
    byte[] toBytes(long[] a, int ao);
    void fromLong(long[] r, int ro, long v);
    int twoAdicity();
    long[] rootOfUnity();
    void addNoReduce(long[] r, int ro, long[] a, int ao, long[] b, int bo);
    void mulWide(long[] t, int to, long[] a, int ao, long[] b, int bo);
    void reduceWide(long[] r, int ro, long[] t, int to);
    void addWide(long[] r, int ro, long[] a, int ao, long[] b, int bo);
    void subWide(long[] r, int ro, long[] a, int ao, long[] b, int bo);
  }

  static final Field FQ = new Field() {
    public BigInteger modulus() { return Fq.MODULUS; }
    public void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo) { Fq.mul(r, ro, a, ao, b, bo); }
    public void sqr(long[] r, int ro, long[] a, int ao) { Fq.sqr(r, ro, a, ao); }
    public void add(long[] r, int ro, long[] a, int ao, long[] b, int bo) { Fq.add(r, ro, a, ao, b, bo); }
    public void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo) { Fq.sub(r, ro, a, ao, b, bo); }
    public void neg(long[] r, int ro, long[] a, int ao) { Fq.neg(r, ro, a, ao); }
    public void dbl(long[] r, int ro, long[] a, int ao) { Fq.dbl(r, ro, a, ao); }
    public void inv(long[] r, int ro, long[] a, int ao) { Fq.inv(r, ro, a, ao); }
    public void batchInv(long[] v, int off, int n) { Fq.batchInv(v, off, n); }
    public boolean sqrt(long[] r, int ro, long[] a, int ao) { return Fq.sqrt(r, ro, a, ao); }
    public int legendre(long[] a, int ao) { return Fq.legendre(a, ao); }
    public void fromBigInteger(long[] r, int ro, BigInteger v) { Fq.fromBigInteger(r, ro, v); }
    public BigInteger toBigInteger(long[] a, int ao) { return Fq.toBigInteger(a, ao); }
    public boolean fromBytes(long[] r, int ro, byte[] in, int off) { return Fq.fromBytes(r, ro, in, off); }
    public byte[] toBytes(long[] a, int ao) { return Fq.toBytes(a, ao); }
    public void fromLong(long[] r, int ro, long v) { Fq.fromLong(r, ro, v); }
    public int twoAdicity() { return Fq.TWO_ADICITY; }
    public long[] rootOfUnity() { return Fq.rootOfUnity(); }
    public void addNoReduce(long[] r, int ro, long[] a, int ao, long[] b, int bo) { Fq.addNoReduce(r, ro, a, ao, b, bo); }
    public void mulWide(long[] t, int to, long[] a, int ao, long[] b, int bo) { Fq.mulWide(t, to, a, ao, b, bo); }
    public void reduceWide(long[] r, int ro, long[] t, int to) { Fq.reduceWide(r, ro, t, to); }
    public void addWide(long[] r, int ro, long[] a, int ao, long[] b, int bo) { Fq.addWide(r, ro, a, ao, b, bo); }
    public void subWide(long[] r, int ro, long[] a, int ao, long[] b, int bo) { Fq.subWide(r, ro, a, ao, b, bo); }
    public String toString() { return "Fq"; }
  };

  static final Field FR = new Field() {
    public BigInteger modulus() { return Fr.MODULUS; }
    public void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo) { Fr.mul(r, ro, a, ao, b, bo); }
    public void sqr(long[] r, int ro, long[] a, int ao) { Fr.sqr(r, ro, a, ao); }
    public void add(long[] r, int ro, long[] a, int ao, long[] b, int bo) { Fr.add(r, ro, a, ao, b, bo); }
    public void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo) { Fr.sub(r, ro, a, ao, b, bo); }
    public void neg(long[] r, int ro, long[] a, int ao) { Fr.neg(r, ro, a, ao); }
    public void dbl(long[] r, int ro, long[] a, int ao) { Fr.dbl(r, ro, a, ao); }
    public void inv(long[] r, int ro, long[] a, int ao) { Fr.inv(r, ro, a, ao); }
    public void batchInv(long[] v, int off, int n) { Fr.batchInv(v, off, n); }
    public boolean sqrt(long[] r, int ro, long[] a, int ao) { return Fr.sqrt(r, ro, a, ao); }
    public int legendre(long[] a, int ao) { return Fr.legendre(a, ao); }
    public void fromBigInteger(long[] r, int ro, BigInteger v) { Fr.fromBigInteger(r, ro, v); }
    public BigInteger toBigInteger(long[] a, int ao) { return Fr.toBigInteger(a, ao); }
    public boolean fromBytes(long[] r, int ro, byte[] in, int off) { return Fr.fromBytes(r, ro, in, off); }
    public byte[] toBytes(long[] a, int ao) { return Fr.toBytes(a, ao); }
    public void fromLong(long[] r, int ro, long v) { Fr.fromLong(r, ro, v); }
    public int twoAdicity() { return Fr.TWO_ADICITY; }
    public long[] rootOfUnity() { return Fr.rootOfUnity(); }
    public void addNoReduce(long[] r, int ro, long[] a, int ao, long[] b, int bo) { Fr.addNoReduce(r, ro, a, ao, b, bo); }
    public void mulWide(long[] t, int to, long[] a, int ao, long[] b, int bo) { Fr.mulWide(t, to, a, ao, b, bo); }
    public void reduceWide(long[] r, int ro, long[] t, int to) { Fr.reduceWide(r, ro, t, to); }
    public void addWide(long[] r, int ro, long[] a, int ao, long[] b, int bo) { Fr.addWide(r, ro, a, ao, b, bo); }
    public void subWide(long[] r, int ro, long[] a, int ao, long[] b, int bo) { Fr.subWide(r, ro, a, ao, b, bo); }
    public String toString() { return "Fr"; }
  };

  static Stream<Field> fields() {
    return Stream.of(FQ, FR);
  }

  /** Edge values (0, 1, 2, m-1, m-2, 2^64, 2^255 mod m, R, R^2 mod m) then random values. */
  static List<BigInteger> values(BigInteger m, int randomCount) {
    List<BigInteger> v = new ArrayList<>();
    BigInteger r = BigInteger.ONE.shiftLeft(256).mod(m);
    for (BigInteger x : new BigInteger[] {
        BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, m.subtract(BigInteger.ONE),
        m.subtract(BigInteger.TWO), BigInteger.ONE.shiftLeft(64), BigInteger.ONE.shiftLeft(255).mod(m),
        r, r.multiply(r).mod(m), m.shiftRight(1), BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)}) {
      v.add(x);
    }
    SplittableRandom rnd = new SplittableRandom(42);
    for (int i = 0; i < randomCount; i++) {
      // a mix of full-width, sparse and small values
      BigInteger x = switch (i % 3) {
        case 0 -> new BigInteger(m.bitLength() + 8, new java.util.Random(rnd.nextLong())).mod(m);
        case 1 -> BigInteger.valueOf(rnd.nextLong() & Long.MAX_VALUE);
        default -> m.subtract(BigInteger.valueOf(1 + (rnd.nextLong() & 0xffff)));
      };
      v.add(x);
    }
    return v;
  }

  private static long[] el(Field f, BigInteger x) {
    long[] a = new long[4];
    f.fromBigInteger(a, 0, x);
    return a;
  }

  @ParameterizedTest
  @MethodSource("fields")
  void arithmeticMatchesBigInteger(Field f) {
    BigInteger m = f.modulus();
    List<BigInteger> vs = values(m, 60);
    long[] r = new long[8];
    for (BigInteger x : vs) {
      long[] a = el(f, x);
      assertEquals(x, f.toBigInteger(a, 0), "round trip");
      f.neg(r, 0, a, 0);
      assertEquals(x.negate().mod(m), f.toBigInteger(r, 0), "neg");
      f.dbl(r, 0, a, 0);
      assertEquals(x.shiftLeft(1).mod(m), f.toBigInteger(r, 0), "dbl");
      f.sqr(r, 0, a, 0);
      assertEquals(x.multiply(x).mod(m), f.toBigInteger(r, 0), "sqr");
      for (BigInteger y : vs) {
        long[] b = el(f, y);
        f.mul(r, 4, a, 0, b, 0);
        assertEquals(x.multiply(y).mod(m), f.toBigInteger(r, 4), "mul " + x + " " + y);
        f.add(r, 4, a, 0, b, 0);
        assertEquals(x.add(y).mod(m), f.toBigInteger(r, 4), "add");
        f.sub(r, 4, a, 0, b, 0);
        assertEquals(x.subtract(y).mod(m), f.toBigInteger(r, 4), "sub");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("fields")
  void kernelsAllowAliasing(Field f) {
    BigInteger m = f.modulus();
    BigInteger x = m.subtract(BigInteger.valueOf(12345));
    long[] a = el(f, x);
    f.mul(a, 0, a, 0, a, 0);
    assertEquals(x.pow(2).mod(m), f.toBigInteger(a, 0));
    f.add(a, 0, a, 0, a, 0);
    assertEquals(x.pow(2).shiftLeft(1).mod(m), f.toBigInteger(a, 0));
    f.sub(a, 0, a, 0, a, 0);
    assertEquals(BigInteger.ZERO, f.toBigInteger(a, 0));
  }

  @ParameterizedTest
  @MethodSource("fields")
  void inversionAndBatchInversion(Field f) {
    BigInteger m = f.modulus();
    List<BigInteger> vs = values(m, 30);
    long[] flat = new long[vs.size() * 4];
    long[] r = new long[4];
    for (int i = 0; i < vs.size(); i++) {
      BigInteger x = vs.get(i);
      f.fromBigInteger(flat, 4 * i, x);
      f.inv(r, 0, flat, 4 * i);
      assertEquals(x.signum() == 0 ? BigInteger.ZERO : x.modInverse(m), f.toBigInteger(r, 0), "inv");
    }
    f.batchInv(flat, 0, vs.size());
    for (int i = 0; i < vs.size(); i++) {
      BigInteger x = vs.get(i);
      assertEquals(x.signum() == 0 ? BigInteger.ZERO : x.modInverse(m), f.toBigInteger(flat, 4 * i), "batchInv " + i);
    }
  }

  @ParameterizedTest
  @MethodSource("fields")
  void squareRootAndLegendre(Field f) {
    BigInteger m = f.modulus();
    BigInteger half = m.shiftRight(1);
    long[] r = new long[4];
    int squares = 0;
    int nonSquares = 0;
    for (BigInteger x : values(m, 60)) {
      long[] a = el(f, x);
      int expected = x.signum() == 0 ? 0 : x.modPow(half, m).equals(BigInteger.ONE) ? 1 : -1;
      assertEquals(expected, f.legendre(a, 0), "legendre of " + x);
      boolean ok = f.sqrt(r, 0, a, 0);
      assertEquals(expected >= 0, ok, "sqrt existence of " + x);
      if (ok) {
        BigInteger s = f.toBigInteger(r, 0);
        assertEquals(x, s.multiply(s).mod(m), "sqrt^2");
        squares++;
      } else {
        nonSquares++;
      }
      // x^2 always has a root, and it is +-x
      long[] sq = new long[4];
      f.sqr(sq, 0, a, 0);
      assertTrue(f.sqrt(r, 0, sq, 0));
      BigInteger s = f.toBigInteger(r, 0);
      assertTrue(s.equals(x) || s.equals(x.negate().mod(m)), "root of a square");
    }
    assertTrue(squares > 5 && nonSquares > 5, "both kinds exercised");
  }

  @ParameterizedTest
  @MethodSource("fields")
  void rootOfUnityHasExactOrder(Field f) {
    BigInteger m = f.modulus();
    BigInteger w = f.toBigInteger(f.rootOfUnity(), 0);
    BigInteger order = BigInteger.ONE.shiftLeft(f.twoAdicity());
    assertEquals(BigInteger.ONE, w.modPow(order, m));
    assertEquals(m.subtract(BigInteger.ONE), w.modPow(order.shiftRight(1), m));
  }

  @ParameterizedTest
  @MethodSource("fields")
  void canonicalEncodingOnly(Field f) {
    BigInteger m = f.modulus();
    long[] a = new long[4];
    for (BigInteger x : values(m, 20)) {
      long[] e = el(f, x);
      byte[] bytes = f.toBytes(e, 0);
      assertEquals(32, bytes.length);
      byte[] expected = new byte[32];
      byte[] raw = x.toByteArray();
      int n = Math.min(raw.length, 32);
      System.arraycopy(raw, raw.length - n, expected, 32 - n, n);
      assertArrayEquals(expected, bytes, "big-endian encoding");
      assertTrue(f.fromBytes(a, 0, bytes, 0));
      assertEquals(x, f.toBigInteger(a, 0));
    }
    // m, m+1 and 2^256-1 are not canonical encodings
    for (BigInteger bad : new BigInteger[] {m, m.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE),
        m.add(BigInteger.ONE.shiftLeft(200))}) {
      byte[] raw = bad.toByteArray();
      byte[] enc = new byte[32];
      int n = Math.min(raw.length, 32);
      System.arraycopy(raw, raw.length - n, enc, 32 - n, n);
      assertFalse(f.fromBytes(a, 0, enc, 0), "non-canonical " + bad + " rejected");
    }
  }

  @ParameterizedTest
  @MethodSource("fields")
  void fromLongHandlesSignsAndExtremes(Field f) {
    BigInteger m = f.modulus();
    long[] a = new long[4];
    for (long v : new long[] {0, 1, -1, 65535, -65536, Long.MAX_VALUE, Long.MIN_VALUE, 123456789012345L}) {
      f.fromLong(a, 0, v);
      assertEquals(BigInteger.valueOf(v).mod(m), f.toBigInteger(a, 0), "fromLong " + v);
    }
  }
}
