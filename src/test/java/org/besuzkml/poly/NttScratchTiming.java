package org.besuzkml.poly;

import java.util.SplittableRandom;
import org.besuzkml.field.Fr;

/** Scratch timing (not a test): ns per butterfly at several sizes next to ns per Fr mul. */
public final class NttScratchTiming {
  public static void main(String[] args) {
    int[] logs = {10, 14, 17, 20};
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    long[][] data = new long[logs.length][];
    SplittableRandom rnd = new SplittableRandom(1);
    for (int i = 0; i < logs.length; i++) {
      data[i] = new long[4 << logs[i]];
      for (int j = 0; j < (1 << logs[i]); j++) {
        Fr.random(data[i], 4 * j, rnd);
      }
    }
    long[] a = new long[64];
    for (int j = 0; j < 16; j++) {
      Fr.random(a, 4 * j, rnd);
    }
    for (int rep = 0; rep < 6; rep++) {
      StringBuilder sb = new StringBuilder();
      long t = System.nanoTime();
      int m = 4_000_000;
      for (int i = 0; i < m; i++) {
        int k = (i & 7) << 2;
        Fr.mul(a, k, a, k, a, k + 32);
      }
      sb.append(String.format("mul(8 indep chains) %.1f ns", (System.nanoTime() - t) / (double) m));
      for (int i = 0; i < logs.length; i++) {
        int k = logs[i];
        int reps = Math.max(1, (1 << 20) / (1 << k) / 4);
        t = System.nanoTime();
        for (int r = 0; r < reps; r++) {
          Ntt.forward(data[i], 0, k, threads);
        }
        double ns = (System.nanoTime() - t) / (double) reps;
        sb.append(String.format(" | 2^%d %.2f ms %.1f ns/bfly", k, ns / 1e6, ns / ((double) (1 << (k - 1)) * k)));
      }
      System.out.println(sb + " " + (a[0] & 1));
    }
  }
}
