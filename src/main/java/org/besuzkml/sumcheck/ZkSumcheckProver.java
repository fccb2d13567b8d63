package org.besuzkml.sumcheck;

import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.MaskCursor;
import org.besuzkml.poly.Univariate;
import org.besuzkml.transcript.Transcript;

/**
 * The prover of a masked sumcheck (zk-design 3.2): it runs the sumcheck of
 * {@code f + g + 2^(-k) o} on the claim {@code sum f + o}, where {@code g} is the zero-sum mask whose
 * coefficients are the run's mask-column entries and {@code o = <omega, Lambda>} is the input
 * claim's hidden offset. Round i sends
 * {@code s_i^f(t) + 2^(k-i) [sum_{t'<i} G_t'(r_t') + G_i(t)] + 2^(-i) o}, with
 * {@code G_t(x) = sum_c a_{t,c} (x^c - 1/2)}: every coefficient it reveals moves with one fresh
 * {@code a_{i,c}}, which is why the message is uniform given everything before it. Prover side:
 * throws on misuse.
 */
public final class ZkSumcheckProver {
  private ZkSumcheckProver() {}

  private static final int L = Fr.LIMBS;

  /** The unmasked summand's rounds: coefficients of s_i^f, then binding the round's variable. */
  private interface Rounds {
    long[] coefficients(int round);

    void bind(long[] point, int round);
  }

  /**
   * A masked SC(k, D_1..D_k) of one instance; {@code offset} is {@code o} (zero for a claim without
   * one), {@code lambda} the whole mask column (flat), and the run's coefficients are the next
   * {@code sum D_t} entries of the cursor. The instance's degree must not exceed any round's.
   */
  public static SumcheckProver.Proved prove(SumcheckInstance instance, int[] degrees, long[] offset, long[] lambda,
      MaskCursor cursor, Transcript transcript) {
    if (!SumcheckProof.validDegrees(degrees) || degrees.length != instance.numVars()) {
      throw new IllegalArgumentException("degree list does not fit the instance");
    }
    int d = instance.degree();
    return run(degrees, new Rounds() {
      @Override
      public long[] coefficients(int round) {
        return Univariate.coefficientsFromEvaluations(instance.roundEvaluations(), 0, d + 1);
      }

      @Override
      public void bind(long[] point, int round) {
        instance.bind(point, round * L);
      }
    }, offset, lambda, take(cursor, degrees), transcript);
  }

  /**
   * A masked SCB: instance i with degree list {@code degrees[i]} (length its numVars) and offset
   * {@code offsets[i]} (flat, one element each). {@code lambda = CH("sc/batch")} first, as unmasked.
   */
  public static SumcheckProver.Proved proveBatched(List<? extends SumcheckInstance> instances, int[][] degrees,
      long[] offsets, long[] lambda, MaskCursor cursor, Transcript transcript) {
    int[] combined = ZkSumcheck.combinedDegrees(degrees);
    int b = instances.size();
    if (combined == null || degrees.length != b || offsets.length != b * L) {
      throw new IllegalArgumentException("degree lists do not fit the instances");
    }
    int kMax = combined.length;
    int dMax = 1;
    for (int i = 0; i < b; i++) {
      if (degrees[i].length != instances.get(i).numVars()) {
        throw new IllegalArgumentException("instance " + i + ": degree list does not fit");
      }
      dMax = Math.max(dMax, instances.get(i).degree());
    }
    long[] batch = transcript.challengeFr(SumcheckProver.BATCH);
    long[] weights = SumcheckProver.powers(batch, b);
    long[] claims = new long[b * L];
    long[] total = new long[L];
    long[] t = new long[L];
    for (int i = 0; i < b; i++) {
      if (instances.get(i).numVars() < kMax) {
        Fr.copy(claims, i * L, instances.get(i).claim(), 0);
      }
      // the combined offset sum_i w_i 2^(K - k_i) o_i
      SumcheckProver.scaleByPowerOfTwo(t, offsets, i * L, kMax - instances.get(i).numVars());
      Fr.mul(t, 0, t, 0, weights, i * L);
      Fr.add(total, 0, total, 0, t, 0);
    }
    int first = take(cursor, combined);
    int width = dMax + 1;
    return run(combined, new Rounds() {
      @Override
      public long[] coefficients(int round) {
        long[] c = new long[width * L];
        SumcheckProver.combinedRound(instances, weights, claims, kMax, round, c);
        return c;
      }

      @Override
      public void bind(long[] point, int round) {
        SumcheckProver.bindActive(instances, kMax, round, point);
      }
    }, total, lambda, first, transcript);
  }

