package org.besuzkml.model.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The rounding rule (round half up) against known answers and a BigInteger reference. */
class FixedPointTest {
  /** floor((x + 2^(k-1)) / 2^k) with BigInteger. */
  static long rescaleRef(long x, int k) {
    BigInteger num = BigInteger.valueOf(x).add(BigInteger.ONE.shiftLeft(k - 1));
    BigInteger[] qr = num.divideAndRemainder(BigInteger.ONE.shiftLeft(k));
    BigInteger q = qr[0];
    if (qr[1].signum() < 0) {
      q = q.subtract(BigInteger.ONE);
    }
    return q.longValueExact();
  }

  @Test
  void rescaleRoundsHalfUpKnownAnswers() {
    assertEquals(3, FixedPoint.rescale(5, 1)); // 2.5 -> 3
    assertEquals(-2, FixedPoint.rescale(-5, 1)); // -2.5 -> -2 (half up, not away from zero)
    assertEquals(2, FixedPoint.rescale(6, 2)); // 1.5 -> 2
    assertEquals(-1, FixedPoint.rescale(-6, 2)); // -1.5 -> -1
    assertEquals(2, FixedPoint.rescale(7, 2)); // 1.75 -> 2
    assertEquals(-2, FixedPoint.rescale(-7, 2)); // -1.75 -> -2
    assertEquals(1, FixedPoint.rescale(5, 2)); // 1.25 -> 1
    assertEquals(42, FixedPoint.rescale(42, 0));
    assertEquals(12, FixedPoint.rescale(3, -2));
  }

  @Test
  void rescaleMatchesBigIntegerReference() {
    Random r = new Random(1);
    for (int i = 0; i < 20000; i++) {
      long x = r.nextLong() >> r.nextInt(40);
      int k = 1 + r.nextInt(40);
      assertEquals(rescaleRef(x, k), FixedPoint.rescale(x, k), x + " >> " + k);
    }
  }

  @Test
  void rescaleOverflowThrowsInsteadOfWrapping() {
    assertThrows(ArithmeticException.class, () -> FixedPoint.rescale(Long.MAX_VALUE, 1));
    assertThrows(ArithmeticException.class, () -> FixedPoint.rescale(Long.MAX_VALUE / 2, -2));
    assertThrows(ArithmeticException.class, () -> FixedPoint.rescale(1, -63));
    assertEquals(0, FixedPoint.rescale(0, -70));
    assertEquals(0, FixedPoint.rescale(Long.MAX_VALUE / 4, 70));
  }

  @Test
  void divRoundMatchesBigIntegerReference() {
    Random r = new Random(2);
    for (int i = 0; i < 20000; i++) {
      long a = r.nextInt() >> r.nextInt(20);
      long b = (r.nextInt() >> r.nextInt(28));
      if (b == 0) {
        assertEquals(0, FixedPoint.divRound(a, b));
        continue;
      }
      long aa = b < 0 ? -a : a;
      long bb = Math.abs(b);
      BigInteger num = BigInteger.valueOf(aa).shiftLeft(1).add(BigInteger.valueOf(bb));
      BigInteger den = BigInteger.valueOf(bb).shiftLeft(1);
      BigInteger[] qr = num.divideAndRemainder(den);
      long want = (qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0]).longValueExact();
      assertEquals(want, FixedPoint.divRound(a, b), a + " / " + b);
    }
    assertEquals(3, FixedPoint.divRound(5, 2)); // 2.5 -> 3
    assertEquals(-2, FixedPoint.divRound(-5, 2)); // -2.5 -> -2
    assertEquals(-2, FixedPoint.divRound(5, -2)); // -2.5 -> -2
    assertEquals(2, FixedPoint.divRound(7, 3)); // 2.33 -> 2
  }

  @Test
  void quantizeRoundsHalfUpAndSaturates() {
    assertEquals(1, FixedPoint.quantize(0.5, 0));
    assertEquals(0, FixedPoint.quantize(-0.5, 0));
    assertEquals(-1, FixedPoint.quantize(-0.51, 0));
    assertEquals(128, FixedPoint.quantize(0.5, 8));
    assertEquals(FixedPoint.MAX_ACT, FixedPoint.quantize(Double.POSITIVE_INFINITY, 8));
    assertEquals(-FixedPoint.MAX_ACT, FixedPoint.quantize(-3.4e38, 8));
    assertEquals(0, FixedPoint.quantize(Double.NaN, 8));
    assertEquals(1L << 40, FixedPoint.quantizeParam(1.0, 40));
  }

  @Test
  void activationBoundIsEnforced() {
    assertEquals(FixedPoint.MAX_ACT, FixedPoint.checkAct(FixedPoint.MAX_ACT));
    assertThrows(ArithmeticException.class, () -> FixedPoint.checkAct(FixedPoint.MAX_ACT + 1));
    assertThrows(ArithmeticException.class, () -> FixedPoint.checkAct(-FixedPoint.MAX_ACT - 1));
  }

  @Test
  void tableClampsOutsideItsDomain() {
    LookupTable t = LookupTable.build("sq", v -> v * v, 2, 4, -8, 8);
    assertEquals(17, t.size());
    assertEquals(FixedPoint.quantize(1.0, 4), t.apply(4)); // (4/4)^2 = 1 at scale 4
    assertEquals(t.apply(8), t.apply(1000)); // clamp high
    assertEquals(t.apply(-8), t.apply(-1000)); // clamp low
    Trace tr = new Trace();
    tr.lookup("step", t, new long[] {0, 9, -9});
    assertEquals(2L, tr.clamped().get("step"));
    LookupTable sat = LookupTable.build("sat", Math::tanh, 0, 8, -3, 3, true);
    Trace tr2 = new Trace();
    tr2.lookup("s", sat, new long[] {100});
    assertEquals(0, tr2.clamped().size(), "clamping a saturating table is exact, not counted");
  }

  @Test
  void tableLargerThan2To16IsRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> LookupTable.build("big", v -> v, 0, 0, 0, 1 << 16));
  }
}
