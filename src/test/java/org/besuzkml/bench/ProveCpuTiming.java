package org.besuzkml.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.besuzkml.onnx.InputFile;
import org.besuzkml.proof.ModelFiles;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ProvingKey;

/**
 * Scratch timing (not a test) of whole proofs in process CPU time (all prover threads, GC and JIT;
 * after 3 warm-up proofs), median of N, with the wall-clock median beside it, as one JSON line. On
 * the shared machine wall-clock prove times swing 2-5x with the other jobs; CPU time does not.
 * Used by src/bench/compare-jdk.sh; public API only, so it also times older jars. Run:
 * {@code java -cp target/test-classes:target/zkml.jar org.besuzkml.bench.ProveCpuTiming DIR INPUT.json N}.
 */
public final class ProveCpuTiming {
  private ProveCpuTiming() {}

  public static void main(String[] args) throws Exception {
    ProvingKey pk = ModelFiles.readProvingKey(Path.of(args[0]));
    List<double[]> in = InputFile.read(Path.of(args[1]), pk.compiled().model().graph());
    int n = Integer.parseInt(args[2]);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long[] cpu = new long[n];
    long[] wall = new long[n];
    int size = 0;
    for (int i = -3; i < n; i++) {
      long c0 = os.getProcessCpuTime();
      long w0 = System.nanoTime();
      size = Prover.prove(pk, in).bytes().length;
      if (i >= 0) {
        cpu[i] = os.getProcessCpuTime() - c0;
        wall[i] = System.nanoTime() - w0;
      }
    }
    Arrays.sort(cpu);
    Arrays.sort(wall);
    System.out.printf("{\"prove_cpu_ms\":%.1f,\"prove_wall_ms\":%.1f,\"proof_bytes\":%d}%n",
        cpu[n / 2] / 1e6, wall[n / 2] / 1e6, size);
  }
}
