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

  /**
   * 6x+2 in non-adjacent form, least significant digit first: 66 digits, 22 non-zero, so 65
   * doubling and 21 addition lines, plus 2 final lines.
   */
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

  // Per-pair state, PAIR longs each: T (X, Y, Z), Q affine, -Q affine, xP, -yP.
  private static final int T_OFF = 0;
  private static final int Q_OFF = 3 * E;
  private static final int NQ_OFF = 5 * E;
  private static final int XP = 7 * E;
  private static final int NYP = XP + L;
  private static final int PAIR = XP + 2 * L;

  /** Doubling/addition temporaries, then the Fq2 scratch. */
  private static final int STEP_SCRATCH = 10 * E + Fq2.SCRATCH;

  /** Longs of one unevaluated line (A, B, C): its value at P is A*(-yP) + B*xP w + C w^3. */
  private static final int LINE = 3 * E;
  /** Lines per Miller loop (88): one per digit after the first, one per non-zero digit, two final. */
  public static final int LINES;

  static {
    int lines = 2;
    for (int i = LOOP_NAF.length - 2; i >= 0; i--) {
      lines += LOOP_NAF[i] == 0 ? 1 : 2;
    }
    LINES = lines;
  }

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
    checkSizes(g1s, g1o, n);
    if (g2o < 0 || g2s.length - g2o < (long) G2.AFFINE * n) {
      throw new IllegalArgumentException("G2 array shorter than n points");
    }
    core(f, fo, g1s, g1o, g2s, g2o, new long[n][], n); // no prepared lines: all computed
  }

  /**
   * As {@link #run} with every Q given by its {@link #prepare prepared} lines (for G2 points used
   * again and again, such as a verifying key's): the loop then only evaluates and multiplies lines.
   */
  public static void runPrepared(long[] f, int fo, long[] g1s, int g1o, long[][] prepared, int n) {
    checkSizes(g1s, g1o, n);
    if (prepared.length < n) {
      throw new IllegalArgumentException("fewer prepared points than n");
    }
    for (int i = 0; i < n; i++) {
      if (prepared[i] == null || prepared[i].length != 0 && prepared[i].length != LINES * LINE) {
        throw new IllegalArgumentException("not a prepared G2 point");
      }
    }
    core(f, fo, g1s, g1o, null, 0, prepared, n);
  }

  private static void checkSizes(long[] g1s, int g1o, int n) {
    if (n < 0 || g1o < 0 || g1s.length - g1o < 2L * L * n) {
      throw new IllegalArgumentException("G1 array shorter than n points"); // a caller bug, not input
    }
  }

  /**
   * The lines of the Miller loop for one affine G2 point, unevaluated (independent of P): LINES
   * lines of 24 longs; an empty array for infinity (which contributes 1).
   */
  public static long[] prepare(long[] g2s, int g2o) {
    if (G2.isInfinity(g2s, g2o)) {
      return new long[0];
    }
    long[] out = new long[LINES * LINE];
    long[] state = new long[PAIR];
    initState(state, 0, g2s, g2o);
    long[] w = new long[STEP_SCRATCH];
    int line = 0;
    for (int i = LOOP_NAF.length - 2; i >= 0; i--) {
      doublingStep(state, 0, out, line++ * LINE, w, 0);
      if (LOOP_NAF[i] != 0) {
        additionStep(state, 0, state, LOOP_NAF[i] > 0 ? Q_OFF : NQ_OFF, out, line++ * LINE, w, 0);
      }
    }
    long[] q1 = new long[2 * E];
    frobeniusImage(q1, state, 0, w);
    additionStep(state, 0, q1, 0, out, line++ * LINE, w, 0);
    negFrobeniusSquaredImage(q1, state, 0);
    additionStep(state, 0, q1, 0, out, line * LINE, w, 0);
    return out;
  }

  private static void initState(long[] state, int s, long[] g2s, int q) {
    System.arraycopy(g2s, q, state, s + T_OFF, 2 * E);
    Fq2.setOne(state, s + T_OFF + 2 * E);
    System.arraycopy(g2s, q, state, s + Q_OFF, 2 * E);
    G2.negAffine(state, s + NQ_OFF, g2s, q);
  }

  /** Q1 = psi(Q) = (conj(x) g12, conj(y) g13). */
  private static void frobeniusImage(long[] q1, long[] state, int s, long[] w) {
    Fq2.conjugate(q1, 0, state, s + Q_OFF);
    Fq2.mul(q1, 0, q1, 0, G12, 0, w, 0);
    Fq2.conjugate(q1, E, state, s + Q_OFF + E);
    Fq2.mul(q1, E, q1, E, G13, 0, w, 0);
  }

  /** Q2 = -psi^2(Q) = (x g22, -y g23); g22 and g23 lie in Fq. */
  private static void negFrobeniusSquaredImage(long[] q2, long[] state, int s) {
    Fq2.mulByFq(q2, 0, state, s + Q_OFF, G22, 0);
    Fq2.mulByFq(q2, E, state, s + NQ_OFF + E, G23, 0);
  }

  /** The shared loop: pairs with prepared[k] != null read their lines, the others compute them. */
  private static void core(long[] f, int fo, long[] g1s, int g1o, long[] g2s, int g2o, long[][] prepared,
      int n) {
    int live = 0;
    long[] pairs = new long[Math.max(1, n) * PAIR];
    long[][] source = new long[Math.max(1, n)][];
    for (int i = 0; i < n; i++) {
      int p = g1o + i * 2 * L;
      boolean pInf = Fq.isZero(g1s, p) && Fq.isZero(g1s, p + L);
      boolean qInf = prepared[i] == null
          ? G2.isInfinity(g2s, g2o + i * G2.AFFINE)
          : prepared[i].length == 0;
      if (pInf || qInf) {
        continue;
      }
      int s = live * PAIR;
      if (prepared[i] == null) {
        initState(pairs, s, g2s, g2o + i * G2.AFFINE);
      }
      source[live] = prepared[i];
      Fq.copy(pairs, s + XP, g1s, p);
      Fq.neg(pairs, s + NYP, g1s, p + L);
      live++;
    }
    Fq12.setOne(f, fo);
    if (live == 0) {
      return;
    }
    long[] t = new long[Fq12.SCRATCH];
    long[] w = new long[2 * LINE + STEP_SCRATCH];
    int raw = 0, ev = LINE, ws = 2 * LINE;
    int line = 0;
    for (int i = LOOP_NAF.length - 2; i >= 0; i--) {
      if (i != LOOP_NAF.length - 2) {
        Fq12.sqr(f, fo, f, fo, t, 0);
      }
      int digit = LOOP_NAF[i];
      for (int k = 0; k < live; k++) {
        int s = k * PAIR;
        if (source[k] == null) {
          doublingStep(pairs, s, w, raw, w, ws);
          evaluate(w, ev, w, raw, pairs, s);
        } else {
          evaluate(w, ev, source[k], line * LINE, pairs, s);
        }
        Fq12.mulByLine(f, fo, f, fo, w, ev, t, 0);
      }
      line++;
      if (digit != 0) {
        for (int k = 0; k < live; k++) {
          int s = k * PAIR;
          if (source[k] == null) {
            additionStep(pairs, s, pairs, s + (digit > 0 ? Q_OFF : NQ_OFF), w, raw, w, ws);
            evaluate(w, ev, w, raw, pairs, s);
          } else {
            evaluate(w, ev, source[k], line * LINE, pairs, s);
          }
          Fq12.mulByLine(f, fo, f, fo, w, ev, t, 0);
        }
        line++;
      }
    }
    long[] q1 = new long[2 * E];
    for (int k = 0; k < live; k++) {
      int s = k * PAIR;
      for (int last = 0; last < 2; last++) {
        if (source[k] == null) {
          if (last == 0) {
            frobeniusImage(q1, pairs, s, w);
          } else {
            negFrobeniusSquaredImage(q1, pairs, s);
          }
          additionStep(pairs, s, q1, 0, w, raw, w, ws);
          evaluate(w, ev, w, raw, pairs, s);
        } else {
          evaluate(w, ev, source[k], (line + last) * LINE, pairs, s);
        }
        Fq12.mulByLine(f, fo, f, fo, w, ev, t, 0);
      }
    }
  }

  /** Line value at P: (A*(-yP), B*xP, C) from the unevaluated (A, B, C). l must not overlap r. */
  private static void evaluate(long[] r, int ro, long[] l, int lo, long[] pairs, int s) {
    Fq2.mulByFq(r, ro, l, lo, pairs, s + NYP);
    Fq2.mulByFq(r, ro + E, l, lo + E, pairs, s + XP);
    Fq2.copy(r, ro + 2 * E, l, lo + 2 * E);
  }

  /**
   * T = 2T and the tangent line at T, scaled by an Fq2 factor that the final exponentiation
   * removes: l(P) = -2YZ*yP + 3X^2*xP w + (3b'Z^2 - Y^2) w^3, written unevaluated as (2YZ, 3X^2,
   * 3b'Z^2 - Y^2). Formulas of Costello, Lange and Naehrig (homogeneous coordinates, a = 0), as in
   * Aranha et al. 2011.
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
    // line (A, B, C) = (H, 3J, E - B)
    Fq2.copy(l, lo, t, h);
    Fq2.dbl(l, lo + E, t, j);
    Fq2.add(l, lo + E, l, lo + E, t, j);
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
   * T = T + R for affine R = (x2, y2) at (r, ro), and the line through T and R: l(P) = -lambda*yP +
   * theta*xP w + (lambda y2 - theta x2) w^3 (theta = Y - y2 Z, lambda = X - x2 Z; the chord up to
   * the factor -1), written unevaluated as (lambda, theta, lambda y2 - theta x2).
   */
  private static void additionStep(long[] p, int s, long[] r, int ro, long[] l, int lo, long[] t, int to) {
    int x = s + T_OFF, y = x + E, z = y + E;
    int th = to, la = to + E, c = to + 2 * E, d = to + 3 * E, e = to + 4 * E, f = to + 5 * E;
    int g = to + 6 * E, h = to + 7 * E, sc = to + 10 * E;
    Fq2.mul(t, th, r, ro + E, p, z, t, sc);
    Fq2.sub(t, th, p, y, t, th);
    Fq2.mul(t, la, r, ro, p, z, t, sc);
    Fq2.sub(t, la, p, x, t, la);
    // line (A, B, C) = (lambda, theta, lambda y2 - theta x2): the chord times -1, an Fq factor
    Fq2.copy(l, lo, t, la);
    Fq2.copy(l, lo + E, t, th);
    Fq2.mul(t, c, t, th, r, ro, t, sc);
    Fq2.mul(t, d, t, la, r, ro + E, t, sc);
    Fq2.sub(l, lo + 2 * E, t, d, t, c);
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
