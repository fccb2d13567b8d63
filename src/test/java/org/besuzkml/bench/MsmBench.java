package org.besuzkml.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.besuzkml.msm.Msm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * G1 MSM over 2^logN bases (all cores): full random Fr scalars, 16-bit signed scalars through
 * msmSmall, and the same 16-bit values stored as Fr elements (automatic width detection).
 *
 * <p>Run: {@code mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * && java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.openjdk.jmh.Main MsmBench
 * -f 1 -wi 2 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MsmBench {
  @Param({"16"})
  public int logN;

  private int n;
  private long[] bases;
  private long[] fullScalars;
  private long[] smallScalars;
  private long[] smallAsFr;

  @Setup
  public void setup() {
    n = 1 << logN;
    SplittableRandom rnd = new SplittableRandom(42);
    // bases P, P+Q, P+2Q, ...: one addition each instead of one scalar multiplication each
    long[] k = new long[4];
    long[] p = new long[G1.JACOBIAN], q = new long[G1.JACOBIAN];
    Fr.random(k, 0, rnd);
    G1.mulFr(p, 0, G1.generatorJacobian(), 0, k, 0);
    Fr.random(k, 0, rnd);
    G1.mulFr(q, 0, G1.generatorJacobian(), 0, k, 0);
    long[] jac = new long[n * G1.JACOBIAN];
    long[] s = new long[G1.SCRATCH];
    for (int i = 0; i < n; i++) {
      G1.copy(jac, i * G1.JACOBIAN, p, 0);
      G1.add(p, 0, p, 0, q, 0, s);
    }
    bases = new long[n * G1.AFFINE];
    G1.batchToAffine(jac, 0, bases, 0, n);
    fullScalars = new long[n * 4];
    smallScalars = new long[n];
    smallAsFr = new long[n * 4];
    for (int i = 0; i < n; i++) {
      Fr.random(fullScalars, i * 4, rnd);
      smallScalars[i] = rnd.nextLong(-(1L << 15), 1L << 15);
      Fr.fromLong(smallAsFr, i * 4, smallScalars[i]);
    }
  }

  @Benchmark
  public long[] fullScalars() {
    return Msm.msm(bases, 0, fullScalars, n);
  }

  @Benchmark
  public long[] small16Signed() {
    return Msm.msmSmall(bases, smallScalars, n);
  }

  @Benchmark
  public long[] small16AsFr() {
    return Msm.msm(bases, 0, smallAsFr, n);
  }
}
