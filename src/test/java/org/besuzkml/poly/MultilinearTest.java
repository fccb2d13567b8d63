package org.besuzkml.poly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import org.besuzkml.field.Fr;
import org.junit.jupiter.api.Test;

class MultilinearTest {
  private static final int L = Fr.LIMBS;
  private static final BigInteger R = Fr.MODULUS;

  static long[] random(int count, long seed) {
    return NttTest.random(count, seed);
  }

  static BigInteger big(long[] a, int element) {
    return Fr.toBigInteger(a, element * L);
  }

  static long[] elements(long... values) {
    long[] v = new long[values.length * L];
    for (int i = 0; i < values.length; i++) {
      Fr.fromLong(v, i * L, values[i]);
    }
    return v;
  }

  /** Bit of variable k (0-based, k = 0 the first variable) in index x of a v-variable table. */
  static int bit(int x, int k, int v) {
    return (x >>> (v - 1 - k)) & 1;
  }

  /** f(r) = sum_x f(x) prod_k (x_k ? r_k : 1 - r_k), in BigInteger arithmetic. */
  static BigInteger naiveEvaluate(long[] f, int v, long[] r) {
    BigInteger acc = BigInteger.ZERO;
    for (int x = 0; x < (1 << v); x++) {
      BigInteger term = big(f, x);
      for (int k = 0; k < v; k++) {
        BigInteger rk = big(r, k);
        term = term.multiply(bit(x, k, v) == 1 ? rk : BigInteger.ONE.subtract(rk)).mod(R);
      }
      acc = acc.add(term).mod(R);
    }
    return acc;
  }

  @Test
  void eqTableSumsToOneAndMatchesProductFormula() {
    for (int v = 0; v <= 9; v++) {
      long[] r = random(v, 10 + v);
      long[] eq = Multilinear.eqTable(r, 0, v);
      long[] s = new long[L];
      Multilinear.sum(s, 0, eq, 0, 1 << v);
      assertTrue(Fr.isOne(s, 0), "sum of eq(r, .) must be 1 at v=" + v);
      long[] xPoint = new long[Math.max(1, v) * L];
      long[] viaFormula = new long[L];
      for (int x = 0; x < (1 << v); x++) {
        BigInteger expect = BigInteger.ONE;
        for (int k = 0; k < v; k++) {
          BigInteger rk = big(r, k);
          expect = expect.multiply(bit(x, k, v) == 1 ? rk : BigInteger.ONE.subtract(rk)).mod(R);
          Fr.fromLong(xPoint, k * L, bit(x, k, v));
        }
        assertEquals(expect, big(eq, x), "eq(r, " + x + ") at v=" + v);
        Multilinear.eqEvaluate(viaFormula, 0, r, 0, xPoint, 0, v);
        assertEquals(expect, big(viaFormula, 0));
      }
    }
  }

  @Test
  void eqAtBooleanPointIsTheIndicatorWithFirstVariableMostSignificant() {
    // r = (1, 0, 1, 1): the table is 1 at index 0b1011 = 11 and 0 elsewhere
    long[] r = elements(1, 0, 1, 1);
    long[] eq = Multilinear.eqTable(r, 0, 4);
    for (int x = 0; x < 16; x++) {
      assertEquals(x == 11 ? BigInteger.ONE : BigInteger.ZERO, big(eq, x), "index " + x);
    }
  }

  @Test
  void eqEvaluateIsSymmetricAndOneOnTheDiagonalOfBooleanPoints() {
    long[] a = random(6, 1);
    long[] b = random(6, 2);
    long[] ab = new long[L];
    long[] ba = new long[L];
    Multilinear.eqEvaluate(ab, 0, a, 0, b, 0, 6);
    Multilinear.eqEvaluate(ba, 0, b, 0, a, 0, 6);
    assertArrayEquals(ab, ba);
    long[] bits = elements(0, 1, 1, 0);
    long[] other = elements(0, 1, 0, 0);
    Multilinear.eqEvaluate(ab, 0, bits, 0, bits, 0, 4);
    assertTrue(Fr.isOne(ab, 0));
    Multilinear.eqEvaluate(ab, 0, bits, 0, other, 0, 4);
    assertTrue(Fr.isZero(ab, 0));
  }

