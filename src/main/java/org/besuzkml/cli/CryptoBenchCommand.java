package org.besuzkml.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.besuzkml.curve.G1;
import org.besuzkml.curve.G2;
import org.besuzkml.field.Fr;
import org.besuzkml.msm.Msm;
import org.besuzkml.pairing.Pairing;
import org.besuzkml.poly.Ntt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zkml bench crypto}: the kernel figures of the crypto core, each the median of several
 * timed runs after warm-up. Inputs are random but seeded, so runs are comparable.
 */
@Command(name = "crypto", mixinStandardHelpOptions = true,
    description = "Pairing, 2-pair check, G1 MSM 2^16 (full and 16-bit scalars), Fr NTT 2^20, Fr mul.")
final class CryptoBenchCommand implements Callable<Integer> {

  @Option(names = "--json", description = "Print one JSON line instead of a table.")
  boolean json;

  @Option(names = "--runs", description = "Timed runs per figure for the slow kernels (default ${DEFAULT-VALUE}).")
  int runs = 7;

  @Override
  public Integer call() throws Exception {
    Integer bad = BenchCommand.checkRuns(runs);
    if (bad != null) {
      return bad;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    SplittableRandom rnd = new SplittableRandom(2026);
    int threads = Runtime.getRuntime().availableProcessors();

    // pairing: P = aG1, Q = bG2
    long[] a = new long[Fr.LIMBS];
    long[] b = new long[Fr.LIMBS];
    Fr.random(a, 0, rnd);
    Fr.random(b, 0, rnd);
    long[] p = new long[G1.AFFINE];
    G1.mulFrAffine(p, 0, G1.generator(), 0, a, 0);
    long[] qJac = new long[G2.JACOBIAN];
    G2.mul(qJac, 0, G2.generator(), 0, Fr.toBigInteger(b, 0));
    long[] q = new long[G2.AFFINE];
    G2.toAffine(q, 0, qJac, 0);
    long[] pNegP = new long[2 * G1.AFFINE];
    System.arraycopy(p, 0, pNegP, 0, G1.AFFINE);
    G1.negAffine(pNegP, G1.AFFINE, p, 0);
    long[] qq = new long[2 * G2.AFFINE];
    System.arraycopy(q, 0, qq, 0, G2.AFFINE);
    System.arraycopy(q, 0, qq, G2.AFFINE, G2.AFFINE);
    out.put("pairing_ms", medianMs(200, Math.max(51, runs), () -> Pairing.pair(p, q)));
    out.put("pairing_check2_ms", medianMs(200, Math.max(51, runs), () -> {
      if (!Pairing.pairingCheck(pNegP, qq, 2)) {
        throw new IllegalStateException("e(P,Q) e(-P,Q) != 1");
      }
    }));

    // MSM over 2^16 bases: consecutive multiples of a random point, then one batch normalization
    int n = 1 << 16;
    long[] bases = randomBases(n, rnd);
    long[] full = new long[n * Fr.LIMBS];
    long[] small = new long[n];
    for (int i = 0; i < n; i++) {
      Fr.random(full, i * Fr.LIMBS, rnd);
      small[i] = rnd.nextInt(1 << 16);
    }
    out.put("msm16_ms", medianMs(2, runs, () -> Msm.msm(bases, 0, full, n)));
    out.put("msm16_small_ms", medianMs(2, runs, () -> Msm.msmSmall(bases, small, n)));

    // NTT of 2^20 (the same input each run: the transform is in place, so copy first, untimed)
    int logN = 20;
    long[] poly = new long[(1 << logN) * Fr.LIMBS];
    for (int i = 0; i < 1 << logN; i++) {
      Fr.random(poly, i * Fr.LIMBS, rnd);
    }
    long[] work = new long[poly.length];
    double[] ntt = new double[runs];
    for (int r = -2; r < runs; r++) {
      System.arraycopy(poly, 0, work, 0, poly.length);
      long t = System.nanoTime();
      Ntt.forward(work, 0, logN);
      if (r >= 0) {
        ntt[r] = (System.nanoTime() - t) / 1e6;
      }
    }
    out.put("ntt20_ms", median(ntt));

    out.put("fr_mul_ns", frMulNs());
    out.put("threads", threads);
    out.put("java", System.getProperty("java.version"));

    if (json) {
      System.out.println(new ObjectMapper().writeValueAsString(out));
    } else {
      System.out.printf("%-20s %12s%n", "figure", "median");
      for (Map.Entry<String, Object> e : out.entrySet()) {
        Object v = e.getValue();
        String s = v instanceof Double d ? String.format("%.3f", d) : String.valueOf(v);
        System.out.printf("%-20s %12s%n", e.getKey(), s);
      }
    }
    return 0;
  }

  private static long[] randomBases(int n, SplittableRandom rnd) {
    long[] k = new long[Fr.LIMBS];
    Fr.random(k, 0, rnd);
    long[] step = new long[G1.AFFINE];
    G1.mulFrAffine(step, 0, G1.generator(), 0, k, 0);
    long[] jac = new long[n * G1.JACOBIAN];
    G1.fromAffine(jac, 0, step, 0);
    for (int i = 1; i < n; i++) {
      G1.addMixed(jac, i * G1.JACOBIAN, jac, (i - 1) * G1.JACOBIAN, step, 0);
    }
    long[] aff = new long[n * G1.AFFINE];
    G1.batchToAffine(jac, 0, aff, 0, n);
    return aff;
  }

  /** Latency of one Montgomery multiplication in a dependent chain. */
  private static double frMulNs() {
    long[] x = new long[Fr.LIMBS];
    long[] y = new long[Fr.LIMBS];
    Fr.fromLong(x, 0, 3);
    Fr.fromLong(y, 0, -5);
    int ops = 5_000_000;
    double[] ns = new double[9];
    for (int r = -3; r < ns.length; r++) {
      long t = System.nanoTime();
      for (int i = 0; i < ops; i++) {
        Fr.mul(x, 0, x, 0, y, 0);
      }
      if (r >= 0) {
        ns[r] = (System.nanoTime() - t) / (double) ops;
      }
    }
    if (Fr.isZero(x, 0)) {
      throw new IllegalStateException("unreachable: keeps the chain alive");
    }
    return median(ns);
  }

  /**
   * Median wall time of {@code runs} calls after a warm-up of at least {@code warmups} calls and at
   * least two seconds, so that the JIT has compiled the whole call tree before anything is timed.
   */
  private static double medianMs(int warmups, int runs, Runnable task) {
    long warmEnd = System.nanoTime() + 2_000_000_000L;
    for (int i = 0; i < warmups || System.nanoTime() < warmEnd; i++) {
      task.run();
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      task.run();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    return median(ms);
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    double v = s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    return Math.round(v * 1000) / 1000.0;
  }
}
