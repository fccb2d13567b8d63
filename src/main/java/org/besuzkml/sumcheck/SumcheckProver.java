package org.besuzkml.sumcheck;

import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.poly.Univariate;
import org.besuzkml.transcript.Transcript;

/**
 * The prover's driver for sumcheck (4.1) and batched sumcheck (4.2), with the transcript schedule
 * of section 8: per round {@code ABS("sc/poly", c_0, c_2..c_d); r = CH("sc/r")}; batched runs draw
 * {@code lambda = CH("sc/batch")} first. Input claims must already be in the transcript (the caller
 * states or derives them); final values are stated by the caller after the run, from
 * {@link SumcheckInstance#finalValues()}.
 */
public final class SumcheckProver {
  private SumcheckProver() {}

  static final String POLY = "sc/poly";
  static final String R = "sc/r";
  static final String BATCH = "sc/batch";

  private static final int L = Fr.LIMBS;

  /**
   * The result of a prover run.
   *
   * @param proof the round messages
   * @param point the challenges r_1..r_K (flat); for a batched run instance i's point is its suffix
   */
  public record Proved(SumcheckProof proof, long[] point) {
    /** The last numVars coordinates of the point: where an instance of numVars variables ended. */
    public long[] suffix(int numVars) {
      int k = point.length / L;
      long[] out = new long[numVars * L];
      System.arraycopy(point, (k - numVars) * L, out, 0, numVars * L);
      return out;
    }
  }

  /** SC(k, d) for one instance. */
  public static Proved prove(SumcheckInstance instance, Transcript transcript) {
    int k = instance.numVars();
    int d = instance.degree();
    checkShape(k, d);
    long[] compressed = new long[k * d * L];
    long[] point = new long[k * L];
    for (int i = 0; i < k; i++) {
      long[] coeffs = Univariate.coefficientsFromEvaluations(instance.roundEvaluations(), 0, d + 1);
      int off = SumcheckProof.roundOffset(i, d);
      compress(coeffs, d, compressed, off);
      transcript.absorbFrs(POLY, compressed, off, d);
      transcript.challengeFr(R, point, i * L);
      instance.bind(point, i * L);
    }
    return new Proved(SumcheckProof.of(k, d, compressed), point);
  }

  /**
   * SCB(K, D) for instances of possibly different sizes and degrees: {@code lambda = CH("sc/batch")},
   * combined claim {@code sum_i lambda^(i-1) 2^(K - k_i) claim_i}, instance i dormant (a constant
   * {@code 2^(K - k_i - j) claim_i} in round j) for the first {@code K - k_i} rounds.
   */
  public static Proved proveBatched(List<? extends SumcheckInstance> instances, Transcript transcript) {
    int b = instances.size();
    if (b == 0) {
      throw new IllegalArgumentException("no instances");
    }
    int kMax = 0;
    int dMax = 1;
    for (SumcheckInstance inst : instances) {
      kMax = Math.max(kMax, inst.numVars());
      dMax = Math.max(dMax, inst.degree());
    }
    checkShape(kMax, dMax);
    long[] lambda = transcript.challengeFr(BATCH);
    long[] weights = powers(lambda, b);
    // only dormant instances need their claims (instances active from round 1 get them for free)
    long[] claims = new long[b * L];
    for (int i = 0; i < b; i++) {
      if (instances.get(i).numVars() < kMax) {
        Fr.copy(claims, i * L, instances.get(i).claim(), 0);
      }
    }
    long[] compressed = new long[kMax * dMax * L];
    long[] point = new long[kMax * L];
    long[] combined = new long[(dMax + 1) * L];
    for (int round = 0; round < kMax; round++) {
      combinedRound(instances, weights, claims, kMax, round, combined);
      int off = SumcheckProof.roundOffset(round, dMax);
      compress(combined, dMax, compressed, off);
      transcript.absorbFrs(POLY, compressed, off, dMax);
      transcript.challengeFr(R, point, round * L);
      bindActive(instances, kMax, round, point);
    }
    return new Proved(SumcheckProof.of(kMax, dMax, compressed), point);
  }

  /**
   * The combined round polynomial of a batched run, as coefficients into {@code combined} (its
   * length fixes the highest degree): {@code sum_i w_i s_i}, a dormant instance's term being the
   * constant {@code 2^(K - k_i - j) claim_i} in round j = round + 1.
   */
  static void combinedRound(List<? extends SumcheckInstance> instances, long[] weights, long[] claims, int kMax,
      int round, long[] combined) {
    java.util.Arrays.fill(combined, 0);
    long[] t = new long[L];
    for (int i = 0; i < instances.size(); i++) {
      SumcheckInstance inst = instances.get(i);
      int dormant = kMax - inst.numVars();
      if (round < dormant) {
        scaleByPowerOfTwo(t, claims, i * L, dormant - round - 1);
        Fr.mul(t, 0, t, 0, weights, i * L);
        Fr.add(combined, 0, combined, 0, t, 0);
      } else {
        int d = inst.degree();
        long[] coeffs = Univariate.coefficientsFromEvaluations(inst.roundEvaluations(), 0, d + 1);
        for (int c = 0; c <= d; c++) {
          Fr.mul(t, 0, coeffs, c * L, weights, i * L);
          Fr.add(combined, c * L, combined, c * L, t, 0);
        }
      }
    }
  }

  /** Binds every instance active in this round to the round's challenge. */
  static void bindActive(List<? extends SumcheckInstance> instances, int kMax, int round, long[] point) {
    for (SumcheckInstance inst : instances) {
      if (round >= kMax - inst.numVars()) {
        inst.bind(point, round * L);
      }
    }
  }

  /** (c_0, c_2, ..., c_d) from the d+1 coefficients. */
  static void compress(long[] coeffs, int d, long[] dst, int off) {
    Fr.copy(dst, off, coeffs, 0);
    for (int c = 2; c <= d; c++) {
      Fr.copy(dst, off + (c - 1) * L, coeffs, c * L);
    }
  }

  static long[] powers(long[] x, int n) {
    long[] out = new long[n * L];
    Fr.setOne(out, 0);
    for (int i = 1; i < n; i++) {
      Fr.mul(out, i * L, out, (i - 1) * L, x, 0);
    }
    return out;
  }

  /** out = 2^e * a (e small: repeated doubling, no table). */
  static void scaleByPowerOfTwo(long[] out, long[] a, int aOff, int e) {
    Fr.copy(out, 0, a, aOff);
    for (int i = 0; i < e; i++) {
      Fr.dbl(out, 0, out, 0);
    }
  }

  static void checkShape(int k, int d) {
    if (!SumcheckProof.validShape(k, d)) {
      throw new IllegalArgumentException("sumcheck shape out of range: k " + k + ", d " + d);
    }
  }
}
