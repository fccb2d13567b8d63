package org.besuzkml.bench;

import org.besuzkml.curve.G1;
import org.besuzkml.curve.G2;
import org.besuzkml.field.Fq;
import org.besuzkml.pairing.Pairing;

/**
 * Scratch timing (not a test, not JMH): best-of-25 averages, which on a shared noisy machine are
 * steadier than JMH means. Run: {@code java -cp target/test-classes:target/classes
 * org.besuzkml.bench.PairingQuickTiming}.
 */
public final class PairingQuickTiming {
  private PairingQuickTiming() {}

  private interface Op {
    void run();
  }

  private static double bestNanos(Op op, int n) {
    double best = Double.MAX_VALUE;
    for (int rep = 0; rep < 25; rep++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        op.run();
      }
      best = Math.min(best, (System.nanoTime() - t0) / (double) n);
    }
    return best;
  }

  public static void main(String[] args) {
    long[] p = G1.generator();
    long[] q = G2.generator();
    long[] g1s = new long[16];
    System.arraycopy(p, 0, g1s, 0, 8);
    G1.negAffine(g1s, 8, p, 0);
    long[] g2s = new long[32];
    System.arraycopy(q, 0, g2s, 0, 16);
    System.arraycopy(q, 0, g2s, 16, 16);
    long[][] prepared = {Pairing.prepare(q), Pairing.prepare(q)};
    long[] f = Pairing.millerLoop(p, q, 1);
    long[] a = new long[4];
    Fq.fromLong(a, 0, 1234567);
    if (!Pairing.pairingCheck(g1s, g2s, 2) || !Pairing.pairingCheckPrepared(g1s, prepared, 2)) {
      throw new IllegalStateException("timing input is wrong");
    }
    for (int round = 0; round < 3; round++) {
      System.out.printf("fq mul %.1f ns | miller %.0f  final exp %.0f  pairing %.0f  check2 %.0f  "
              + "check2 prepared %.0f  G2 subgroup %.0f us%n",
          bestNanos(() -> Fq.mul(a, 0, a, 0, a, 0), 100_000),
          bestNanos(() -> Pairing.millerLoop(p, q, 1), 20) / 1000,
          bestNanos(() -> Pairing.finalExponentiation(f), 20) / 1000,
          bestNanos(() -> Pairing.pair(p, q), 20) / 1000,
          bestNanos(() -> Pairing.pairingCheck(g1s, g2s, 2), 10) / 1000,
          bestNanos(() -> Pairing.pairingCheckPrepared(g1s, prepared, 2), 10) / 1000,
          bestNanos(() -> G2.isInSubgroup(q, 0), 20) / 1000);
    }
  }
}
