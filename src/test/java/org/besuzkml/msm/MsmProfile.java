package org.besuzkml.msm;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.besuzkml.field.Fq;

/**
 * Scratch timing (not a test): single-thread MSM cost in units of one Fq mul, both measured in
 * thread CPU time side by side, so that the figures survive a loaded machine.
 */
public final class MsmProfile {
  static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
  static long[] a = new long[4], b = new long[4];

  static double mulNs() {
    int m = 2_000_000;
    long t = MX.getCurrentThreadCpuTime();
    for (int i = 0; i < m; i++) {
      Fq.mul(a, 0, a, 0, b, 0);
    }
    return (MX.getCurrentThreadCpuTime() - t) / (double) m;
  }

  static double cpuMs(Runnable r) {
    long t = MX.getCurrentThreadCpuTime();
    r.run();
    return (MX.getCurrentThreadCpuTime() - t) / 1e6;
  }

  public static void main(String[] args) {
    int logN = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int n = 1 << logN;
    Fq.fromLong(a, 0, 1234567);
    Fq.fromLong(b, 0, -7654321);
    long[] bases = MsmTest.bases(n, 1);
    long[] k = MsmTest.randomScalars(n, 2);
    long[] small = new long[n];
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
    for (int i = 0; i < n; i++) {
      small[i] = rnd.nextLong(-(1L << 15), 1L << 15);
    }
    System.out.println("window full: " + Msm.chooseWindow(n, 253, 1) + " glv: " + Msm.chooseWindow(2 * n, 128, 1)
        + " small: " + Msm.chooseWindow(n, 16, 1));
    for (int rep = 0; rep < 5; rep++) {
      double m0 = mulNs();
      double plain = cpuMs(() -> Msm.msm(bases, 0, k, n, 1, Msm.GLV_OFF));
      double glv = cpuMs(() -> Msm.msm(bases, 0, k, n, 1, Msm.GLV_ON));
      double sm = cpuMs(() -> Msm.msmSmall(bases, 0, small, 0, n, 1));
      double m1 = mulNs();
      double mul = (m0 + m1) / 2;
      System.out.printf("mul %.1f ns | plain %.0f ms = %.2fM muls | glv %.0f ms = %.2fM | small %.1f ms = %.2fM%n",
          mul, plain, plain * 1e6 / mul / 1e6, glv, glv * 1e6 / mul / 1e6, sm, sm * 1e6 / mul / 1e6);
    }
  }
}
