package org.besuzkml.msm;

import org.besuzkml.field.Fq;

/** Scratch timing (not a test): single-thread CPU time of the MSM per forced window width. */
public final class WindowSweep {
  public static void main(String[] args) {
    int n = 1 << Integer.parseInt(args[0]);
    int glv = Integer.parseInt(args[1]);
    int from = Integer.parseInt(args[2]), to = Integer.parseInt(args[3]);
    Fq.fromLong(MsmProfile.a, 0, 1234567);
    Fq.fromLong(MsmProfile.b, 0, -7654321);
    long[] bases = MsmTest.bases(n, 1);
    long[] k = MsmTest.randomScalars(n, 2);
    System.out.println("auto c = " + Msm.chooseWindow(glv == Msm.GLV_ON ? 2 * n : n, glv == Msm.GLV_ON ? 127 : 253, 1));
    for (int rep = 0; rep < 3; rep++) {
      StringBuilder sb = new StringBuilder();
      for (int c = from; c <= to; c++) {
        final int cc = c;
        double m0 = MsmProfile.mulNs();
        double ms = MsmProfile.cpuMs(() -> Msm.msm(bases, 0, k, n, 1, glv, cc));
        double m1 = MsmProfile.mulNs();
        sb.append(String.format("c=%d %.0fms %.2fM | ", c, ms, ms * 2e6 / (m0 + m1) / 1e6));
      }
      System.out.println(sb);
    }
  }
}
