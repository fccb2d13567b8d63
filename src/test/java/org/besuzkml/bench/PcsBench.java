package org.besuzkml.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.besuzkml.pcs.HyperKzg;
import org.besuzkml.pcs.HyperKzgProof;
import org.besuzkml.pcs.HyperKzgVerifier;
import org.besuzkml.pcs.HyperKzgVerifierKey;
import org.besuzkml.pcs.PcsResult;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.pcs.srs.Srs;
import org.besuzkml.transcript.Transcript;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * HyperKZG over 2^logN entries (all cores): commit with full random Fr entries and with 16-bit
 * signed entries (small-scalar MSM), open one polynomial, open a batch of 8, verify one and a batch
 * of 32 commitments (the verifier's MSM grows with K + l).
 *
 * <p>Run: {@code mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * && java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.openjdk.jmh.Main PcsBench
 * -f 1 -wi 2 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PcsBench {
  @Param({"16"})
  public int logN;

  private static final int L = Fr.LIMBS;
  private static final int BATCH_OPEN = 8, BATCH_VERIFY = 32;

  private Srs srs;
  private HyperKzgVerifierKey vk;
  private int n;
  private long[] full;
  private long[] small;
  private long[] point;
  private long[][] batch;
  private long[] eta;
  private long[] commitment;
  private HyperKzgProof proof;
  private long[] value;
  private long[] batchCommitments;
  private long[] batchEvals;
  private HyperKzgProof batchProof;

  @Setup
  public void setup() {
    srs = DevSrs.create(logN, 1);
    vk = HyperKzgVerifierKey.of(srs);
    n = 1 << logN;
    SplittableRandom rnd = new SplittableRandom(42);
    full = new long[n * L];
    small = new long[n];
    for (int i = 0; i < n; i++) {
      Fr.random(full, i * L, rnd);
      small[i] = rnd.nextLong(-(1L << 15), 1L << 15);
    }
    point = new long[logN * L];
    for (int i = 0; i < logN; i++) {
      Fr.random(point, i * L, rnd);
    }
    eta = new long[L];
    Fr.random(eta, 0, rnd);
    batch = new long[BATCH_OPEN][];
    for (int k = 0; k < BATCH_OPEN; k++) {
      batch[k] = new long[n * L];
      for (int i = 0; i < n; i++) {
        Fr.fromLong(batch[k], i * L, rnd.nextLong(-(1L << 15), 1L << 15));
      }
    }
    commitment = HyperKzg.commit(srs, full, n);
    HyperKzg.Opening o = HyperKzg.open(srs, full, point, logN, Transcript.v1());
    proof = o.proof();
    value = o.value();
    // a verifier batch of 32 commitments: the 8 batch polynomials repeated (verifier cost only)
    long[][] polys = new long[BATCH_VERIFY][];
    batchCommitments = new long[BATCH_VERIFY * G1.AFFINE];
    batchEvals = new long[BATCH_VERIFY * L];
    long[][] distinct = new long[BATCH_OPEN][];
    for (int k = 0; k < BATCH_OPEN; k++) {
      distinct[k] = HyperKzg.commit(srs, batch[k], n);
    }
    for (int k = 0; k < BATCH_VERIFY; k++) {
      polys[k] = batch[k % BATCH_OPEN];
      System.arraycopy(distinct[k % BATCH_OPEN], 0, batchCommitments, k * G1.AFFINE, G1.AFFINE);
      org.besuzkml.poly.Multilinear.evaluate(batchEvals, k * L, polys[k], 0, logN, point, 0);
    }
    batchProof = HyperKzg.open(srs, polys, eta, point, logN, Transcript.v1()).proof();
    if (!verify().valid() || !verifyBatch32().valid()) {
      throw new IllegalStateException("benchmark setup does not verify");
    }
  }

  @Benchmark
  public long[] commitFull() {
    return HyperKzg.commit(srs, full, n);
  }

  @Benchmark
  public long[] commitSmall16() {
    return HyperKzg.commitSmall(srs, small, n);
  }

  @Benchmark
  public HyperKzg.Opening open() {
    return HyperKzg.open(srs, full, point, logN, Transcript.v1());
  }

  @Benchmark
  public HyperKzg.Opening openBatch8() {
    return HyperKzg.open(srs, batch, eta, point, logN, Transcript.v1());
  }

  @Benchmark
  public PcsResult verify() {
    return HyperKzgVerifier.verify(vk, commitment, value, point, logN, proof, Transcript.v1());
  }

  @Benchmark
  public PcsResult verifyBatch32() {
    return HyperKzgVerifier.verify(vk, batchCommitments, BATCH_VERIFY, batchEvals, eta, point, logN, batchProof,
        Transcript.v1());
  }
}
