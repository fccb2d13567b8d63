package org.besuzkml.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Fq2, Fq6 and Fq12 kernels against BigInteger references and algebraic identities. */
class TowerFieldTest {
  private static final BigInteger Q = Fq.MODULUS;
  private static final Random RND = new Random(20261124);

  // ---------------------------------------------------------------------------------------------
  // Fq2 against complex arithmetic mod q

  private static List<BigInteger[]> fq2Samples() {
    BigInteger[] edges = {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, Q.subtract(BigInteger.ONE),
        Q.shiftRight(1), BigInteger.ONE.shiftLeft(255).mod(Q)};
    List<BigInteger[]> out = new ArrayList<>();
    for (BigInteger x : edges) {
      for (BigInteger y : edges) {
        out.add(new BigInteger[] {x, y});
      }
    }
    for (int i = 0; i < 40; i++) {
      out.add(new BigInteger[] {new BigInteger(260, RND).mod(Q), new BigInteger(260, RND).mod(Q)});
    }
    return out;
  }

  private static void assertFq2(BigInteger re, BigInteger im, long[] a, int ao) {
    assertEquals(re.mod(Q), Fq.toBigInteger(a, ao), "real part");
    assertEquals(im.mod(Q), Fq.toBigInteger(a, ao + 4), "imaginary part");
  }

  @Test
  void fq2MatchesComplexArithmeticModQ() {
    List<BigInteger[]> s = fq2Samples();
    long[] t = new long[Fq2.SCRATCH];
    long[] r = new long[8];
    for (int i = 0; i < s.size(); i++) {
      BigInteger[] x = s.get(i);
      BigInteger[] y = s.get((i * 7 + 3) % s.size());
      long[] a = Fq2.of(x[0], x[1]);
      long[] b = Fq2.of(y[0], y[1]);
      Fq2.mul(r, 0, a, 0, b, 0, t, 0);
      assertFq2(x[0].multiply(y[0]).subtract(x[1].multiply(y[1])), x[0].multiply(y[1]).add(x[1].multiply(y[0])), r, 0);
      Fq2.sqr(r, 0, a, 0, t, 0);
      assertFq2(x[0].multiply(x[0]).subtract(x[1].multiply(x[1])), x[0].multiply(x[1]).shiftLeft(1), r, 0);
      Fq2.add(r, 0, a, 0, b, 0);
      assertFq2(x[0].add(y[0]), x[1].add(y[1]), r, 0);
      Fq2.sub(r, 0, a, 0, b, 0);
      assertFq2(x[0].subtract(y[0]), x[1].subtract(y[1]), r, 0);
      Fq2.mulByNonResidue(r, 0, a, 0, t, 0);
      assertFq2(x[0].multiply(BigInteger.valueOf(9)).subtract(x[1]), x[0].add(x[1].multiply(BigInteger.valueOf(9))), r, 0);
      Fq2.halve(r, 0, a, 0);
      BigInteger half = BigInteger.TWO.modInverse(Q);
      assertFq2(x[0].multiply(half), x[1].multiply(half), r, 0);
      Fq2.conjugate(r, 0, a, 0);
      assertFq2(x[0], x[1].negate(), r, 0);
      Fq2.inv(r, 0, a, 0, t, 0);
      if (x[0].signum() == 0 && x[1].signum() == 0) {
        assertTrue(Fq2.isZero(r, 0), "inverse of zero is zero");
      } else {
        BigInteger n = x[0].multiply(x[0]).add(x[1].multiply(x[1])).modInverse(Q);
        assertFq2(x[0].multiply(n), x[1].negate().multiply(n), r, 0);
      }
    }
  }

