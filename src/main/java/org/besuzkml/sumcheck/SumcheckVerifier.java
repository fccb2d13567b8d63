package org.besuzkml.sumcheck;

import org.besuzkml.field.Fr;
import org.besuzkml.poly.Univariate;
import org.besuzkml.transcript.Transcript;

/**
 * The verifier of sumcheck (4.1) and batched sumcheck (4.2). It replays the transcript schedule
 * of {@link SumcheckProver}, recovers each round's linear coefficient from the running claim
 * ({@code c_1 = claim - 2 c_0 - c_2 - ... - c_d}, which enforces {@code s(0) + s(1) = claim}),
 * and returns a {@link SubClaim} / {@link BatchedSubClaim} that the caller must still check. It
 * never accepts on its own and never throws: shapes that differ from what the caller (the vk)
 * fixes are rejections. Work: O(k d) field operations.
 */
public final class SumcheckVerifier {
  private SumcheckVerifier() {}

  private static final int L = Fr.LIMBS;

  /** SC(k, d): the sub-claim {@code g(r) = final}, or a rejection if the proof has another shape. */
  public static Checked<SubClaim> verify(long[] claim, int numVars, int degree, SumcheckProof proof,
      Transcript transcript) {
    if (claim == null || claim.length != L || proof == null || transcript == null) {
      return Checked.rejected("sumcheck: missing input");
    }
    if (!SumcheckProof.validShape(numVars, degree)) {
      return Checked.rejected("sumcheck: shape out of range");
    }
    if (proof.rounds() != numVars || !proof.hasUniformDegree(degree)) {
      return Checked.rejected("sumcheck: proof has " + proof.rounds() + " rounds of degree " + proof.degree()
          + ", expected " + numVars + " of degree " + degree);
    }
    long[] point = new long[numVars * L];
    long[] value = runRounds(claim, proof, transcript, point);
    return Checked.ok(new SubClaim(point, value, numVars));
  }

  /** Reads SC(k, d) from the cursor, then verifies it. */
  public static Checked<SubClaim> verify(long[] claim, int numVars, int degree, FieldReader in,
      Transcript transcript) {
    Checked<SumcheckProof> p = SumcheckProof.read(in, numVars, degree);
    return p.isOk() ? verify(claim, numVars, degree, p.value(), transcript) : p.rethrow("sumcheck");
  }

  /**
   * SCB(K, D): instance i has input claim {@code claims[i]} (flat), k_i = numVars[i] variables and
   * degree degrees[i]; the proof must have K = max k_i rounds of degree D = max d_i.
   */
  public static Checked<BatchedSubClaim> verifyBatched(long[] claims, int[] numVars, int[] degrees,
      SumcheckProof proof, Transcript transcript) {
    if (claims == null || numVars == null || degrees == null || proof == null || transcript == null) {
      return Checked.rejected("batched sumcheck: missing input");
    }
    int b = numVars.length;
    if (b == 0 || b > 1 << 16 || degrees.length != b || claims.length != b * L) {
      return Checked.rejected("batched sumcheck: instance lists disagree");
    }
    int kMax = 0;
    int dMax = 1;
    for (int i = 0; i < b; i++) {
      if (!SumcheckProof.validShape(numVars[i], degrees[i])) {
        return Checked.rejected("batched sumcheck: instance " + i + " shape out of range");
      }
      kMax = Math.max(kMax, numVars[i]);
      dMax = Math.max(dMax, degrees[i]);
    }
    if (proof.rounds() != kMax || !proof.hasUniformDegree(dMax)) {
      return Checked.rejected("batched sumcheck: proof has " + proof.rounds() + " rounds of degree "
          + proof.degree() + ", expected " + kMax + " of degree " + dMax);
    }
    long[] lambda = transcript.challengeFr(SumcheckProver.BATCH);
    long[] weights = SumcheckProver.powers(lambda, b);
    long[] combined = new long[L];
    long[] t = new long[L];
    for (int i = 0; i < b; i++) {
      SumcheckProver.scaleByPowerOfTwo(t, claims, i * L, kMax - numVars[i]);
      Fr.mul(t, 0, t, 0, weights, i * L);
      Fr.add(combined, 0, combined, 0, t, 0);
    }
    long[] point = new long[kMax * L];
    long[] value = runRounds(combined, proof, transcript, point);
    return Checked.ok(new BatchedSubClaim(point, value, weights, numVars.clone()));
  }

  /** Reads SCB from the cursor (K = max numVars rounds of degree D = max degrees), then verifies. */
  public static Checked<BatchedSubClaim> verifyBatched(long[] claims, int[] numVars, int[] degrees,
      FieldReader in, Transcript transcript) {
    int kMax = 0;
    int dMax = 1;
    if (numVars == null || degrees == null) {
      return Checked.rejected("batched sumcheck: missing input");
    }
    for (int k : numVars) {
      kMax = Math.max(kMax, k);
    }
    for (int d : degrees) {
      dMax = Math.max(dMax, d);
    }
    Checked<SumcheckProof> p = SumcheckProof.read(in, kMax, dMax);
    return p.isOk() ? verifyBatched(claims, numVars, degrees, p.value(), transcript)
        : p.rethrow("batched sumcheck");
  }

  /**
   * The rounds of 4.1, each of its own degree (a masked sumcheck's list, or d in every round);
   * writes the challenges to point and returns the final claim.
   */
  static long[] runRounds(long[] claim0, SumcheckProof proof, Transcript transcript, long[] point) {
    int k = proof.rounds();
    long[] msg = proof.raw();
    long[] claim = claim0.clone();
    long[] coeffs = new long[(proof.degree() + 1) * L];
    long[] c1 = new long[L];
    int off = 0;
    for (int i = 0; i < k; i++) {
      int d = proof.degree(i);
      // c_1 = claim - 2 c_0 - c_2 - ... - c_d
      Fr.copy(c1, 0, claim, 0);
      Fr.copy(coeffs, 0, msg, off);
      Fr.sub(c1, 0, c1, 0, msg, off);
      Fr.sub(c1, 0, c1, 0, msg, off);
      for (int c = 2; c <= d; c++) {
        Fr.copy(coeffs, c * L, msg, off + (c - 1) * L);
        Fr.sub(c1, 0, c1, 0, msg, off + (c - 1) * L);
      }
      Fr.copy(coeffs, L, c1, 0);
      transcript.absorbFrs(SumcheckProver.POLY, msg, off, d);
      transcript.challengeFr(SumcheckProver.R, point, i * L);
      Univariate.evaluate(claim, 0, coeffs, 0, d + 1, point, i * L);
      off += d * L;
    }
    return claim;
  }
}
