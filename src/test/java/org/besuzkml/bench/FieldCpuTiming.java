package org.besuzkml.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
import org.besuzkml.curve.G1;
import org.besuzkml.curve.G2;
import org.besuzkml.field.Fq;
import org.besuzkml.field.Fr;
import org.besuzkml.pairing.Pairing;

/**
 * Scratch timing (not a test, not JMH) of the field kernels and a pairing in per-thread CPU time,
 * best of 25 after warm-up, as one JSON line: steadier than wall-clock figures on the shared machine
 * (see {@link PairingCpuTiming}). Used by src/bench/compare-jdk.sh to compare JDK 17 with the JDK 21+
 * kernels of the multi-release jar; uses only public API, so it also times older jars. Run:
 * {@code java -cp target/test-classes:target/zkml.jar org.besuzkml.bench.FieldCpuTiming}.
 */
public final class FieldCpuTiming {
  private FieldCpuTiming() {}

  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
  private static final int N = 1 << 8;

  private interface Op {
    void run();
  }

  /** Best CPU time per inner operation, in ns, of reps runs of op (each doing perRun operations). */
  private static double bestNs(Op op, int perRun, int reps) {
    double best = Double.MAX_VALUE;
    for (int rep = 0; rep < reps; rep++) {
      long t0 = MX.getCurrentThreadCpuTime();
      op.run();
      best = Math.min(best, (MX.getCurrentThreadCpuTime() - t0) / (double) perRun);
    }
    return best;
  }

  static long sink;

  public static void main(String[] args) {
    SplittableRandom rnd = new SplittableRandom(7);
    long[] qx = new long[4], qy = new long[4], rx = new long[4], ry = new long[4];
    Fq.random(qx, 0, rnd);
    Fq.random(qy, 0, rnd);
    Fr.random(rx, 0, rnd);
    Fr.random(ry, 0, rnd);
    long[] qa = new long[4 * N], qb = new long[4 * N], ra = new long[4 * N], rb = new long[4 * N];
    long[] out = new long[4 * N];
    for (int i = 0; i < N; i++) {
      Fq.random(qa, 4 * i, rnd);
      Fq.random(qb, 4 * i, rnd);
      Fr.random(ra, 4 * i, rnd);
      Fr.random(rb, 4 * i, rnd);
    }
    int chain = 1 << 14;
    Op frMulLat = () -> { for (int i = 0; i < chain; i++) { Fr.mul(rx, 0, rx, 0, ry, 0); } };
    Op frSqrLat = () -> { for (int i = 0; i < chain; i++) { Fr.sqr(rx, 0, rx, 0); } };
    Op fqMulLat = () -> { for (int i = 0; i < chain; i++) { Fq.mul(qx, 0, qx, 0, qy, 0); } };
    Op fqSqrLat = () -> { for (int i = 0; i < chain; i++) { Fq.sqr(qx, 0, qx, 0); } };
    Op frMulThr = () -> {
      for (int k = 0; k < chain / N; k++) {
        for (int i = 0; i < 4 * N; i += 4) { Fr.mul(out, i, ra, i, rb, i); }
      }
    };
    Op fqMulThr = () -> {
      for (int k = 0; k < chain / N; k++) {
        for (int i = 0; i < 4 * N; i += 4) { Fq.mul(out, i, qa, i, qb, i); }
      }
    };
    long[] p = G1.generator();
    long[] q = G2.generator();
    Op pairing = () -> { for (int i = 0; i < 16; i++) { sink += Pairing.pair(p, q)[0]; } };
    Op[] ops = {frMulLat, frSqrLat, fqMulLat, fqSqrLat, frMulThr, fqMulThr, pairing};
    String[] names = {"fr_mul_lat_ns", "fr_sqr_lat_ns", "fq_mul_lat_ns", "fq_sqr_lat_ns", "fr_mul_thr_ns",
        "fq_mul_thr_ns", "pairing_us"};
    for (int w = 0; w < 3; w++) { // warm-up: C2 compiles every kernel
      for (Op op : ops) {
        bestNs(op, 1, 5);
      }
    }
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < ops.length; i++) {
      boolean pair = i == ops.length - 1;
      double v = pair ? bestNs(ops[i], 16, 25) / 1000 : bestNs(ops[i], chain, 25);
      sb.append('"').append(names[i]).append("\":").append(String.format("%.2f", v)).append(',');
    }
    sb.append("\"java\":\"").append(System.getProperty("java.version")).append("\",\"sink\":")
        .append(rx[0] ^ qx[0] ^ out[0] ^ sink & 1).append('}');
    System.out.println(sb);
  }
}