  private static int take(MaskCursor cursor, int[] degrees) {
    int first = cursor.take(SumcheckProof.elements(degrees));
    if (first < 0) {
      throw new IllegalStateException("mask column overrun");
    }
    return first;
  }

  private static SumcheckProver.Proved run(int[] degrees, Rounds f, long[] offset, long[] lambda, int first,
      Transcript transcript) {
    int k = degrees.length;
    long[] compressed = new long[SumcheckProof.elements(degrees) * L];
    long[] point = new long[k * L];
    long[] earlier = new long[L]; // sum_{t' < i} G_t'(r_t')
    long[] offsetShare = offset.clone(); // 2^(-i) o in round i
    long[] t = new long[L];
    long[] pw = new long[L];
    int entry = first;
    int off = 0;
    for (int i = 0; i < k; i++) {
      int d = degrees[i];
      long[] coeffs = new long[(d + 1) * L];
      long[] fc = f.coefficients(i);
      for (int c = 0; c < fc.length / L; c++) {
        if (c <= d) {
          Fr.copy(coeffs, c * L, fc, c * L);
        } else if (!Fr.isZero(fc, c * L)) {
          throw new IllegalStateException("round " + i + " polynomial exceeds degree " + d);
        }
      }
      Fr.mul(offsetShare, 0, offsetShare, 0, ZkSumcheck.HALF, 0);
      Fr.add(coeffs, 0, coeffs, 0, offsetShare, 0);
      // 2^(k-i) [earlier + G_i(X)], with i 1-based: the constant takes earlier - 1/2 sum_c a_{i,c}
      long[] constant = earlier.clone();
      for (int c = 1; c <= d; c++) {
        Fr.mul(t, 0, lambda, (entry + c - 1) * L, ZkSumcheck.HALF, 0);
        Fr.sub(constant, 0, constant, 0, t, 0);
      }
      int remaining = k - 1 - i;
      SumcheckProver.scaleByPowerOfTwo(t, constant, 0, remaining);
      Fr.add(coeffs, 0, coeffs, 0, t, 0);
      for (int c = 1; c <= d; c++) {
        SumcheckProver.scaleByPowerOfTwo(t, lambda, (entry + c - 1) * L, remaining);
        Fr.add(coeffs, c * L, coeffs, c * L, t, 0);
      }
      SumcheckProver.compress(coeffs, d, compressed, off);
      transcript.absorbFrs(SumcheckProver.POLY, compressed, off, d);
      transcript.challengeFr(SumcheckProver.R, point, i * L);
      f.bind(point, i);
      // earlier += G_i(r_i)
      Fr.setOne(pw, 0);
      for (int c = 1; c <= d; c++) {
        Fr.mul(pw, 0, pw, 0, point, i * L);
        Fr.sub(t, 0, pw, 0, ZkSumcheck.HALF, 0);
        Fr.mul(t, 0, t, 0, lambda, (entry + c - 1) * L);
        Fr.add(earlier, 0, earlier, 0, t, 0);
      }
      entry += d;
      off += d * L;
    }
    return new SumcheckProver.Proved(SumcheckProof.ofDegrees(degrees, compressed), point);
  }
}
