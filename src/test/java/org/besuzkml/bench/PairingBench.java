package org.besuzkml.bench;

import java.math.BigInteger;
import java.util.concurrent.TimeUnit;

import org.besuzkml.curve.G1;
import org.besuzkml.curve.G2;
import org.besuzkml.field.Fq;
import org.besuzkml.field.Fq12;
import org.besuzkml.field.Fr;
import org.besuzkml.pairing.Pairing;
import org.besuzkml.precompile.AltBn128;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * BN254 pairing cost, single thread: one pairing, a 2-pair product check, the Miller loop and the
 * final exponentiation alone, the 0x08 precompile and the G2 subgroup check, plus the Fq and Fq12
 * multiplications they are built from.
 *
 * <p>Run: {@code mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * && java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.openjdk.jmh.Main
 * PairingBench -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PairingBench {
  private long[] p;
  private long[] q;
  private long[] g1Pair;
  private long[] g2Pair;
  private long[] millerOut;
  private long[] fqA;
  private long[] fqB;
  private long[] f12A;
  private long[] f12B;
  private long[] f12Out;
  private long[] f12Scratch;
  private byte[] precompileInput;
  private long[][] preparedPair;

  @Setup
  public void setup() {
    long[] k = new long[Fr.LIMBS];
    Fr.fromLong(k, 0, 123456789L);
    p = new long[G1.AFFINE];
    G1.mulFrAffine(p, 0, G1.generator(), 0, k, 0);
    long[] j = new long[G2.JACOBIAN];
    G2.mul(j, 0, G2.generator(), 0, BigInteger.valueOf(987654321L));
    q = new long[G2.AFFINE];
    G2.toAffine(q, 0, j, 0);
    // e(P, Q) * e(-P, Q) = 1
    g1Pair = new long[2 * G1.AFFINE];
    System.arraycopy(p, 0, g1Pair, 0, G1.AFFINE);
    G1.negAffine(g1Pair, G1.AFFINE, p, 0);
    g2Pair = new long[2 * G2.AFFINE];
    System.arraycopy(q, 0, g2Pair, 0, G2.AFFINE);
    System.arraycopy(q, 0, g2Pair, G2.AFFINE, G2.AFFINE);
    if (!Pairing.pairingCheck(g1Pair, g2Pair, 2)) {
      throw new IllegalStateException("benchmark input is wrong");
    }
    millerOut = Pairing.millerLoop(p, q, 1);
    fqA = new long[4];
    fqB = new long[4];
    Fq.fromLong(fqA, 0, 1234567);
    Fq.fromLong(fqB, 0, -7654321);
    f12A = millerOut.clone();
    f12B = Pairing.pair(p, q);
    f12Out = new long[Fq12.LONGS];
    f12Scratch = new long[Fq12.SCRATCH];
    preparedPair = new long[][] {Pairing.prepare(q), Pairing.prepare(q)};
    precompileInput = new byte[2 * 192];
    for (int i = 0; i < 2; i++) {
      G1.encode(precompileInput, 192 * i, g1Pair, i * G1.AFFINE);
      G2.encode(precompileInput, 192 * i + 64, g2Pair, i * G2.AFFINE);
    }
    if (!AltBn128.pairing(precompileInput).isSuccess()) {
      throw new IllegalStateException("precompile input is wrong");
    }
  }

  /** 0x08 with 2 pairs: decoding, two G2 subgroup checks, the product check. */
  @Benchmark
  public Object precompilePairing2() {
    return AltBn128.pairing(precompileInput);
  }

  @Benchmark
  public boolean g2SubgroupCheck() {
    return G2.isInSubgroup(q, 0);
  }

  @Benchmark
  public long[] pairing() {
    return Pairing.pair(p, q);
  }

  @Benchmark
  public boolean pairingCheck2() {
    return Pairing.pairingCheck(g1Pair, g2Pair, 2);
  }

  /** The same 2-pair check with both G2 points prepared (a verifying key's fixed points). */
  @Benchmark
  public boolean pairingCheck2Prepared() {
    return Pairing.pairingCheckPrepared(g1Pair, preparedPair, 2);
  }

  @Benchmark
  public long[] millerLoop() {
    return Pairing.millerLoop(p, q, 1);
  }

  @Benchmark
  public long[] finalExponentiation() {
    return Pairing.finalExponentiation(millerOut);
  }

  /** 100 dependent Fq multiplications (divide by 100 for one). */
  @Benchmark
  public long[] fqMul100() {
    for (int i = 0; i < 100; i++) {
      Fq.mul(fqA, 0, fqA, 0, fqB, 0);
    }
    return fqA;
  }

  @Benchmark
  public long[] fq12Mul() {
    Fq12.mul(f12Out, 0, f12A, 0, f12B, 0, f12Scratch, 0);
    return f12Out;
  }

  @Benchmark
  public long[] fq12CyclotomicSqr() {
    Fq12.cyclotomicSqr(f12Out, 0, f12B, 0, f12Scratch, 0);
    return f12Out;
  }
}
