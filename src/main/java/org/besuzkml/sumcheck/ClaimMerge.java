package org.besuzkml.sumcheck;

import org.besuzkml.field.Fr;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.transcript.Transcript;

/**
 * ClaimMerge (4.5): c >= 2 pending claims {@code (Y, z_j, v_j)} on one tensor become one.
 * Script: {@code mu = CH("merge/mu")}; SC(m, 2) of
 * {@code sum_j mu^(j-1) v_j = sum_x W(x) Y(x)} with {@code W(x) = sum_j mu^(j-1) eq(z_j, x)};
 * the prover states {@code y = Y~(r)} ({@code ABS("walk/vals", y)}); the verifier checks
 * {@code W(r) y == final} in O(c m) and the result is the single claim {@code (Y, r, y)}, which
 * is itself still a claim for the caller to reduce further. The claims' values must already be in
 * the transcript.
 */
public final class ClaimMerge {
  private ClaimMerge() {}

  public static final String MU = "merge/mu";
  static final String VALS = "walk/vals";
  private static final int L = Fr.LIMBS;

  /**
   * The prover's result: the sumcheck messages, the point r and the stated value y = Y~(r).
   */
  public record Merged(SumcheckProof proof, long[] point, long[] value) {}

  /**
   * @param y the tensor's table (2^m elements)
   * @param m its number of variables
   * @param points the c claim points, m elements each
   */
  public static Merged prove(long[] y, int m, long[][] points, Transcript transcript) {
    if (points == null || points.length < 2) {
      throw new IllegalArgumentException("ClaimMerge needs at least two claims");
    }
    long[] mu = transcript.challengeFr(MU);
    long[] w = weightTable(points, m, mu);
    ProductInstance inst = new ProductInstance(m, w, y);
    SumcheckProver.Proved run = SumcheckProver.prove(inst, transcript);
    long[] finals = inst.finalValues();
    long[] value = new long[L];
    Fr.copy(value, 0, finals, L);
    transcript.absorbFrs(VALS, value, 0, 1);
    return new Merged(run.proof(), run.point(), value);
  }

  /**
   * The verifier: returns the merged claim {@code (r, y)} on Y, or a rejection when the final check
   * {@code W(r) y == final} fails or shapes disagree.
   *
   * @param values the c claimed values v_j (flat)
   * @param statedY the prover's y = Y~(r)
   */
  public static Checked<SubClaim> verify(int m, long[][] points, long[] values, SumcheckProof proof,
      long[] statedY, Transcript transcript) {
    if (points == null || points.length < 2 || points.length > 1 << 16 || values == null
        || values.length != points.length * L || statedY == null || statedY.length != L) {
      return Checked.rejected("merge: bad claim list");
    }
    for (long[] z : points) {
      if (z == null || z.length != m * L) {
        return Checked.rejected("merge: claim point of wrong size");
      }
    }
    long[] mu = transcript.challengeFr(MU);
    long[] weights = SumcheckProver.powers(mu, points.length);
    long[] claim = new long[L];
    long[] t = new long[L];
    for (int j = 0; j < points.length; j++) {
      Fr.mul(t, 0, values, j * L, weights, j * L);
      Fr.add(claim, 0, claim, 0, t, 0);
    }
    Checked<SubClaim> sc = SumcheckVerifier.verify(claim, m, 2, proof, transcript);
    if (!sc.isOk()) {
      return sc.rethrow("merge");
    }
    transcript.absorbFrs(VALS, statedY, 0, 1);
    long[] r = sc.value().point();
    long[] wr = new long[L];
    for (int j = 0; j < points.length; j++) {
      Multilinear.eqEvaluate(t, 0, points[j], 0, r, 0, m);
      Fr.mul(t, 0, t, 0, weights, j * L);
      Fr.add(wr, 0, wr, 0, t, 0);
    }
    Fr.mul(wr, 0, wr, 0, statedY, 0);
    if (!sc.value().holds(wr)) {
      return Checked.rejected("merge: final check W(r) y != final");
    }
    return Checked.ok(new SubClaim(r, statedY.clone(), m));
  }

  /** Reads SC(m, 2) and y from the cursor, then verifies. */
  public static Checked<SubClaim> verify(int m, long[][] points, long[] values, FieldReader in,
      Transcript transcript) {
    Checked<SumcheckProof> p = SumcheckProof.read(in, m, 2);
    if (!p.isOk()) {
      return p.rethrow("merge");
    }
    long[] y = in.read(1);
    if (y == null) {
      return Checked.rejected("merge: " + in.error());
    }
    return verify(m, points, values, p.value(), y, transcript);
  }

  /** W = sum_j mu^(j-1) eq(z_j, .), 2^m elements. */
  public static long[] weightTable(long[][] points, int m, long[] mu) {
    long[] w = new long[L << m];
    long[] scale = new long[L];
    Fr.setOne(scale, 0);
    for (long[] z : points) {
      long[] e = Multilinear.eqTable(z, 0, m, scale, 0);
      for (int i = 0; i < (1 << m); i++) {
        Fr.add(w, i * L, w, i * L, e, i * L);
      }
      Fr.mul(scale, 0, scale, 0, mu, 0);
    }
    return w;
  }
}
