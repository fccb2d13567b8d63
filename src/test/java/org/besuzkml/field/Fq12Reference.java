package org.besuzkml.field;

import java.math.BigInteger;

/**
 * Slow, independent model of Fq12 for tests: polynomials over Fq modulo w^12 - 18 w^6 + 82, with
 * BigInteger coefficients. It shares no code with the tower, only the definition u = w^6 - 9.
 */
public final class Fq12Reference {
  private Fq12Reference() {}

  static final BigInteger Q = Fq.MODULUS;
  private static final BigInteger NINE = BigInteger.valueOf(9);

  /** Offset of the Fq2 coefficient of w^i inside a 48-long tower element. */
  static int coeff(int i) {
    return (i & 1) * 24 + (i >>> 1) * 8;
  }

  /** Tower element -> 12 coefficients over Fq: a_i = x + y u = x + y (w^6 - 9). */
  public static BigInteger[] fromTower(long[] a) {
    BigInteger[] b = new BigInteger[12];
    java.util.Arrays.fill(b, BigInteger.ZERO);
    for (int i = 0; i < 6; i++) {
      BigInteger x = Fq.toBigInteger(a, coeff(i));
      BigInteger y = Fq.toBigInteger(a, coeff(i) + 4);
      b[i] = x.subtract(NINE.multiply(y)).mod(Q);
      b[i + 6] = y;
    }
    return b;
  }

  public static long[] toTower(BigInteger[] b) {
    long[] a = new long[48];
    for (int i = 0; i < 6; i++) {
      BigInteger y = b[i + 6].mod(Q);
      BigInteger x = b[i].add(NINE.multiply(y)).mod(Q);
      Fq.fromBigInteger(a, coeff(i), x);
      Fq.fromBigInteger(a, coeff(i) + 4, y);
    }
    return a;
  }

  static BigInteger[] mul(BigInteger[] a, BigInteger[] b) {
    BigInteger[] c = new BigInteger[23];
    java.util.Arrays.fill(c, BigInteger.ZERO);
    for (int i = 0; i < 12; i++) {
      for (int j = 0; j < 12; j++) {
        c[i + j] = c[i + j].add(a[i].multiply(b[j]));
      }
    }
    for (int k = 22; k >= 12; k--) {
      c[k] = c[k].mod(Q);
      c[k - 6] = c[k - 6].add(c[k].multiply(BigInteger.valueOf(18)));
      c[k - 12] = c[k - 12].subtract(c[k].multiply(BigInteger.valueOf(82)));
    }
    BigInteger[] r = new BigInteger[12];
    for (int i = 0; i < 12; i++) {
      r[i] = c[i].mod(Q);
    }
    return r;
  }

  static BigInteger[] pow(BigInteger[] a, BigInteger e) {
    BigInteger[] acc = new BigInteger[12];
    java.util.Arrays.fill(acc, BigInteger.ZERO);
    acc[0] = BigInteger.ONE;
    for (int i = e.bitLength() - 1; i >= 0; i--) {
      acc = mul(acc, acc);
      if (e.testBit(i)) {
        acc = mul(acc, a);
      }
    }
    return acc;
  }

  static long[] random(java.util.Random rnd) {
    long[] a = new long[48];
    for (int i = 0; i < 12; i++) {
      Fq.random(a, 4 * i, rnd);
    }
    return a;
  }
}
