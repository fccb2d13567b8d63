package org.besuzkml.pairing;

import java.math.BigInteger;

import org.besuzkml.curve.G2;
import org.besuzkml.field.Fq;
import org.besuzkml.field.Fq12;
import org.besuzkml.field.Fq2;

/**
 * The optimal ate Miller loop of BN254 over any number of (P, Q) pairs with one shared accumulator:
 * per bit of 6x+2 one Fq12 squaring for all pairs, then one doubling line (and, on a non-zero
 * digit, one addition line) per pair. T runs in homogeneous projective coordinates on the twist, so
 * the loop has no inversion; lines are evaluated at affine P. See package-info for the math.
 */
public final class MillerLoop {
  private MillerLoop() {}

  private static final int E = Fq2.LONGS;
  private static final int L = Fq.LIMBS;

  /** 6x+2 in non-adjacent form, least significant digit first (66 digits, 22 non-zero). */
  static final byte[] LOOP_NAF = G2.naf(G2.BN_X.multiply(BigInteger.valueOf(6)).add(BigInteger.TWO));

  /** 3b' for the doubling formula. */
  private static final long[] B3 = new long[E];
  /** psi and psi^2 coefficients: gamma_{1,2}, gamma_{1,3}, gamma_{2,2}, gamma_{2,3}. */
  private static final long[] G12 = Fq12.frobeniusCoefficient(1, 2);
  private static final long[] G13 = Fq12.frobeniusCoefficient(1, 3);
  private static final long[] G22 = Fq12.frobeniusCoefficient(2, 2);
  private static final long[] G23 = Fq12.frobeniusCoefficient(2, 3);

  static {
    long[] b = G2.twistB();
    Fq2.dbl(B3, 0, b, 0);
    Fq2.add(B3, 0, B3, 0, b, 0);
  }

  // Per-pair state, PAIR longs each: T (X, Y, Z), Q affine, -Q affine, xP, yP, -xP, -yP.
  private static final int T_OFF = 0;
  private static final int Q_OFF = 3 * E;
  private static final int NQ_OFF = 5 * E;
  private static final int XP = 7 * E;
  private static final int YP = XP + L;
  private static final int NXP = XP + 2 * L;
  private static final int NYP = XP + 3 * L;
  private static final int PAIR = XP + 4 * L;

  /** Doubling/addition temporaries, then the Fq2 scratch. */
  private static final int STEP_SCRATCH = 10 * E + Fq2.SCRATCH;

