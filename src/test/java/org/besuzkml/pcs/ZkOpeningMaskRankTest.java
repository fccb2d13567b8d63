package org.besuzkml.pcs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.besuzkml.field.Fr;
import org.junit.jupiter.api.Test;

/**
 * zk-design.md 2.4 / 14.1: {@code Phi}, the linear map from a polynomial to what the HyperKZG
 * evaluation argument reveals about it ({@code a_i = P_i(r), b_i = P_i(-r), c_i = P_i(r^2)} for
 * {@code i < l}, and {@code y}), has rank {@code 2l} already on polynomials supported on the sparse
 * set {@code T} of {@link OpeningMask#support}, and never more than {@code 2l} on all of them. So a
 * uniform mask on T makes the revealed values uniform on {@code image(Phi)}.
 *
 * <p>Exact arithmetic over F (BigInteger mod p). A unit vector {@code e_j} folds to a multiple of a
 * unit vector: {@code P_(i+1) = c (u or 1 - u) e_(j >> 1)} by the parity of j, so {@code Phi(e_j)}
 * costs O(l). The fixed certificate points turn the probabilistic rank claim into a proof: one
 * point with a non-zero {@code 2l x 2l} minor shows that minor is a non-zero polynomial in {@code
 * (r, u)}, hence (Schwartz-Zippel) it vanishes with probability at most {@code deg/p} at a random
 * point.
 */
class ZkOpeningMaskRankTest {
  static final BigInteger P = Fr.MODULUS;

  /** Row {@code Phi(e_j)}: (a_0, b_0, c_0, ..., a_(l-1), b_(l-1), c_(l-1), y); u[v] is variable v+1. */
  static BigInteger[] phi(int j, int l, BigInteger r, BigInteger[] u) {
    BigInteger[] row = new BigInteger[3 * l + 1];
    BigInteger c = BigInteger.ONE, negR = P.subtract(r), r2 = r.multiply(r).mod(P);
    int idx = j;
    for (int i = 0; i < l; i++) {
      BigInteger e = BigInteger.valueOf(idx);
      row[3 * i] = c.multiply(r.modPow(e, P)).mod(P);
      row[3 * i + 1] = c.multiply(negR.modPow(e, P)).mod(P);
      row[3 * i + 2] = c.multiply(r2.modPow(e, P)).mod(P);
      BigInteger ui = u[l - 1 - i]; // fold i binds the last remaining variable u_(l-i)
      c = c.multiply((idx & 1) == 1 ? ui : BigInteger.ONE.subtract(ui).mod(P)).mod(P);
      idx >>= 1;
    }
    row[3 * l] = c; // P_l = y
    return row;
  }

  /** Rank over F by Gaussian elimination (rows are copied). */
  static int rank(BigInteger[][] m) {
    int rows = m.length, cols = m[0].length, rank = 0;
    BigInteger[][] a = new BigInteger[rows][];
    for (int i = 0; i < rows; i++) {
      a[i] = m[i].clone();
    }
    for (int col = 0; col < cols && rank < rows; col++) {
      int piv = -1;
      for (int i = rank; i < rows; i++) {
        if (a[i][col].signum() != 0) {
          piv = i;
          break;
        }
      }
      if (piv < 0) {
        continue;
      }
      BigInteger[] t = a[piv];
      a[piv] = a[rank];
      a[rank] = t;
      BigInteger inv = a[rank][col].modInverse(P);
      for (int i = 0; i < rows; i++) {
        if (i != rank && a[i][col].signum() != 0) {
          BigInteger f = a[i][col].multiply(inv).mod(P);
          for (int k = col; k < cols; k++) {
            a[i][k] = a[i][k].subtract(f.multiply(a[rank][k])).mod(P);
          }
        }
      }
      rank++;
    }
    return rank;
  }

  static int rankOn(int[] support, int l, BigInteger r, BigInteger[] u) {
    BigInteger[][] m = new BigInteger[support.length][];
    for (int i = 0; i < support.length; i++) {
      m[i] = phi(support[i], l, r, u);
    }
    return rank(m);
  }

