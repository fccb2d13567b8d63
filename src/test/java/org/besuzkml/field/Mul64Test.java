package org.besuzkml.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Mul64 against BigInteger on whichever JDK runs it: the portable class under surefire (target/classes
 * is no jar, so META-INF/versions is ignored), the unsignedMultiplyHigh class in the JDK 21 run of
 * pom.xml's profile jdk21-kernels, which tests target/zkml.jar and says which class it expects.
 */
class Mul64Test {
  static final BigInteger WORD = BigInteger.ONE.shiftLeft(64);
  static final long[] EDGES = {0, 1, 2, 3, 0xffffffffL, 0x100000000L, 0x7fffffffffffffffL, Long.MIN_VALUE,
      Long.MIN_VALUE + 1, -2, -1, 0x5555555555555555L, 0xaaaaaaaaaaaaaaaaL, Fr.P0, Fr.P1, Fq.P0, Fq.P1, Fr.INV,
      Fq.INV};

  static BigInteger unsigned(long x) {
    return new BigInteger(Long.toUnsignedString(x));
  }

  static long expectedHigh(long a, long b) {
    return unsigned(a).multiply(unsigned(b)).shiftRight(64).longValue();
  }

  static void check(long a, long b) {
    long e = expectedHigh(a, b);
    assertEquals(e, Mul64.high(a, b), () -> Long.toHexString(a) + " * " + Long.toHexString(b));
    if (a >= 0) {
      assertEquals(e, Mul64.highSmallA(a, b), () -> "small a " + Long.toHexString(a) + " * " + Long.toHexString(b));
    }
    if (b >= 0) {
      assertEquals(e, Mul64.highSmallB(a, b), () -> "small b " + Long.toHexString(a) + " * " + Long.toHexString(b));
    }
  }

  @Test
  void edgeWordsMatchBigInteger() {
    for (long a : EDGES) {
      for (long b : EDGES) {
        check(a, b);
      }
    }
  }

  @Test
  void randomWordsMatchBigInteger() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int i = 0; i < 200_000; i++) {
      long a = rnd.nextLong();
      long b = rnd.nextLong();
      check(a, b);
      check(a, b >>> 1); // a top limb: below 2^63
      check(a >>> 1, b);
      check(a, b >>> rnd.nextInt(64));
    }
  }

  /** The expected class was loaded: a multi-release jar that lost its versioned class fails here. */
  @Test
  void theExpectedVersionIsLoaded() {
    String expected = System.getProperty("zkml.expectMul64");
    String where = String.valueOf(Mul64.class.getProtectionDomain().getCodeSource().getLocation());
    if (expected == null) {
      // surefire: classes from a directory load the base version on every JDK
      assertTrue(!where.endsWith(".jar"), where);
      expected = "portable";
    } else {
      assertTrue(where.endsWith(".jar"), "expected the multi-release jar, got " + where);
      assertTrue(Runtime.version().feature() >= 21, "the versioned class needs JDK 21+");
    }
    assertEquals(expected, Mul64.implementation(), "Mul64 from " + where + " on JDK " + Runtime.version());
  }
}
