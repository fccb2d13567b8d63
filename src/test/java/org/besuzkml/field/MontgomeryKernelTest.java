package org.besuzkml.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.besuzkml.field.PrimeFieldTest.Field;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The optimized kernels on the inputs most likely to break them: raw limb patterns that maximize the
 * lazily summed column terms and the carries of mul/sqr, stored integers with long runs of zero bits
 * for the binary-GCD inversion, and the bounds of the double-width primitives. Every result is checked
 * against BigInteger; the stored limbs are set directly, so the Montgomery value of an element is
 * {@code stored * 2^-256 mod m}.
 */
class MontgomeryKernelTest {
  static final BigInteger R = BigInteger.ONE.shiftLeft(256);

  static Stream<Field> fields() {
    return Stream.of(PrimeFieldTest.FQ, PrimeFieldTest.FR);
  }

  static long[] limbs(BigInteger v, int n) {
    long[] l = new long[n];
    for (int i = 0; i < n; i++) {
      l[i] = v.shiftRight(64 * i).longValue();
    }
    return l;
  }

  static BigInteger stored(long[] a, int ao, int n) {
    BigInteger x = BigInteger.ZERO;
    for (int i = n - 1; i >= 0; i--) {
      x = x.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(a[ao + i])));
    }
    return x;
  }

  /** The element whose stored (Montgomery) integer is s. */
  static BigInteger value(Field f, BigInteger s) {
    return s.multiply(rInverse(f)).mod(f.modulus());
  }

  static BigInteger rInverse(Field f) {
    return f == PrimeFieldTest.FQ ? FQ_R_INVERSE : FR_R_INVERSE;
  }

  static final BigInteger FQ_R_INVERSE = R.modInverse(Fq.MODULUS);
  static final BigInteger FR_R_INVERSE = R.modInverse(Fr.MODULUS);

  /**
   * Stored integers below m built from limbs in {0, 1, 2^32-1, 2^32, 2^63-1, 2^63, 2^64-1} (every
   * combination that stays below m), plus m-1, m-2^64, and random values.
   */
  static List<BigInteger> storedPatterns(BigInteger m, int randomCount) {
    long[] words = {0, 1, 0xffffffffL, 0x100000000L, Long.MAX_VALUE, Long.MIN_VALUE, -1L};
    List<BigInteger> out = new ArrayList<>();
    for (long w0 : words) {
      for (long w1 : words) {
        for (long w2 : words) {
          for (long w3 : words) {
            BigInteger s = stored(new long[] {w0, w1, w2, w3}, 0, 4);
            if (s.compareTo(m) < 0) {
              out.add(s);
            }
          }
        }
      }
    }
    out.add(m.subtract(BigInteger.ONE));
    out.add(m.subtract(BigInteger.ONE.shiftLeft(64)));
    out.add(m.shiftRight(1));
    SplittableRandom rnd = new SplittableRandom(11);
    for (int i = 0; i < randomCount; i++) {
      out.add(new BigInteger(m.bitLength() + 16, new java.util.Random(rnd.nextLong())).mod(m));
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("fields")
  void mulAndSqrMatchBigIntegerOnCarryHeavyLimbPatterns(Field f) {
    BigInteger m = f.modulus();
    List<BigInteger> vs = storedPatterns(m, 200);
    SplittableRandom rnd = new SplittableRandom(5);
    long[] r = new long[4];
    long[] q = new long[4];
    for (BigInteger s : vs) {
      long[] a = limbs(s, 4);
      BigInteger x = value(f, s);
      f.sqr(r, 0, a, 0);
      f.mul(q, 0, a, 0, a, 0);
      assertArrayEquals(q, r, "sqr and mul(a, a) agree limb for limb on " + s);
      assertEquals(x.multiply(x).mod(m), f.toBigInteger(r, 0), "sqr of stored " + s);
      for (int k = 0; k < 24; k++) {
        BigInteger t = vs.get(rnd.nextInt(vs.size()));
        f.mul(r, 0, a, 0, limbs(t, 4), 0);
        assertEquals(x.multiply(value(f, t)).mod(m), f.toBigInteger(r, 0), "mul of stored " + s + " " + t);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("fields")
  void inverseOfStoredPowersOfTwoAndPatterns(Field f) {
    BigInteger m = f.modulus();
    List<BigInteger> vs = storedPatterns(m, 300);
    for (int k = 0; k < m.bitLength(); k++) {
      vs.add(BigInteger.ONE.shiftLeft(k)); // the GCD loop's longest runs of even values
      vs.add(m.subtract(BigInteger.ONE.shiftLeft(k)));
    }
    long[] r = new long[4];
    long[] back = new long[4];
    for (BigInteger s : vs) {
      long[] a = limbs(s, 4);
      BigInteger x = value(f, s);
      f.inv(r, 0, a, 0);
      assertEquals(x.signum() == 0 ? BigInteger.ZERO : x.modInverse(m), f.toBigInteger(r, 0), "inv of stored " + s);
      f.inv(back, 0, r, 0);
      assertArrayEquals(a, back, "inv(inv(a)) = a, limb for limb, for stored " + s);
    }
    long[] a = limbs(BigInteger.valueOf(12345), 4);
    BigInteger x = value(f, BigInteger.valueOf(12345));
    f.inv(a, 0, a, 0);
    assertEquals(x.modInverse(m), f.toBigInteger(a, 0), "inv in place");
  }

  @ParameterizedTest
  @MethodSource("fields")
  void widePrimitivesMatchBigInteger(Field f) {
    BigInteger m = f.modulus();
    BigInteger mr = m.shiftLeft(256);
    List<BigInteger> vs = storedPatterns(m, 100);
    SplittableRandom rnd = new SplittableRandom(9);
    long[] t = new long[8];
    long[] u = new long[8];
    long[] sum = new long[8];
    long[] r = new long[4];
    long[] q = new long[4];
    long[] ab = new long[4];
    long[] cd = new long[4];
    for (int n = 0; n < 3000; n++) {
      BigInteger a = vs.get(rnd.nextInt(vs.size()));
      BigInteger b = vs.get(rnd.nextInt(vs.size()));
      BigInteger c = vs.get(rnd.nextInt(vs.size()));
      BigInteger d = vs.get(rnd.nextInt(vs.size()));
      // unreduced sums below 2m, their full product below 4m^2 < m*2^256
      f.addNoReduce(ab, 0, limbs(a, 4), 0, limbs(b, 4), 0);
      assertEquals(a.add(b), stored(ab, 0, 4), "addNoReduce");
      f.addNoReduce(cd, 0, limbs(c, 4), 0, limbs(d, 4), 0);
      f.mulWide(t, 0, ab, 0, cd, 0);
      BigInteger prod = a.add(b).multiply(c.add(d));
      assertEquals(prod, stored(t, 0, 8), "mulWide");
      f.reduceWide(r, 0, t, 0);
      assertEquals(prod.multiply(rInverse(f)).mod(m), stored(r, 0, 4), "reduceWide");
      // reduceWide(mulWide(a, c)) = mul(a, c)
      f.mulWide(u, 0, limbs(a, 4), 0, limbs(c, 4), 0);
      f.reduceWide(r, 0, u, 0);
      f.mul(q, 0, limbs(a, 4), 0, limbs(c, 4), 0);
      assertArrayEquals(q, r, "reduceWide o mulWide = mul");
      // double-width sums stay below m*2^256
      f.addWide(sum, 0, t, 0, u, 0);
      assertEquals(prod.add(a.multiply(c)).mod(mr), stored(sum, 0, 8), "addWide");
      f.subWide(sum, 0, u, 0, t, 0);
      assertEquals(a.multiply(c).subtract(prod).mod(mr), stored(sum, 0, 8), "subWide");
      f.subWide(u, 0, u, 0, u, 0);
      assertEquals(BigInteger.ZERO, stored(u, 0, 8), "subWide in place");
    }
    // the ends of the wide range
    BigInteger top = mr.subtract(BigInteger.ONE);
    f.reduceWide(r, 0, limbs(top, 8), 0);
    assertEquals(top.multiply(rInverse(f)).mod(m), stored(r, 0, 4), "reduceWide of m*2^256 - 1");
    f.addWide(sum, 0, limbs(top, 8), 0, limbs(top, 8), 0);
    assertEquals(top.shiftLeft(1).mod(mr), stored(sum, 0, 8), "addWide at the top");
    f.subWide(sum, 0, limbs(BigInteger.ZERO, 8), 0, limbs(top, 8), 0);
    assertEquals(BigInteger.ONE, stored(sum, 0, 8), "subWide wraps once");
  }

  /** An Fq2-style product, c0 = a0*b0 - a1*b1 and c1 = (a0+a1)(b0+b1) - a0*b0 - a1*b1, reduced twice. */
  @ParameterizedTest
  @MethodSource("fields")
  void lazyKaratsubaMatchesSchoolbook(Field f) {
    BigInteger m = f.modulus();
    SplittableRandom rnd = new SplittableRandom(13);
    long[] v = new long[16];
    long[] t0 = new long[8];
    long[] t1 = new long[8];
    long[] t2 = new long[8];
    long[] s = new long[8];
    long[] c = new long[8];
    long[] ref = new long[4];
    long[] tmp = new long[4];
    for (int n = 0; n < 2000; n++) {
      for (int i = 0; i < 4; i++) {
        f.fromBigInteger(v, 4 * i, new BigInteger(m.bitLength(), new java.util.Random(rnd.nextLong())).mod(m));
      }
      f.mulWide(t0, 0, v, 0, v, 8);
      f.mulWide(t1, 0, v, 4, v, 12);
      f.addNoReduce(s, 0, v, 0, v, 4);
      f.addNoReduce(s, 4, v, 8, v, 12);
      f.mulWide(t2, 0, s, 0, s, 4);
      f.subWide(t2, 0, t2, 0, t0, 0);
      f.subWide(t2, 0, t2, 0, t1, 0);
      f.subWide(t0, 0, t0, 0, t1, 0);
      f.reduceWide(c, 0, t0, 0);
      f.reduceWide(c, 4, t2, 0);
      f.mul(ref, 0, v, 0, v, 8);
      f.mul(tmp, 0, v, 4, v, 12);
      f.sub(ref, 0, ref, 0, tmp, 0);
      assertArrayEquals(ref, java.util.Arrays.copyOfRange(c, 0, 4), "c0");
      f.mul(ref, 0, v, 0, v, 12);
      f.mul(tmp, 0, v, 4, v, 8);
      f.add(ref, 0, ref, 0, tmp, 0);
      assertArrayEquals(ref, java.util.Arrays.copyOfRange(c, 4, 8), "c1");
    }
  }
}
