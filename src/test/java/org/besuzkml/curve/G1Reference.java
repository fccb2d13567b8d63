package org.besuzkml.curve;

import java.math.BigInteger;
import org.besuzkml.field.Fq;
import org.besuzkml.field.Fr;

/**
 * Slow affine BN254 G1 arithmetic on BigInteger, the reference the kernels are checked against.
 * A point is {x, y}; null is the point at infinity.
 */
public final class G1Reference {
  private G1Reference() {}

  public static final BigInteger P = Fq.MODULUS;
  public static final BigInteger R = Fr.MODULUS;
  public static final BigInteger[] G = {BigInteger.ONE, BigInteger.TWO};

  public static boolean onCurve(BigInteger[] a) {
    return a == null || a[1].pow(2).subtract(a[0].pow(3)).subtract(BigInteger.valueOf(3)).mod(P).signum() == 0;
  }

  public static BigInteger[] neg(BigInteger[] a) {
    return a == null ? null : new BigInteger[] {a[0], P.subtract(a[1]).mod(P)};
  }

  public static BigInteger[] add(BigInteger[] a, BigInteger[] b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    BigInteger lambda;
    if (a[0].equals(b[0])) {
      if (a[1].add(b[1]).mod(P).signum() == 0) {
        return null;
      }
      lambda = a[0].pow(2).multiply(BigInteger.valueOf(3)).multiply(a[1].shiftLeft(1).modInverse(P));
    } else {
      lambda = b[1].subtract(a[1]).multiply(b[0].subtract(a[0]).modInverse(P));
    }
    lambda = lambda.mod(P);
    BigInteger x = lambda.pow(2).subtract(a[0]).subtract(b[0]).mod(P);
    BigInteger y = lambda.multiply(a[0].subtract(x)).subtract(a[1]).mod(P);
    return new BigInteger[] {x, y};
  }

  /** [k]a for any k >= 0 (not reduced: plain double-and-add). */
  public static BigInteger[] mul(BigInteger[] a, BigInteger k) {
    BigInteger[] acc = null;
    for (int i = k.bitLength() - 1; i >= 0; i--) {
      acc = add(acc, acc);
      if (k.testBit(i)) {
        acc = add(acc, a);
      }
    }
    return acc;
  }

  /** Kernel layout (affine, Montgomery) of a reference point. */
  public static long[] toLimbs(BigInteger[] a) {
    long[] r = new long[G1.AFFINE];
    if (a != null) {
      Fq.fromBigInteger(r, 0, a[0]);
      Fq.fromBigInteger(r, 4, a[1]);
    }
    return r;
  }

  /** Reference point of an affine kernel point. */
  public static BigInteger[] fromAffine(long[] r, int ro) {
    if (G1.isInfinityAffine(r, ro)) {
      return null;
    }
    return new BigInteger[] {Fq.toBigInteger(r, ro), Fq.toBigInteger(r, ro + 4)};
  }

  /** Reference point of a Jacobian kernel point. */
  public static BigInteger[] fromJacobian(long[] p, int po) {
    BigInteger z = Fq.toBigInteger(p, po + 8);
    if (z.signum() == 0) {
      return null;
    }
    BigInteger zi = z.modInverse(P);
    BigInteger x = Fq.toBigInteger(p, po).multiply(zi.pow(2)).mod(P);
    BigInteger y = Fq.toBigInteger(p, po + 4).multiply(zi.pow(3)).mod(P);
    return new BigInteger[] {x, y};
  }

  /** A Jacobian kernel point for a, with a random-looking Z (so Z = 1 is not all that is tested). */
  public static long[] toJacobian(BigInteger[] a, BigInteger z) {
    long[] r = new long[G1.JACOBIAN];
    if (a == null) {
      Fq.fromBigInteger(r, 0, BigInteger.ONE);
      Fq.fromBigInteger(r, 4, BigInteger.ONE);
      return r;
    }
    Fq.fromBigInteger(r, 0, a[0].multiply(z.pow(2)));
    Fq.fromBigInteger(r, 4, a[1].multiply(z.pow(3)));
    Fq.fromBigInteger(r, 8, z);
    return r;
  }
}
