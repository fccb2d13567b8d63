package org.besuzkml.curve;

import java.math.BigInteger;

import org.besuzkml.field.Fq;
import org.besuzkml.field.Fq2;

/**
 * Slow affine reference for the twist y^2 = x^3 + 3/(9+u) over Fq2, on BigInteger pairs {re, im};
 * null is the point at infinity. Shares nothing with G2 but the field definition.
 */
public final class TwistReference {
  private TwistReference() {}

  static final BigInteger Q = Fq.MODULUS;

  public static BigInteger[] f(BigInteger re, BigInteger im) {
    return new BigInteger[] {re.mod(Q), im.mod(Q)};
  }

  static BigInteger[] add(BigInteger[] a, BigInteger[] b) {
    return f(a[0].add(b[0]), a[1].add(b[1]));
  }

  static BigInteger[] sub(BigInteger[] a, BigInteger[] b) {
    return f(a[0].subtract(b[0]), a[1].subtract(b[1]));
  }

  static BigInteger[] mul(BigInteger[] a, BigInteger[] b) {
    return f(a[0].multiply(b[0]).subtract(a[1].multiply(b[1])), a[0].multiply(b[1]).add(a[1].multiply(b[0])));
  }

  static BigInteger[] inv(BigInteger[] a) {
    BigInteger n = a[0].multiply(a[0]).add(a[1].multiply(a[1])).modInverse(Q);
    return f(a[0].multiply(n), a[1].negate().multiply(n));
  }

  static BigInteger[] small(long v) {
    return f(BigInteger.valueOf(v), BigInteger.ZERO);
  }

  public static final BigInteger[] B = mul(small(3), inv(f(BigInteger.valueOf(9), BigInteger.ONE)));

  /** Affine point {x, y} as two Fq2 values, or null. */
  public static BigInteger[][] addPoints(BigInteger[][] p, BigInteger[][] r) {
    if (p == null) {
      return r;
    }
    if (r == null) {
      return p;
    }
    BigInteger[] lambda;
    if (p[0][0].equals(r[0][0]) && p[0][1].equals(r[0][1])) {
      if (!p[1][0].equals(r[1][0]) || !p[1][1].equals(r[1][1]) || (p[1][0].signum() == 0 && p[1][1].signum() == 0)) {
        return null;
      }
      lambda = mul(mul(small(3), mul(p[0], p[0])), inv(mul(small(2), p[1])));
    } else {
      lambda = mul(sub(r[1], p[1]), inv(sub(r[0], p[0])));
    }
    BigInteger[] x = sub(sub(mul(lambda, lambda), p[0]), r[0]);
    BigInteger[] y = sub(mul(lambda, sub(p[0], x)), p[1]);
    return new BigInteger[][] {x, y};
  }

  public static BigInteger[][] mulPoint(BigInteger[][] p, BigInteger k) {
    BigInteger[][] acc = null;
    for (int i = k.bitLength() - 1; i >= 0; i--) {
      acc = addPoints(acc, acc);
      if (k.testBit(i)) {
        acc = addPoints(acc, p);
      }
    }
    return acc;
  }

  /** A square root in Fq2 (q = 3 mod 4) or null. */
  static BigInteger[] sqrt(BigInteger[] a) {
    BigInteger e = Q.add(BigInteger.ONE).shiftRight(2);
    BigInteger n = a[0].multiply(a[0]).add(a[1].multiply(a[1])).mod(Q);
    BigInteger sn = n.modPow(e, Q);
    if (!sn.multiply(sn).mod(Q).equals(n)) {
      return null;
    }
    BigInteger half = BigInteger.TWO.modInverse(Q);
    for (BigInteger s : new BigInteger[] {sn, Q.subtract(sn)}) {
      BigInteger t = a[0].add(s).multiply(half).mod(Q);
      BigInteger x0 = t.modPow(e, Q);
      if (!x0.multiply(x0).mod(Q).equals(t) || x0.signum() == 0) {
        continue;
      }
      BigInteger x1 = a[1].multiply(x0.shiftLeft(1).modInverse(Q)).mod(Q);
      BigInteger[] x = f(x0, x1);
      BigInteger[] sq = mul(x, x);
      if (sq[0].equals(a[0].mod(Q)) && sq[1].equals(a[1].mod(Q))) {
        return x;
      }
    }
    return null;
  }

  /** The first point on the twist with x = (c, 1), c = start, start+1, ...: almost surely outside G2. */
  public static BigInteger[][] pointOnTwist(long start) {
    for (long c = start; ; c++) {
      BigInteger[] x = f(BigInteger.valueOf(c), BigInteger.ONE);
      BigInteger[] y = sqrt(add(mul(mul(x, x), x), B));
      if (y != null) {
        return new BigInteger[][] {x, y};
      }
    }
  }

  /** The shared 16-long affine layout (Montgomery), infinity (0, 0). */
  public static long[] toLongs(BigInteger[][] p) {
    long[] r = new long[16];
    if (p != null) {
      Fq2.fromBigIntegers(r, 0, p[0][0], p[0][1]);
      Fq2.fromBigIntegers(r, 8, p[1][0], p[1][1]);
    }
    return r;
  }

  public static BigInteger[][] fromLongs(long[] a, int ao) {
    if (G2.isInfinity(a, ao)) {
      return null;
    }
    return new BigInteger[][] {Fq2.toBigIntegers(a, ao), Fq2.toBigIntegers(a, ao + 8)};
  }
}
