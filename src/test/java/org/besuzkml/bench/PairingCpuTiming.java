package org.besuzkml.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import org.besuzkml.curve.G1;
import org.besuzkml.curve.G2;
import org.besuzkml.pairing.Pairing;

/**
 * Scratch timing (not a test, not JMH) in per-thread CPU time, best of 15: on the shared machine
 * CPU time ignores the time the thread waits for a core, so it is far steadier than wall-clock
 * figures (A/B runs repeat within about 1%). Run: {@code java -cp target/test-classes:target/classes
 * org.besuzkml.bench.PairingCpuTiming}.
 */
public final class PairingCpuTiming {
  private PairingCpuTiming() {}

  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

  private interface Op {
    void run();
  }

  private static double bestMicros(Op op, int n) {
    double best = Double.MAX_VALUE;
    for (int rep = 0; rep < 15; rep++) {
      long t0 = MX.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        op.run();
      }
      best = Math.min(best, (MX.getCurrentThreadCpuTime() - t0) / (double) n);
    }
    return best / 1000;
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
    long[] f = Pairing.millerLoop(p, q, 1);
    if (!Pairing.pairingCheck(g1s, g2s, 2)) {
      throw new IllegalStateException("timing input is wrong");
    }
    for (int round = 0; round < 4; round++) {
      double miller = bestMicros(() -> Pairing.millerLoop(p, q, 1), 20);
      double finalExp = bestMicros(() -> Pairing.finalExponentiation(f), 20);
      double pairing = bestMicros(() -> Pairing.pair(p, q), 20);
      double check2 = bestMicros(() -> Pairing.pairingCheck(g1s, g2s, 2), 10);
      if (round >= 2) { // the first rounds warm the JIT up
        System.out.printf("cpu us: miller %.0f  final exp %.0f  pairing %.0f  check2 %.0f%n", miller,
            finalExp, pairing, check2);
      }
    }
  }
}