  @Test
  void lessThanIsTheSumOfTheFirstNEqEntries() {
    for (int v = 0; v <= 6; v++) {
      long[] z = random(Math.max(v, 1), 800 + v);
      long[] eq = Multilinear.eqTable(z, 0, v);
      long[] got = new long[L];
      long[] prefixSum = new long[L];
      for (long n = -1; n <= (1L << v) + 1; n++) {
        Multilinear.lessThanEvaluate(got, 0, z, 0, v, n);
        if (n > 0 && n <= (1L << v)) {
          Fr.add(prefixSum, 0, prefixSum, 0, eq, (int) (n - 1) * L);
        }
        assertArrayEquals(prefixSum, got, "v=" + v + " n=" + n);
      }
    }
    // at a Boolean point it is the indicator of index < n
    long[] x = elements(1, 0, 1); // index 5
    long[] got = new long[L];
    Multilinear.lessThanEvaluate(got, 0, x, 0, 3, 5);
    assertTrue(Fr.isZero(got, 0));
    Multilinear.lessThanEvaluate(got, 0, x, 0, 3, 6);
    assertTrue(Fr.isOne(got, 0));
  }

  @Test
  void scaledEqTableIsScaleTimesEqTable() {
    long[] r = random(7, 5);
    long[] c = random(1, 6);
    long[] plain = Multilinear.eqTable(r, 0, 7);
    long[] scaled = Multilinear.eqTable(r, 0, 7, c, 0);
    for (int x = 0; x < 128; x++) {
      Fr.mul(plain, x * L, plain, x * L, c, 0);
    }
    assertArrayEquals(plain, scaled);
  }

  @Test
  void parallelEqTableEqualsSequential() {
    int v = 16;
    long[] r = random(v, 77);
    long[] c = random(1, 78);
    long[] seq = new long[L << v];
    long[] par = new long[L << v];
    Multilinear.eqTable(seq, 0, r, 0, v, c, 0, 1);
    Multilinear.eqTable(par, 0, r, 0, v, c, 0, 4);
    assertArrayEquals(seq, par);
  }

  @Test
  void evaluateMatchesNaiveFormulaAndEqInnerProduct() {
    for (int v = 0; v <= 8; v++) {
      long[] f = random(1 << v, 200 + v);
      long[] r = random(Math.max(v, 1), 300 + v);
      long[] got = new long[L];
      Multilinear.evaluate(got, 0, f, 0, v, r, 0);
      assertEquals(naiveEvaluate(f, v, r), big(got, 0), "v=" + v);
      long[] viaEq = new long[L];
      Multilinear.innerProduct(viaEq, 0, f, 0, Multilinear.eqTable(r, 0, v), 0, 1 << v);
      assertArrayEquals(got, viaEq);
    }
  }

  @Test
  void evaluateAtBooleanPointReadsTheTable() {
    long[] f = random(8, 9);
    long[] got = new long[L];
    Multilinear.evaluate(got, 0, f, 0, 3, elements(1, 0, 0), 0);
    assertTrue(Fr.equal(got, 0, f, 4 * L), "f(1,0,0) is entry 0b100 = 4");
    Multilinear.evaluate(got, 0, f, 0, 3, elements(0, 1, 1), 0);
    assertTrue(Fr.equal(got, 0, f, 3 * L), "f(0,1,1) is entry 0b011 = 3");
  }

  @Test
  void fixFirstVariableThenEvaluateEqualsEvaluateAtFullPoint() {
    for (int v = 1; v <= 9; v++) {
      long[] f = random(1 << v, 400 + v);
      long[] point = random(v, 500 + v);
      long[] whole = new long[L];
      Multilinear.evaluate(whole, 0, f, 0, v, point, 0);
      long[] fixed = f.clone();
      Multilinear.fixFirstVariable(fixed, 0, v, point, 0);
      long[] rest = new long[L];
      Multilinear.evaluate(rest, 0, fixed, 0, v - 1, point, L);
      assertArrayEquals(whole, rest, "v=" + v);
      long[] outOfPlace = new long[L << (v - 1)];
      Multilinear.fixFirstVariable(outOfPlace, 0, f, 0, v, point, 0);
      assertArrayEquals(Arrays.copyOf(fixed, L << (v - 1)), outOfPlace);
    }
  }