  /**
   * f = prod_i f_{6x+2,Q_i}(P_i) * l_{T,psi(Q_i)}(P_i) * l_{T',-psi^2(Q_i)}(P_i), written at (f, fo);
   * pairs where either point is infinity (all-zero affine) contribute 1. Points must be on their
   * curves and Q in G2: callers validate first (the precompile does).
   *
   * @param g1s n affine G1 points, 8 longs each, from offset g1o
   * @param g2s n affine G2 points, 16 longs each, from offset g2o
   * @throws IllegalArgumentException when the arrays hold fewer than n points (a programming error;
   *     byte input is sized by the decoders, which never throw)
   */
  public static void run(long[] f, int fo, long[] g1s, int g1o, long[] g2s, int g2o, int n) {
    if (n < 0 || g1o < 0 || g2o < 0 || g1s.length - g1o < 2L * L * n
        || g2s.length - g2o < (long) G2.AFFINE_LONGS * n) {
      throw new IllegalArgumentException("point arrays shorter than n pairs"); // a caller bug, not input
    }
    int live = 0;
    long[] pairs = new long[Math.max(1, n) * PAIR];
    for (int i = 0; i < n; i++) {
      int p = g1o + i * 2 * L;
      int q = g2o + i * G2.AFFINE_LONGS;
      boolean pInf = Fq.isZero(g1s, p) && Fq.isZero(g1s, p + L);
      if (pInf || G2.isInfinity(g2s, q)) {
        continue;
      }
      int s = live * PAIR;
      System.arraycopy(g2s, q, pairs, s + T_OFF, 2 * E);
      Fq2.setOne(pairs, s + T_OFF + 2 * E);
      System.arraycopy(g2s, q, pairs, s + Q_OFF, 2 * E);
      G2.negAffine(pairs, s + NQ_OFF, g2s, q);
      Fq.copy(pairs, s + XP, g1s, p);
      Fq.copy(pairs, s + YP, g1s, p + L);
      Fq.neg(pairs, s + NXP, g1s, p);
      Fq.neg(pairs, s + NYP, g1s, p + L);
      live++;
    }
    Fq12.setOne(f, fo);
    if (live == 0) {
      return;
    }
    long[] t = new long[Fq12.SCRATCH];
    long[] w = new long[3 * E + STEP_SCRATCH];
    int line = 0, ws = 3 * E;
    for (int i = LOOP_NAF.length - 2; i >= 0; i--) {
      if (i != LOOP_NAF.length - 2) {
        Fq12.sqr(f, fo, f, fo, t, 0);
      }
      for (int k = 0; k < live; k++) {
        int s = k * PAIR;
        doublingStep(pairs, s, w, line, w, ws);
        Fq12.mulByLine(f, fo, f, fo, w, line, t, 0);
      }
      int digit = LOOP_NAF[i];
      if (digit != 0) {
        for (int k = 0; k < live; k++) {
          int s = k * PAIR;
          additionStep(pairs, s, pairs, s + (digit > 0 ? Q_OFF : NQ_OFF), w, line, w, ws);
          Fq12.mulByLine(f, fo, f, fo, w, line, t, 0);
        }
      }
    }
    long[] q1 = new long[2 * E];
    for (int k = 0; k < live; k++) {
      int s = k * PAIR;
      // Q1 = psi(Q) = (conj(x) g12, conj(y) g13)
      Fq2.conjugate(q1, 0, pairs, s + Q_OFF);
      Fq2.mul(q1, 0, q1, 0, G12, 0, w, ws);
      Fq2.conjugate(q1, E, pairs, s + Q_OFF + E);
      Fq2.mul(q1, E, q1, E, G13, 0, w, ws);
      additionStep(pairs, s, q1, 0, w, line, w, ws);
      Fq12.mulByLine(f, fo, f, fo, w, line, t, 0);
      // Q2 = -psi^2(Q) = (x g22, -y g23); g22, g23 lie in Fq
      Fq2.mulByFq(q1, 0, pairs, s + Q_OFF, G22, 0);
      Fq2.mulByFq(q1, E, pairs, s + NQ_OFF + E, G23, 0);
      additionStep(pairs, s, q1, 0, w, line, w, ws);
      Fq12.mulByLine(f, fo, f, fo, w, line, t, 0);
    }
  }

