package org.besuzkml.poly;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.besuzkml.field.Fr;

/**
 * Scratch timing (not a test) for a shared, overloaded machine: CPU time rather than wall time.
 * Prints, per round, the CPU ns of one Fr mul, and the process CPU time and wall time of a forward
 * NTT of 2^k with 1 and with 2 threads. On an idle machine, wall time with 2 threads approaches
 * (CPU time)/2 when the split is balanced.
 */
public final class NttCpuTiming {
  public static void main(String[] args) {
    int k = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    java.lang.management.ThreadMXBean tm = ManagementFactory.getThreadMXBean();
    long[] data = new long[4 << k];
    SplittableRandom rnd = new SplittableRandom(1);
    for (int j = 0; j < (1 << k); j++) {
      Fr.random(data, 4 * j, rnd);
    }
    long[] a = new long[64];
    for (int j = 0; j < 16; j++) {
      Fr.random(a, 4 * j, rnd);
    }
    Ntt.forward(data, 0, k, 2);
    double bfly = (double) (1 << (k - 1)) * k;
    for (int rep = 0; rep < 5; rep++) {
      long c0 = tm.getCurrentThreadCpuTime();
      int m = 4_000_000;
      for (int i = 0; i < m; i++) {
        int x = (i & 7) << 2;
        Fr.mul(a, x, a, x, a, x + 32);
      }
      double mulNs = (tm.getCurrentThreadCpuTime() - c0) / (double) m;
      StringBuilder sb = new StringBuilder(String.format("mul %.1f cpu-ns", mulNs));
      for (int threads : new int[] {1, 2}) {
        long p0 = os.getProcessCpuTime();
        long w0 = System.nanoTime();
        Ntt.forward(data, 0, k, threads);
        long wall = System.nanoTime() - w0;
        long cpu = os.getProcessCpuTime() - p0;
        sb.append(String.format(" | %dT: wall %.0f ms, cpu %.0f ms (%.1f cpu-ns/bfly = %.2f mul)", threads, wall / 1e6,
            cpu / 1e6, cpu / bfly, cpu / bfly / mulNs));
      }
      System.out.println(sb + " " + (a[0] & 1));
    }
  }
}
