package org.besuzkml.msm;

import org.besuzkml.curve.G1;

/** Scratch timing (not a test): tiny MSMs, bucket paths against one scalar multiplication per point. */
public final class SmallNSweep {
  public static void main(String[] args) {
    for (int n : new int[] {2, 4, 8, 16, 32, 64, 128}) {
      long[] b = MsmTest.bases(n, n);
      long[] k = MsmTest.randomScalars(n, n + 1);
      double best = 1e18, bestNaive = 1e18;
      for (int rep = 0; rep < 200; rep++) {
        long t0 = System.nanoTime();
        Msm.msm(b, 0, k, n);
        long t1 = System.nanoTime();
        MsmTest.naive(b, 0, k, n);
        long t2 = System.nanoTime();
        best = Math.min(best, t1 - t0);
        bestNaive = Math.min(bestNaive, t2 - t1);
      }
      System.out.printf("n=%d msm %.0f us, naive %.0f us, naivePays=%b%n", n, best / 1e3, bestNaive / 1e3,
          Msm.naivePays(n, 253, 1));
    }
  }
}
