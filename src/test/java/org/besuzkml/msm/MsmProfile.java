package org.besuzkml.msm;

import org.besuzkml.field.Fq;

/** Scratch timing (not a test): MSM cost in units of one Fq mul, measured side by side. */
public final class MsmProfile {
  static long[] a = new long[4], b = new long[4];

  static double mulNs() {
    int m = 3_000_000;
    long t = System.nanoTime();
    for (int i = 0; i < m; i++) {
      Fq.mul(a, 0, a, 0, b, 0);
    }
    return (System.nanoTime() - t) / (double) m;
  }

  public static void main(String[] args) {
    int logN = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
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
    System.out.println("window full: " + Msm.chooseWindow(n, 253, threads) + " glv: " + Msm.chooseWindow(2 * n, 128, threads)
        + " pays: " + Msm.glvPays(n, 253, threads) + " small: " + Msm.chooseWindow(n, 16, threads));
    for (int rep = 0; rep < 6; rep++) {
      double m0 = mulNs();
      long t0 = System.nanoTime();
      Msm.msm(bases, 0, k, n, threads, Msm.GLV_OFF);
      long t1 = System.nanoTime();
      double m1 = mulNs();
      long t2 = System.nanoTime();
      Msm.msmSmall(bases, small, n, threads);
      long t3 = System.nanoTime();
      double m2 = mulNs();
      long t4 = System.nanoTime();
      Msm.msm(bases, 0, k, n, threads, Msm.GLV_ON);
      long t5 = System.nanoTime();
      double m3 = mulNs();
      System.out.printf("glv %.1f ms = %.2fM muls%n", (t5 - t4) / 1e6, (t5 - t4) / ((m2 + m3) / 2) / 1e6);
      double full = (t1 - t0) / 1e6, sm = (t3 - t2) / 1e6;
      System.out.printf("mul %.1f ns | full %.1f ms = %.2fM muls | small %.1f ms = %.2fM muls%n", m1, full,
          full * 1e6 / ((m0 + m1) / 2) / 1e6, sm, sm * 1e6 / ((m1 + m2) / 2) / 1e6);
    }
  }
}
