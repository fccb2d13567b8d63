package org.besuzkml.poly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.besuzkml.field.Fr;
import org.junit.jupiter.api.Test;

class UnivariateTest {
  private static final int L = Fr.LIMBS;

  @Test
  void hornerMatchesBigIntegerPowerSum() {
    for (int count = 0; count <= 9; count++) {
      long[] c = NttTest.random(count, count);
      long[] x = NttTest.random(1, 100 + count);
      long[] got = new long[L];
      Univariate.evaluate(got, 0, c, 0, count, x, 0);
      BigInteger xb = Fr.toBigInteger(x, 0);
      BigInteger expect = BigInteger.ZERO;
      for (int i = 0; i < count; i++) {
        expect = expect.add(Fr.toBigInteger(c, i * L).multiply(xb.modPow(BigInteger.valueOf(i), Fr.MODULUS)));
      }
      assertEquals(expect.mod(Fr.MODULUS), Fr.toBigInteger(got, 0), "count " + count);
    }
  }

  @Test
  void interpolationFromValuesAtZeroToDRecoversTheCoefficients() {
    for (int count = 0; count <= 12; count++) {
      long[] c = NttTest.random(count, 50 + count);
      long[] values = new long[count * L];
      long[] t = new long[L];
      for (int i = 0; i < count; i++) {
        Fr.fromLong(t, 0, i);
        Univariate.evaluate(values, i * L, c, 0, count, t, 0);
      }
      assertArrayEquals(c, Univariate.coefficientsFromEvaluations(values, 0, count), "count " + count);
    }
  }

  @Test
  void roundPolynomialOfASumcheckProductInterpolatesAndSumsToTheClaim() {
    // s(t) from Multilinear.roundEvaluations, degree 2: s(0) + s(1) = claim = c_0 + (c_0 + c_1 + c_2)
    long[][] factors = {NttTest.random(16, 1), NttTest.random(16, 2)};
    long[] evals = Multilinear.roundEvaluations(factors, 4, 2);
    long[] coeffs = Univariate.coefficientsFromEvaluations(evals, 0, 3);
    long[] claim = new long[L];
    Multilinear.innerProduct(claim, 0, factors[0], 0, factors[1], 0, 16);
    long[] s0 = new long[L];
    long[] s1 = new long[L];
    long[] one = new long[L];
    Fr.setOne(one, 0);
    Univariate.evaluate(s0, 0, coeffs, 0, 3, new long[L], 0);
    Univariate.evaluate(s1, 0, coeffs, 0, 3, one, 0);
    Fr.add(s0, 0, s0, 0, s1, 0);
    assertTrue(Fr.equal(claim, 0, s0, 0));
  }
}