  @Test
  void lazyReductionKernelsMatchBigIntegerOnManyRandomAndExtremeInputs() {
    long[] t = new long[Fq2.SCRATCH];
    long[] r = new long[8];
    BigInteger qm1 = Q.subtract(BigInteger.ONE);
    for (int i = 0; i < 3000; i++) {
      // every fourth operand has limbs at the top of the range, where carries of the unreduced sums
      // and of the 512-bit differences are exercised
      BigInteger x0 = i % 4 == 0 ? qm1.subtract(BigInteger.valueOf(i)) : new BigInteger(254, RND).mod(Q);
      BigInteger x1 = i % 8 == 0 ? qm1 : new BigInteger(254, RND).mod(Q);
      BigInteger y0 = i % 3 == 0 ? BigInteger.valueOf(i) : new BigInteger(254, RND).mod(Q);
      BigInteger y1 = i % 5 == 0 ? qm1.subtract(BigInteger.valueOf(i)) : new BigInteger(254, RND).mod(Q);
      long[] a = Fq2.of(x0, x1);
      long[] b = Fq2.of(y0, y1);
      Fq2.mul(r, 0, a, 0, b, 0, t, 0);
      assertFq2(x0.multiply(y0).subtract(x1.multiply(y1)), x0.multiply(y1).add(x1.multiply(y0)), r, 0);
      Fq2.sqr(r, 0, b, 0, t, 0);
      assertFq2(y0.multiply(y0).subtract(y1.multiply(y1)), y0.multiply(y1).shiftLeft(1), r, 0);
      Fq2.mulByNonResidue(r, 0, a, 0, t, 0);
      assertFq2(x0.multiply(BigInteger.valueOf(9)).subtract(x1), x0.add(x1.multiply(BigInteger.valueOf(9))), r, 0);
    }
  }