  /**
   * T = 2T and the tangent line at T evaluated at P, scaled by an Fq2 factor that the final
   * exponentiation removes: l = -2YZ*yP + 3X^2*xP w + (3b'Z^2 - Y^2) w^3. Formulas of Costello,
   * Lange and Naehrig (homogeneous coordinates, a = 0), as in Aranha et al. 2011.
   */
  private static void doublingStep(long[] p, int s, long[] l, int lo, long[] t, int to) {
    int x = s + T_OFF, y = x + E, z = y + E;
    int a = to, b = to + E, c = to + 2 * E, e = to + 3 * E, f = to + 4 * E, g = to + 5 * E;
    int h = to + 6 * E, j = to + 7 * E, sc = to + 10 * E;
    Fq2.mul(t, a, p, x, p, y, t, sc);
    Fq2.halve(t, a, t, a); // A = XY/2
    Fq2.sqr(t, b, p, y, t, sc); // B = Y^2
    Fq2.sqr(t, c, p, z, t, sc); // C = Z^2
    Fq2.mul(t, e, t, c, B3, 0, t, sc); // E = 3b'C
    Fq2.dbl(t, f, t, e);
    Fq2.add(t, f, t, f, t, e); // F = 3E
    Fq2.add(t, g, t, b, t, f);
    Fq2.halve(t, g, t, g); // G = (B + F)/2
    Fq2.add(t, h, p, y, p, z);
    Fq2.sqr(t, h, t, h, t, sc);
    Fq2.sub(t, h, t, h, t, b);
    Fq2.sub(t, h, t, h, t, c); // H = 2YZ
    Fq2.sqr(t, j, p, x, t, sc); // J = X^2
    // line: d0 = -H yP, d1 = 3J xP, d3 = E - B
    Fq2.mulByFq(l, lo, t, h, p, s + NYP);
    Fq2.dbl(l, lo + E, t, j);
    Fq2.add(l, lo + E, l, lo + E, t, j);
    Fq2.mulByFq(l, lo + E, l, lo + E, p, s + XP);
    Fq2.sub(l, lo + 2 * E, t, e, t, b);
    // X3 = A(B - F); Y3 = G^2 - 3E^2; Z3 = BH
    Fq2.sub(t, c, t, b, t, f);
    Fq2.mul(p, x, t, a, t, c, t, sc);
    Fq2.sqr(t, g, t, g, t, sc);
    Fq2.sqr(t, e, t, e, t, sc);
    Fq2.dbl(t, f, t, e);
    Fq2.add(t, f, t, f, t, e);
    Fq2.sub(p, y, t, g, t, f);
    Fq2.mul(p, z, t, b, t, h, t, sc);
  }

  /**
   * T = T + R for affine R = (x2, y2) at (r, ro), and the line through T and R evaluated at P:
   * l = lambda*yP - theta*xP w + (theta x2 - lambda y2) w^3, theta = Y - y2 Z, lambda = X - x2 Z.
   */
  private static void additionStep(long[] p, int s, long[] r, int ro, long[] l, int lo, long[] t, int to) {
    int x = s + T_OFF, y = x + E, z = y + E;
    int th = to, la = to + E, c = to + 2 * E, d = to + 3 * E, e = to + 4 * E, f = to + 5 * E;
    int g = to + 6 * E, h = to + 7 * E, sc = to + 10 * E;
    Fq2.mul(t, th, r, ro + E, p, z, t, sc);
    Fq2.sub(t, th, p, y, t, th);
    Fq2.mul(t, la, r, ro, p, z, t, sc);
    Fq2.sub(t, la, p, x, t, la);
    // line: d0 = lambda yP, d1 = -theta xP, d3 = theta x2 - lambda y2
    Fq2.mulByFq(l, lo, t, la, p, s + YP);
    Fq2.mulByFq(l, lo + E, t, th, p, s + NXP);
    Fq2.mul(t, c, t, th, r, ro, t, sc);
    Fq2.mul(t, d, t, la, r, ro + E, t, sc);
    Fq2.sub(l, lo + 2 * E, t, c, t, d);
    // C = theta^2, D = lambda^2, E = lambda D, F = Z C, G = X D, H = E + F - 2G
    Fq2.sqr(t, c, t, th, t, sc);
    Fq2.sqr(t, d, t, la, t, sc);
    Fq2.mul(t, e, t, la, t, d, t, sc);
    Fq2.mul(t, f, p, z, t, c, t, sc);
    Fq2.mul(t, g, p, x, t, d, t, sc);
    Fq2.add(t, h, t, e, t, f);
    Fq2.sub(t, h, t, h, t, g);
    Fq2.sub(t, h, t, h, t, g);
    // X3 = lambda H; Y3 = theta(G - H) - Y E; Z3 = Z E
    Fq2.mul(p, x, t, la, t, h, t, sc);
    Fq2.sub(t, g, t, g, t, h);
    Fq2.mul(t, g, t, g, t, th, t, sc);
    Fq2.mul(t, c, p, y, t, e, t, sc);
    Fq2.sub(p, y, t, g, t, c);
    Fq2.mul(p, z, p, z, t, e, t, sc);
  }
}
