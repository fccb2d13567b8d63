package org.besuzkml.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.besuzkml.field.Fr;
import org.junit.jupiter.api.Test;

/** The mask column's cursor (exact allocation, limits) and sparse forms (algebra against a dense reference). */
class MaskTest {
  private static final int L = Fr.LIMBS;

  private static long[] element(long v) {
    long[] out = new long[L];
    Fr.fromLong(out, 0, v);
    return out;
  }

  @Test
  void cursorAllocatesConsecutivelyAndRefusesWhatDoesNotFit() {
    assertNull(MaskCursor.of(-1));
    assertNull(MaskCursor.of(MaskCursor.MAX_SIZE + 1L));
    assertNotNull(MaskCursor.of(MaskCursor.MAX_SIZE));
    MaskCursor c = MaskCursor.of(10);
    assertEquals(10, c.size());
    assertEquals(0, c.take(0));
    assertEquals(0, c.take(3));
    assertEquals(3, c.take(6));
    assertFalse(c.exhausted());
    assertEquals(-1, c.take(2), "one entry left");
    assertEquals(-1, c.take(-1));
    assertEquals(9, c.used(), "refusals take nothing");
    assertEquals(9, c.take(1));
    assertTrue(c.exhausted());
    assertEquals(10, c.take(0));
    assertEquals(-1, c.take(1));
    assertTrue(MaskCursor.of(0).exhausted());
  }

  @Test
  void formsAgreeWithADenseInnerProduct() {
    SplittableRandom rnd = new SplittableRandom(1);
    int n = 12;
    long[] lambda = new long[n * L];
    for (int i = 0; i < n; i++) {
      Fr.random(lambda, i * L, rnd);
    }
    long[] dense = new long[n * L];
    MaskForm f = new MaskForm();
    long[] c = new long[L];
    for (int j = 0; j < 20; j++) { // past the initial capacity, with repeated indices
      int i = rnd.nextInt(n);
      Fr.random(c, 0, rnd);
      f.add(i, c, 0);
      Fr.add(dense, i * L, dense, i * L, c, 0);
    }
    assertEquals(20, f.terms());
    assertArrayEquals(dot(dense, lambda), f.evaluate(lambda));
    MaskForm copy = f.copy();
    long[] s = element(7);
    assertEquals(f, f.scale(s, 0));
    assertArrayEquals(dot(dense, lambda), copy.evaluate(lambda), "a copy does not share coefficients");
    long[] seven = new long[L];
    Fr.mul(seven, 0, dot(dense, lambda), 0, s, 0);
    assertArrayEquals(seven, f.evaluate(lambda));
    MaskForm g = MaskForm.single(3, element(5), 0).addScaled(copy, element(2), 0);
    long[] expected = new long[L];
    Fr.mul(expected, 0, dot(dense, lambda), 0, element(2), 0);
    long[] t = new long[L];
    Fr.mul(t, 0, lambda, 3 * L, element(5), 0);
    Fr.add(expected, 0, expected, 0, t, 0);
    assertArrayEquals(expected, g.evaluate(lambda));
    assertEquals(3, g.index(0));
    long[] out = new long[L];
    g.coefficient(0, out, 0);
    assertArrayEquals(element(5), out);
    long[] second = new long[L];
    g.coefficient(1, second, 0);
    copy.coefficient(0, out, 0);
    long[] twice = new long[L];
    Fr.dbl(twice, 0, out, 0);
    assertArrayEquals(twice, second, "term 1 is copy's first term times 2");
    // a form filled to its capacity scales without touching what lies past it
    MaskForm four = new MaskForm();
    for (int j = 0; j < 4; j++) {
      four.add(j, element(j + 1), 0);
    }
    assertEquals(four, four.scale(element(3), 0));
    four.coefficient(3, out, 0);
    assertArrayEquals(element(12), out);
    // entries outside the column count as zero
    assertTrue(Fr.isZero(MaskForm.single(n, element(1), 0).add(-1, element(1), 0).evaluate(lambda), 0));
  }

  private static long[] dot(long[] a, long[] b) {
    long[] acc = new long[L];
    long[] t = new long[L];
    for (int i = 0; i < a.length / L; i++) {
      Fr.mul(t, 0, a, i * L, b, i * L);
      Fr.add(acc, 0, acc, 0, t, 0);
    }
    return acc;
  }
}