  @Test
  void fixingToZeroOrOneKeepsTheLowOrHighHalf() {
    long[] f = random(16, 11);
    long[] lo = f.clone();
    Multilinear.fixFirstVariable(lo, 0, 4, elements(0), 0);
    assertArrayEquals(Arrays.copyOfRange(f, 0, 8 * L), Arrays.copyOf(lo, 8 * L));
    long[] hi = f.clone();
    Multilinear.fixFirstVariable(hi, 0, 4, elements(1), 0);
    assertArrayEquals(Arrays.copyOfRange(f, 8 * L, 16 * L), Arrays.copyOf(hi, 8 * L));
  }

  @Test
  void parallelFixAndInnerProductEqualSequential() {
    int v = 16;
    long[] f = random(1 << v, 12);
    long[] g = random(1 << v, 13);
    long[] r = random(1, 14);
    long[] seq = f.clone();
    long[] par = f.clone();
    Multilinear.fixFirstVariable(seq, 0, seq, 0, v, r, 0, 1);
    Multilinear.fixFirstVariable(par, 0, par, 0, v, r, 0, 4);
    assertArrayEquals(seq, par);
    long[] ipSeq = new long[L];
    long[] ipPar = new long[L];
    Multilinear.innerProduct(ipSeq, 0, f, 0, g, 0, 1 << v, 1);
    Multilinear.innerProduct(ipPar, 0, f, 0, g, 0, 1 << v, 4);
    assertArrayEquals(ipSeq, ipPar);
    BigInteger expect = BigInteger.ZERO;
    for (int i = 0; i < (1 << v); i++) {
      expect = expect.add(big(f, i).multiply(big(g, i)));
    }
    assertEquals(expect.mod(R), big(ipSeq, 0));
  }

  @Test
  void roundEvaluationsOfAProductAreTheSumsOfTheBoundTables() {
    for (int m = 1; m <= 3; m++) {
      int v = 5;
      long[][] factors = new long[m][];
      for (int j = 0; j < m; j++) {
        factors[j] = random(1 << v, 600 + 10 * m + j);
      }
      long[] s = Multilinear.roundEvaluations(factors, v, m);
      // s(0) + s(1) is the hypercube sum of the product
      BigInteger total = BigInteger.ZERO;
      for (int x = 0; x < (1 << v); x++) {
        BigInteger prod = BigInteger.ONE;
        for (long[] f : factors) {
          prod = prod.multiply(big(f, x)).mod(R);
        }
        total = total.add(prod);
      }
      assertEquals(total.mod(R), big(s, 0).add(big(s, 1)).mod(R), "m=" + m);
      // s(t) = sum over x' of prod_j f_j(t, x'), with f_j(t, .) from fixFirstVariable
      for (int t = 0; t <= m; t++) {
        long[] tt = elements(t);
        BigInteger st = BigInteger.ZERO;
        long[][] bound = new long[m][];
        for (int j = 0; j < m; j++) {
          bound[j] = new long[L << (v - 1)];
          Multilinear.fixFirstVariable(bound[j], 0, factors[j], 0, v, tt, 0);
        }
        for (int x = 0; x < (1 << (v - 1)); x++) {
          BigInteger prod = BigInteger.ONE;
          for (long[] b : bound) {
            prod = prod.multiply(big(b, x)).mod(R);
          }
          st = st.add(prod);
        }
        assertEquals(st.mod(R), big(s, t), "m=" + m + " t=" + t);
      }
    }
  }

  @Test
  void parallelRoundEvaluationsEqualSequential() {
    int v = 15;
    long[][] factors = {random(1 << v, 1), random(1 << v, 2)};
    assertArrayEquals(Multilinear.roundEvaluations(factors, v, 2, 1), Multilinear.roundEvaluations(factors, v, 2, 4));
  }

  @Test
  void badSizesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Multilinear.fixFirstVariable(new long[4], 0, 0, new long[4], 0));
    assertThrows(IllegalArgumentException.class, () -> Multilinear.fixFirstVariable(new long[4], 0, 1, new long[4], 0));
    assertThrows(IllegalArgumentException.class, () -> Multilinear.eqTable(new long[4], 0, 2));
    assertThrows(IllegalArgumentException.class, () -> Multilinear.evaluate(new long[4], 0, new long[8], 0, 2, new long[8], 0));
  }
}
