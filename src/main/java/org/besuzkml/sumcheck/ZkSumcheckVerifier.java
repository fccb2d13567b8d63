package org.besuzkml.sumcheck;

import org.besuzkml.field.Fr;
import org.besuzkml.mask.MaskCursor;
import org.besuzkml.mask.MaskForm;
import org.besuzkml.transcript.Transcript;

/**
 * The verifier of a masked sumcheck (zk-design 3, 4.3 R3). The rounds are checked exactly as in
 * {@link SumcheckVerifier}, with a degree per round fixed by the vk; the run takes its
 * {@code sum D_t} mask coefficients from the cursor and returns, beside the sub-claim, the form
 * {@code w_g(r) + 2^(-k) omega}: the mask's value at the point plus the input claim's hidden offset
 * {@code omega}, spread over the summand's {@code 2^k} points. Never accepts on its own, never throws.
 * Work: O(sum D_t) field operations, plus the offset's terms.
 */
public final class ZkSumcheckVerifier {
  private ZkSumcheckVerifier() {}

  private static final int L = Fr.LIMBS;

  /** Reads a masked SC(k, D_1..D_k) from the cursor, then verifies it. */
  public static Checked<Masked<SubClaim>> verify(long[] claim, int[] degrees, MaskForm offset, FieldReader in,
      MaskCursor cursor, Transcript transcript) {
    if (in == null) {
      return Checked.rejected("masked sumcheck: missing input");
    }
    Checked<SumcheckProof> p = SumcheckProof.read(in, degrees);
    return p.isOk() ? verify(claim, degrees, offset, p.value(), cursor, transcript) : p.rethrow("masked sumcheck");
  }

  /**
   * A masked SC(k, D_1..D_k) on {@code claim = sum f + <offset, Lambda>}: the sub-claim
   * {@code f(r) = final - <mask, Lambda>}, or a rejection if the proof has another shape or the mask
   * column has no room for the run's coefficients.
   */
  public static Checked<Masked<SubClaim>> verify(long[] claim, int[] degrees, MaskForm offset, SumcheckProof proof,
      MaskCursor cursor, Transcript transcript) {
    if (claim == null || claim.length != L || offset == null || proof == null || cursor == null
        || transcript == null) {
      return Checked.rejected("masked sumcheck: missing input");
    }
    if (!SumcheckProof.validDegrees(degrees)) {
      return Checked.rejected("masked sumcheck: degree list out of range");
    }
    if (!proof.hasDegrees(degrees)) {
      return Checked.rejected("masked sumcheck: proof's round degrees differ from the vk's");
    }
    int first = cursor.take(SumcheckProof.elements(degrees));
    if (first < 0) {
      return Checked.rejected("masked sumcheck: mask column overrun");
    }
    int k = degrees.length;
    long[] point = new long[k * L];
    long[] value = SumcheckVerifier.runRounds(claim, proof, transcript, point);
    MaskForm mask = ZkSumcheck.maskAt(point, degrees, first);
    mask.addScaled(offset, ZkSumcheck.inversePowerOfTwo(k), 0);
    return Checked.ok(new Masked<>(new SubClaim(point, value, k), mask));
  }

  /**
   * The per-round degrees of a masked SCB whose instances have these degree lists (instance i active in
   * the last k_i rounds, each round the largest degree active in it), or null if a list is out of range.
   */
  public static int[] combinedDegrees(int[][] degrees) {
    int[] d = ZkSumcheck.combinedDegrees(degrees);
    return d == null ? null : d.clone();
  }

  /** Reads a masked SCB from the cursor (degrees per round from {@link ZkSumcheck#combinedDegrees}), then verifies. */
  public static Checked<Masked<BatchedSubClaim>> verifyBatched(long[] claims, int[][] degrees, MaskForm[] offsets,
      FieldReader in, MaskCursor cursor, Transcript transcript) {
    int[] combined = ZkSumcheck.combinedDegrees(degrees);
    if (combined == null || in == null) {
      return Checked.rejected("masked batched sumcheck: instance degree lists out of range");
    }
    Checked<SumcheckProof> p = SumcheckProof.read(in, combined);
    return p.isOk() ? verifyBatched(claims, degrees, offsets, p.value(), cursor, transcript)
        : p.rethrow("masked batched sumcheck");
  }

  /**
   * Masked SCB: instance i has claim {@code claims[i] = sum f_i + <offsets[i], Lambda>} and the degree
   * list {@code degrees[i]} (its length is k_i). As in 4.2, {@code lambda = CH("sc/batch")} combines
   * the claims with weights {@code lambda^(i-1) 2^(K - k_i)}; one mask covers the K rounds, whose
   * degrees are the largest of the instances active in each. The form is
   * {@code w_g(r) + sum_i lambda^(i-1) 2^(-k_i) omega_i}.
   */
  public static Checked<Masked<BatchedSubClaim>> verifyBatched(long[] claims, int[][] degrees, MaskForm[] offsets,
      SumcheckProof proof, MaskCursor cursor, Transcript transcript) {
    int[] combined = ZkSumcheck.combinedDegrees(degrees);
    if (combined == null) {
      return Checked.rejected("masked batched sumcheck: instance degree lists out of range");
    }
    int b = degrees.length;
    if (claims == null || claims.length != b * L || offsets == null || offsets.length != b || proof == null
        || cursor == null || transcript == null) {
      return Checked.rejected("masked batched sumcheck: instance lists disagree");
    }
    for (MaskForm o : offsets) {
      if (o == null) {
        return Checked.rejected("masked batched sumcheck: missing offset");
      }
    }
    if (!proof.hasDegrees(combined)) {
      return Checked.rejected("masked batched sumcheck: proof's round degrees differ from the vk's");
    }
    int first = cursor.take(SumcheckProof.elements(combined));
    if (first < 0) {
      return Checked.rejected("masked batched sumcheck: mask column overrun");
    }
    int kMax = combined.length;
    int[] numVars = new int[b];
    long[] lambda = transcript.challengeFr(SumcheckProver.BATCH);
    long[] weights = SumcheckProver.powers(lambda, b);
    long[] total = new long[L];
    long[] t = new long[L];
    for (int i = 0; i < b; i++) {
      numVars[i] = degrees[i].length;
      SumcheckProver.scaleByPowerOfTwo(t, claims, i * L, kMax - numVars[i]);
      Fr.mul(t, 0, t, 0, weights, i * L);
      Fr.add(total, 0, total, 0, t, 0);
    }
    long[] point = new long[kMax * L];
    long[] value = SumcheckVerifier.runRounds(total, proof, transcript, point);
    MaskForm mask = ZkSumcheck.maskAt(point, combined, first);
    for (int i = 0; i < b; i++) {
      long[] s = ZkSumcheck.inversePowerOfTwo(numVars[i]);
      Fr.mul(s, 0, s, 0, weights, i * L);
      mask.addScaled(offsets[i], s, 0);
    }
    return Checked.ok(new Masked<>(new BatchedSubClaim(point, value, weights, numVars), mask));
  }
}
