package org.besuzkml.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.besuzkml.field.Fr;
import org.besuzkml.lookup.LeafLayout;
import org.besuzkml.lookup.LogUpProver;
import org.besuzkml.lookup.LogUpVerifier;
import org.besuzkml.lookup.LookupColumn;
import org.besuzkml.lookup.LookupInstance;
import org.besuzkml.lookup.Multiplicities;
import org.besuzkml.lookup.Table;
import org.besuzkml.sumcheck.ProductInstance;
import org.besuzkml.sumcheck.SumcheckProver;
import org.besuzkml.transcript.Transcript;
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
 * Sumcheck and lookup proving: the product sumcheck {@code sum_x f(x) g(x)} over 2^logN entries
 * (prove only, including the claim pass), and the whole logUp-GKR argument for 2^16 lookups into
 * R_16 (prove, and verify of that proof).
 *
 * <p>Run: {@code mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * && java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.openjdk.jmh.Main SumcheckBench
 * -f 1 -wi 2 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SumcheckBench {
  @Param({"16", "20"})
  public int logN;

  private long[] f;
  private long[] g;
  private LeafLayout layout;
  private List<LookupColumn[]> columns;
  private long[][] multiplicities;
  private LogUpProver.Result lookupProof;

  @Setup(Level.Trial)
  public void setup() {
    SplittableRandom rnd = new SplittableRandom(1);
    f = new long[Fr.LIMBS << logN];
    g = new long[Fr.LIMBS << logN];
    for (int i = 0; i < (1 << logN); i++) {
      Fr.random(f, i * Fr.LIMBS, rnd);
      Fr.random(g, i * Fr.LIMBS, rnd);
    }
    long[] values = new long[1 << 16];
    for (int i = 0; i < values.length; i++) {
      values[i] = rnd.nextInt(1 << 16);
    }
    layout = LeafLayout.of(List.of(Table.range(16)), List.of(LookupInstance.plain(0, 1 << 16, 1))).value();
    columns = List.<LookupColumn[]>of(new LookupColumn[] {LookupColumn.ofLongs(values)});
    multiplicities = Multiplicities.compute(layout, columns, true);
    lookupProof = LogUpProver.prove(layout, columns, multiplicities, Transcript.v1());
  }

  @Benchmark
  public Object productSumcheckProve() {
    return SumcheckProver.prove(new ProductInstance(logN, f, g), Transcript.v1());
  }

  /** 2^16 lookups into a 2^16-row table (independent of logN; run with -p logN=16). */
  @Benchmark
  public Object logUpProve2pow16() {
    return LogUpProver.prove(layout, columns, multiplicities, Transcript.v1());
  }

  @Benchmark
  public Object logUpVerify2pow16() {
    return LogUpVerifier.verify(layout, lookupProof.proof(), Transcript.v1());
  }
}
