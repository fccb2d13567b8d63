package org.besuzkml.pairing;

import org.besuzkml.field.Fq12;

/**
 * The BN254 optimal ate pairing e: G1 x G2 -> GT, and the product check used by Ethereum's 0x08
 * precompile and by KZG verification.
 *
 * <p>Inputs are affine points in the shared layout (G1: 8 longs x, y; G2: 16 longs x, y in Fq2;
 * Montgomery form; infinity = all zeros). They must be on their curves and Q in G2: decode with
 * {@code G2.decode} / the precompile first. Arithmetic never throws on any input.
 */
public final class Pairing {
  private Pairing() {}

  /** e(P, Q) as an Fq12 element (48 longs); 1 when either point is infinity. */
  public static long[] pair(long[] g1Affine, long[] g2Affine) {
    long[] f = new long[Fq12.LONGS];
    MillerLoop.run(f, 0, g1Affine, 0, g2Affine, 0, 1);
    FinalExponentiation.apply(f, 0, f, 0);
    return f;
  }

  /**
   * Whether prod_i e(P_i, Q_i) == 1 for n pairs (P_i at g1s[8i..], Q_i at g2s[16i..]): one shared
   * Miller loop and one final exponentiation. Pairs with an infinity point contribute 1; n = 0 is
   * true.
   */
  public static boolean pairingCheck(long[] g1s, long[] g2s, int n) {
    long[] f = new long[Fq12.LONGS];
    MillerLoop.run(f, 0, g1s, 0, g2s, 0, n);
    if (Fq12.isOne(f, 0)) {
      return true; // no live pair
    }
    FinalExponentiation.apply(f, 0, f, 0);
    return Fq12.isOne(f, 0);
  }

  /**
   * The Miller-loop lines of a G2 point, independent of the G1 side (about 17 KB): worth it for a
   * point paired many times, such as a verifying key's [tau]G2. Infinity gives an empty array.
   */
  public static long[] prepare(long[] g2Affine) {
    return MillerLoop.prepare(g2Affine, 0);
  }

  /** As {@link #pairingCheck} with every G2 point {@link #prepare prepared}. */
  private static long countedMillerLoops;

  /** Miller loops run by {@link #pairingCheckPrepared} while {@code Fr.COUNTING}; tests reset it. */
  public static long countedMillerLoops() {
    return countedMillerLoops;
  }

  public static void resetCounts() {
    countedMillerLoops = 0;
  }

  public static boolean pairingCheckPrepared(long[] g1s, long[][] preparedG2s, int n) {
    if (org.besuzkml.field.Fr.COUNTING) {
      countedMillerLoops += n; // cost tests (protocol.md 10.4)
    }
    long[] f = new long[Fq12.LONGS];
    MillerLoop.runPrepared(f, 0, g1s, 0, preparedG2s, n);
    if (Fq12.isOne(f, 0)) {
      return true;
    }
    FinalExponentiation.apply(f, 0, f, 0);
    return Fq12.isOne(f, 0);
  }

  /** The Miller loop with prepared G2 points (benchmarks, tests). */
  public static long[] millerLoopPrepared(long[] g1s, long[][] preparedG2s, int n) {
    long[] f = new long[Fq12.LONGS];
    MillerLoop.runPrepared(f, 0, g1s, 0, preparedG2s, n);
    return f;
  }

  /** The Miller loop alone (benchmarks, tests). */
  public static long[] millerLoop(long[] g1s, long[] g2s, int n) {
    long[] f = new long[Fq12.LONGS];
    MillerLoop.run(f, 0, g1s, 0, g2s, 0, n);
    return f;
  }

  /** The final exponentiation alone (benchmarks, tests); f must be non-zero. */
  public static long[] finalExponentiation(long[] f) {
    long[] r = new long[Fq12.LONGS];
    FinalExponentiation.apply(r, 0, f, 0);
    return r;
  }
}