  static BigInteger random(SplittableRandom rnd) {
    return new BigInteger(P.bitLength() + 64, new java.util.Random(rnd.nextLong())).mod(P);
  }

  @Test
  void supportHasTwoLDistinctIndicesBelowTwoToTheL() {
    for (int l = 1; l <= 20; l++) {
      int[] t = OpeningMask.support(l);
      assertEquals(2 * l, t.length);
      assertEquals(2 * l, java.util.Arrays.stream(t).distinct().count());
      for (int j : t) {
        assertEquals(true, j >= 0 && j < (1 << l), "l = " + l + ": " + j);
      }
    }
    assertEquals("[0, 1]", java.util.Arrays.toString(OpeningMask.support(1)));
    assertEquals("[0, 1, 2, 4, 3, 6]", java.util.Arrays.toString(OpeningMask.support(3)));
  }

  @Test
  void rankOnTIsTwoLAtRandomPointsForOneToTwentyVariables() {
    SplittableRandom rnd = new SplittableRandom(2024);
    for (int l = 1; l <= 20; l++) {
      for (int trial = 0; trial < 3; trial++) {
        BigInteger r = random(rnd);
        BigInteger[] u = new BigInteger[l];
        for (int v = 0; v < l; v++) {
          u[v] = random(rnd);
        }
        assertEquals(2 * l, rankOn(OpeningMask.support(l), l, r, u), "l = " + l);
      }
    }
  }

  /**
   * The certificate: at {@code r = 7}, {@code u_v = v + 2} (v = 1..l), the rank on T is exactly
   * {@code 2l} for every l in 1..20, computed exactly over F.
   */
  @Test
  void fixedCertificatePointHasFullRankOnTForEveryL() {
    for (int l = 1; l <= 20; l++) {
      BigInteger[] u = new BigInteger[l];
      for (int v = 0; v < l; v++) {
        u[v] = BigInteger.valueOf(v + 3);
      }
      assertEquals(2 * l, rankOn(OpeningMask.support(l), l, BigInteger.valueOf(7), u), "l = " + l);
    }
  }

  /** The upper bound: on all 2^l unit vectors (so on every polynomial) the rank is also 2l. */
  @Test
  void rankOnEveryPolynomialIsAtMostTwoL() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int l = 1; l <= 9; l++) {
      BigInteger r = random(rnd);
      BigInteger[] u = new BigInteger[l];
      for (int v = 0; v < l; v++) {
        u[v] = random(rnd);
      }
      int[] all = new int[1 << l];
      for (int j = 0; j < all.length; j++) {
        all[j] = j;
      }
      assertEquals(2 * l, rankOn(all, l, r, u), "l = " + l);
    }
  }

  /** The row formula agrees with the prover's own folding and evaluation code. */
  @Test
  void phiMatchesTheProversFolds() {
    int l = 4;
    long[] point = new long[l * 4], r = new long[4], r2 = new long[4];
    BigInteger[] u = new BigInteger[l];
    for (int v = 0; v < l; v++) {
      u[v] = BigInteger.valueOf(11 + 5 * v);
      Fr.fromBigInteger(point, v * 4, u[v]);
    }
    Fr.fromLong(r, 0, 9);
    Fr.sqr(r2, 0, r, 0);
    for (int j : new int[] {0, 1, 6, 11, 15}) {
      long[] e = new long[16 * 4];
      Fr.setOne(e, j * 4);
      long[][] folds = HyperKzg.fold(e, point, l);
      BigInteger[] row = phi(j, l, BigInteger.valueOf(9), u);
      long[] ev = new long[12];
      for (int i = 0; i < l; i++) {
        HyperKzg.evaluateAtPlusMinusAndSquare(folds[i], 16 >> i, r, r2, ev, 0);
        for (int k = 0; k < 3; k++) {
          assertEquals(row[3 * i + k], Fr.toBigInteger(ev, 4 * k), "j = " + j + ", fold " + i + ", " + k);
        }
      }
      assertEquals(row[3 * l], Fr.toBigInteger(folds[l], 0));
    }
  }
}
