package org.besuzkml.msm;

import org.besuzkml.curve.G1;

/**
 * Scratch timing (not a test): tiny MSMs, {@link Msm#msm}'s choice against one scalar
 * multiplication per point and against Straus's interleaving forced.
 */
public final class SmallNSweep {
  public static void main(String[] args) {
    for (int n : new int[] {2, 4, 8, 16, 24, 32, 48, 64, 96, 128, 256}) {
      long[] b = MsmTest.bases(n, n);
      long[] k = MsmTest.randomScalars(n, n + 1);
      double best = 1e18, bestNaive = 1e18, bestStraus = 1e18;
      long[] mag = new long[n * 4];
      boolean[] neg = new boolean[n];
      for (int i = 0; i < n; i++) {
        org.besuzkml.field.Fr.fromMontgomery(mag, i * 4, k, i * 4);
      }
      for (int rep = 0; rep < 200; rep++) {
        long t0 = System.nanoTime();
        Msm.msm(b, 0, k, n);
        long t1 = System.nanoTime();
        MsmTest.naive(b, 0, k, n);
        long t2 = System.nanoTime();
        org.besuzkml.curve.Straus.msm(b, 0, mag, 4, neg, n);
        long t3 = System.nanoTime();
        bestStraus = Math.min(bestStraus, t3 - t2);
        best = Math.min(best, t1 - t0);
        bestNaive = Math.min(bestNaive, t2 - t1);
      }
      System.out.printf("n=%d msm %.0f us, naive %.0f us, straus %.0f us, naivePays=%b%n", n, best / 1e3,
          bestNaive / 1e3, bestStraus / 1e3,
          Msm.naivePays(n, 253, 1));
    }
  }
}