  @Test
  void fq2KernelsAcceptAliasedOutput() {
    long[] t = new long[Fq2.SCRATCH];
    for (int i = 0; i < 20; i++) {
      long[] a = Fq2.of(new BigInteger(254, RND), new BigInteger(254, RND));
      long[] b = Fq2.of(new BigInteger(254, RND), new BigInteger(254, RND));
      long[] expected = Fq2.mul(a, b);
      long[] x = a.clone();
      Fq2.mul(x, 0, x, 0, b, 0, t, 0);
      assertArrayEquals(expected, x);
      long[] y = b.clone();
      Fq2.mul(y, 0, a, 0, y, 0, t, 0);
      assertArrayEquals(expected, y);
      long[] sq = Fq2.mul(a, a);
      long[] z = a.clone();
      Fq2.sqr(z, 0, z, 0, t, 0);
      assertArrayEquals(sq, z);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Fq6 and Fq12 against the polynomial reference

  private static long[] fq6AsFq12(long[] a6) {
    long[] a = new long[48];
    System.arraycopy(a6, 0, a, 0, 24);
    return a;
  }

  private static long[] randomFq6() {
    long[] a = new long[24];
    for (int i = 0; i < 6; i++) {
      Fq.random(a, 4 * i, RND);
    }
    return a;
  }

  @Test
  void fq6MatchesPolynomialReference() {
    long[] t = new long[Fq6.SCRATCH];
    for (int i = 0; i < 10; i++) {
      long[] a = randomFq6();
      long[] b = randomFq6();
      BigInteger[] ra = Fq12Reference.fromTower(fq6AsFq12(a));
      BigInteger[] rb = Fq12Reference.fromTower(fq6AsFq12(b));
      long[] r = new long[24];
      Fq6.mul(r, 0, a, 0, b, 0, t, 0);
      assertArrayEquals(Fq12Reference.toTower(Fq12Reference.mul(ra, rb)), fq6AsFq12(r), "mul");
      Fq6.sqr(r, 0, a, 0, t, 0);
      assertArrayEquals(Fq12Reference.toTower(Fq12Reference.mul(ra, ra)), fq6AsFq12(r), "sqr");
      // sparse b0 + b1 v equals the full product with b2 = 0
      long[] sparse = b.clone();
      Fq2.setZero(sparse, 16);
      long[] full = new long[24];
      Fq6.mul(full, 0, a, 0, sparse, 0, t, 0);
      Fq6.mulBy01(r, 0, a, 0, sparse, 0, 8, t, 0);
      assertArrayEquals(full, r, "mulBy01");
      // a * a^-1 = 1
      long[] ai = new long[24];
      Fq6.inv(ai, 0, a, 0, t, 0);
      Fq6.mul(r, 0, a, 0, ai, 0, t, 0);
      assertTrue(Fq6.isOne(r, 0), "a * a^-1");
      // multiplication by v is multiplication by the element v
      long[] v = new long[24];
      Fq.setOne(v, 8);
      Fq6.mul(full, 0, a, 0, v, 0, t, 0);
      Fq6.mulByNonResidue(r, 0, a, 0, t, 0);
      assertArrayEquals(full, r, "mul by v");
    }
  }

  @Test
  void fq12MatchesPolynomialReference() {
    long[] t = new long[Fq12.SCRATCH];
    for (int i = 0; i < 8; i++) {
      long[] a = Fq12Reference.random(RND);
      long[] b = Fq12Reference.random(RND);
      BigInteger[] ra = Fq12Reference.fromTower(a);
      BigInteger[] rb = Fq12Reference.fromTower(b);
      assertArrayEquals(a, Fq12Reference.toTower(ra), "reference round trip");
      long[] r = new long[48];
      Fq12.mul(r, 0, a, 0, b, 0, t, 0);
      assertArrayEquals(Fq12Reference.toTower(Fq12Reference.mul(ra, rb)), r, "mul");
      Fq12.sqr(r, 0, a, 0, t, 0);
      assertArrayEquals(Fq12Reference.toTower(Fq12Reference.mul(ra, ra)), r, "sqr");
      long[] x = a.clone();
      Fq12.mul(x, 0, x, 0, x, 0, t, 0);
      assertArrayEquals(r, x, "aliased mul equals sqr");
    }
  }

  @Test
  void fq12InverseIsInverse() {
    long[] t = new long[Fq12.SCRATCH];
    for (int i = 0; i < 8; i++) {
      long[] a = Fq12Reference.random(RND);
      long[] r = new long[48];
      Fq12.inv(r, 0, a, 0, t, 0);
      Fq12.mul(r, 0, r, 0, a, 0, t, 0);
      assertTrue(Fq12.isOne(r, 0));
    }
    long[] zero = new long[48];
    assertTrue(Fq12.isZero(Fq12.inv(zero), 0), "inverse of zero is zero, no exception");
  }

  @Test
  void sparseLineProductEqualsFullProduct() {
    long[] t = new long[Fq12.SCRATCH];
    for (int i = 0; i < 8; i++) {
      long[] a = Fq12Reference.random(RND);
      long[] line = new long[24];
      for (int j = 0; j < 6; j++) {
        Fq.random(line, 4 * j, RND);
      }
      // d0 -> w^0, d1 -> w^1, d3 -> w^3
      long[] full = new long[48];
      Fq2.copy(full, Fq12Reference.coeff(0), line, 0);
      Fq2.copy(full, Fq12Reference.coeff(1), line, 8);
      Fq2.copy(full, Fq12Reference.coeff(3), line, 16);
      long[] expected = Fq12.mul(a, full);
      long[] r = new long[48];
      Fq12.mulByLine(r, 0, a, 0, line, 0, t, 0);
      assertArrayEquals(expected, r);
      Fq12.mulByLine(a, 0, a, 0, line, 0, t, 0);
      assertArrayEquals(expected, a, "aliased");
    }
  }

  @Test
  void frobeniusIsPowerOfQ() {
    long[] a = Fq12Reference.random(RND);
    BigInteger[] ra = Fq12Reference.fromTower(a);
    BigInteger[] rp = ra;
    for (int k = 1; k <= 3; k++) {
      rp = Fq12Reference.pow(rp, Q);
      assertArrayEquals(Fq12Reference.toTower(rp), Fq12.frobenius(a, k), "a^(q^" + k + ")");
    }
    // conjugation is the q^6 power
    long[] f3 = Fq12.frobenius(a, 3);
    assertArrayEquals(Fq12.conjugate(a), Fq12.frobenius(f3, 3));
    for (int i = 0; i < 6; i++) {
      long[] g = Fq12.frobeniusCoefficient(2, i);
      assertTrue(Fq.isZero(g, 4), "gamma_{2," + i + "} lies in Fq");
    }
  }

  @Test
  void cyclotomicSquaringEqualsSquaringOnCyclotomicSubgroup() {
    long[] t = new long[Fq12.SCRATCH];
    for (int i = 0; i < 5; i++) {
      long[] a = Fq12Reference.random(RND);
      // easy part: a^((q^6 - 1)(q^2 + 1)) lies in the cyclotomic subgroup
      long[] c = Fq12.mul(Fq12.conjugate(a), Fq12.inv(a));
      c = Fq12.mul(Fq12.frobenius(c, 2), c);
      long[] expected = Fq12.sqr(c);
      long[] r = new long[48];
      Fq12.cyclotomicSqr(r, 0, c, 0, t, 0);
      assertArrayEquals(expected, r);
      Fq12.cyclotomicSqr(c, 0, c, 0, t, 0);
      assertArrayEquals(expected, c, "aliased");
      // and conjugation inverts there
      assertTrue(Fq12.isOne(Fq12.mul(c, Fq12.conjugate(c)), 0));
      // a generic element is not in the subgroup: the shortcut must differ from squaring
      Fq12.cyclotomicSqr(r, 0, a, 0, t, 0);
      assertFalse(Fq12.equal(r, 0, Fq12.sqr(a), 0));
    }
  }
}
