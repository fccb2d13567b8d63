package org.besuzkml.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.besuzkml.field.Fr;
import org.besuzkml.poly.Ntt;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Forward NTT over Fr of size 2^logN, in place (the transform of the previous call's output: the
 * cost does not depend on the values). {@code threads = 0} means every core.
 *
 * <p>Run: {@code mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * && java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.openjdk.jmh.Main NttBench
 * -f 1 -wi 2 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NttBench {
  @Param({"16", "18", "20"})
  public int logN;

  @Param({"0"})
  public int threads;

  private long[] data;

  @Setup(Level.Trial)
  public void setup() {
    SplittableRandom rnd = new SplittableRandom(1);
    data = new long[Fr.LIMBS << logN];
    for (int i = 0; i < (1 << logN); i++) {
      Fr.random(data, i * Fr.LIMBS, rnd);
    }
    Ntt.forward(data, 0, logN); // builds the twiddle table outside the measurement
  }

  @Benchmark
  public long[] forward() {
    if (threads == 0) {
      Ntt.forward(data, 0, logN);
    } else {
      Ntt.forward(data, 0, logN, threads);
    }
    return data;
  }
}
