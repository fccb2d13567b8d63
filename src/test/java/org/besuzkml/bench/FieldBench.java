package org.besuzkml.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.besuzkml.field.Fq;
import org.besuzkml.field.Fr;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fq and Fr kernels in ns per operation, two ways. {@code *Latency}: a dependent chain (each result is
 * the next input), the cost seen by sequential code such as a Miller loop or an exponentiation.
 * {@code *Throughput}: independent operations over a vector of 2^8 elements, the cost seen by MSM,
 * NTT and sumcheck loops, where the CPU overlaps neighbouring operations.
 *
 * <p>Run: {@code mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt &&
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.openjdk.jmh.Main FieldBench -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FieldBench {
  static final int CHAIN = 1 << 10;
  static final int CHAIN_INV = 1 << 4;
  static final int N = 1 << 8;

  long[] fqX = new long[4];
  long[] fqY = new long[4];
  long[] frX = new long[4];
  long[] frY = new long[4];
  long[] fqA = new long[4 * N];
  long[] fqB = new long[4 * N];
  long[] fqOut = new long[4 * N];
  long[] frA = new long[4 * N];
  long[] frB = new long[4 * N];
  long[] frOut = new long[4 * N];

  @Setup
  public void setup() {
    SplittableRandom rnd = new SplittableRandom(7);
    Fq.random(fqX, 0, rnd);
    Fq.random(fqY, 0, rnd);
    Fr.random(frX, 0, rnd);
    Fr.random(frY, 0, rnd);
    for (int i = 0; i < N; i++) {
      Fq.random(fqA, 4 * i, rnd);
      Fq.random(fqB, 4 * i, rnd);
      Fr.random(frA, 4 * i, rnd);
      Fr.random(frB, 4 * i, rnd);
    }
  }

  // ---- Fq latency

  @Benchmark
  @OperationsPerInvocation(CHAIN)
  public long[] fqMulLatency() {
    for (int i = 0; i < CHAIN; i++) {
      Fq.mul(fqX, 0, fqX, 0, fqY, 0);
    }
    return fqX;
  }

  @Benchmark
  @OperationsPerInvocation(CHAIN)
  public long[] fqSqrLatency() {
    for (int i = 0; i < CHAIN; i++) {
      Fq.sqr(fqX, 0, fqX, 0);
    }
    return fqX;
  }

  @Benchmark
  @OperationsPerInvocation(CHAIN)
  public long[] fqAddLatency() {
    for (int i = 0; i < CHAIN; i++) {
      Fq.add(fqX, 0, fqX, 0, fqY, 0);
    }
    return fqX;
  }

  @Benchmark
  @OperationsPerInvocation(CHAIN_INV)
  public long[] fqInvLatency() {
    for (int i = 0; i < CHAIN_INV; i++) {
      Fq.inv(fqX, 0, fqX, 0);
      Fq.add(fqX, 0, fqX, 0, fqY, 0); // x -> (1/x) + y: never reaches 0, never cycles with period 2
    }
    return fqX;
  }

  // ---- Fq throughput

  @Benchmark
  @OperationsPerInvocation(N)
  public long[] fqMulThroughput() {
    for (int i = 0; i < 4 * N; i += 4) {
      Fq.mul(fqOut, i, fqA, i, fqB, i);
    }
    return fqOut;
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long[] fqSqrThroughput() {
    for (int i = 0; i < 4 * N; i += 4) {
      Fq.sqr(fqOut, i, fqA, i);
    }
    return fqOut;
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long[] fqAddThroughput() {
    for (int i = 0; i < 4 * N; i += 4) {
      Fq.add(fqOut, i, fqA, i, fqB, i);
    }
    return fqOut;
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long[] fqInvThroughput() {
    for (int i = 0; i < 4 * N; i += 4) {
      Fq.inv(fqOut, i, fqA, i);
    }
    return fqOut;
  }

  // ---- Fr latency

  @Benchmark
  @OperationsPerInvocation(CHAIN)
  public long[] frMulLatency() {
    for (int i = 0; i < CHAIN; i++) {
      Fr.mul(frX, 0, frX, 0, frY, 0);
    }
    return frX;
  }

  @Benchmark
  @OperationsPerInvocation(CHAIN)
  public long[] frSqrLatency() {
    for (int i = 0; i < CHAIN; i++) {
      Fr.sqr(frX, 0, frX, 0);
    }
    return frX;
  }

  @Benchmark
  @OperationsPerInvocation(CHAIN)
  public long[] frAddLatency() {
    for (int i = 0; i < CHAIN; i++) {
      Fr.add(frX, 0, frX, 0, frY, 0);
    }
    return frX;
  }

  @Benchmark
  @OperationsPerInvocation(CHAIN_INV)
  public long[] frInvLatency() {
    for (int i = 0; i < CHAIN_INV; i++) {
      Fr.inv(frX, 0, frX, 0);
      Fr.add(frX, 0, frX, 0, frY, 0);
    }
    return frX;
  }

  // ---- Fr throughput

  @Benchmark
  @OperationsPerInvocation(N)
  public long[] frMulThroughput() {
    for (int i = 0; i < 4 * N; i += 4) {
      Fr.mul(frOut, i, frA, i, frB, i);
    }
    return frOut;
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long[] frSqrThroughput() {
    for (int i = 0; i < 4 * N; i += 4) {
      Fr.sqr(frOut, i, frA, i);
    }
    return frOut;
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long[] frAddThroughput() {
    for (int i = 0; i < 4 * N; i += 4) {
      Fr.add(frOut, i, frA, i, frB, i);
    }
    return frOut;
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long[] frInvThroughput() {
    for (int i = 0; i < 4 * N; i += 4) {
      Fr.inv(frOut, i, frA, i);
    }
    return frOut;
  }
}
