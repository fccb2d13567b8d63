package org.besuzkml.pairing;

import java.math.BigInteger;

import org.besuzkml.field.Fq;

/** Test-only affine G1 (y^2 = x^3 + 3 over Fq) on BigIntegers; null is infinity. */
final class TestG1 {
  private TestG1() {}

  static final BigInteger Q = Fq.MODULUS;
  static final BigInteger[] GENERATOR = {BigInteger.ONE, BigInteger.TWO};

  static BigInteger[] add(BigInteger[] p, BigInteger[] r) {
    if (p == null) {
      return r;
    }
    if (r == null) {
      return p;
    }
    BigInteger lambda;
    if (p[0].equals(r[0])) {
      if (!p[1].equals(r[1]) || p[1].signum() == 0) {
        return null;
      }
      lambda = p[0].pow(2).multiply(BigInteger.valueOf(3)).multiply(p[1].shiftLeft(1).modInverse(Q));
    } else {
      lambda = r[1].subtract(p[1]).multiply(r[0].subtract(p[0]).modInverse(Q));
    }
    lambda = lambda.mod(Q);
    BigInteger x = lambda.pow(2).subtract(p[0]).subtract(r[0]).mod(Q);
    BigInteger y = lambda.multiply(p[0].subtract(x)).subtract(p[1]).mod(Q);
    return new BigInteger[] {x, y};
  }

  static BigInteger[] mul(BigInteger[] p, BigInteger k) {
    BigInteger[] acc = null;
    for (int i = k.bitLength() - 1; i >= 0; i--) {
      acc = add(acc, acc);
      if (k.testBit(i)) {
        acc = add(acc, p);
      }
    }
    return acc;
  }

  static BigInteger[] neg(BigInteger[] p) {
    return p == null ? null : new BigInteger[] {p[0], Q.subtract(p[1]).mod(Q)};
  }

  /** 8-long Montgomery affine layout; infinity (0, 0). */
  static long[] toLongs(BigInteger[] p) {
    long[] r = new long[8];
    if (p != null) {
      Fq.fromBigInteger(r, 0, p[0]);
      Fq.fromBigInteger(r, 4, p[1]);
    }
    return r;
  }
}
