package org.besuzkml.proof.gadget;

import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.MaskForm;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.ClaimMerge;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.sumcheck.Masked;
import org.besuzkml.sumcheck.ProductInstance;
import org.besuzkml.sumcheck.SubClaim;
import org.besuzkml.transcript.Transcript;

/**
 * ClaimMerge (protocol 4.5) in zero-knowledge mode (zk-design 4.3 R3, 4.6): {@code c >= 2} masked
 * claims {@code (Y, z_j, v_j, omega_j)} on one tensor become one. Version 1's script,
 * {@code mu = CH("merge/mu")} and SC(m) of {@code sum_j mu^(j-1) v_j = sum_x W(x) Y(x)}, runs masked
 * on the offset {@code sum_j mu^(j-1) omega_j} (offsets combine with the values' powers), with Y
 * replaced by its masked extension in the last variable: degrees {@code (2, ..., 2, 3)} (2 in every
 * round when Y is public). Y is stated as {@code Y'(r)} with {@code omega = kappa e_slot}; the check
 * {@code W(r) y = final} becomes R3's Lambda-claim. Y needs a variable.
 */
final class ZkClaimMerge {
  private ZkClaimMerge() {}

  private static final int L = Fr.LIMBS;

  static int[] degrees(int tensor, Circuit c, ZkMasks m) {
    return ZkSumcheckEnd.degrees(c.tensor(tensor).vars(), 2, 1 + ZkSumcheckEnd.factorDegree(tensor, m));
  }

  private static String refusal(int tensor, Circuit c, List<ZkClaim> claims) {
    if (claims.size() < 2 || claims.size() > 1 << 16) {
      return "merge: bad claim list";
    }
    int vars = c.tensor(tensor).vars();
    if (vars == 0) {
      return "merge: no variable to mask";
    }
    for (ZkClaim cl : claims) {
      if (cl == null || cl.tensor() != tensor || cl.point() == null || cl.point().length != vars * L || cl.value() == null
          || cl.value().length != L) {
        return "merge: claim on another tensor or of wrong size";
      }
    }
    return null;
  }

  /** The merged input claim {@code (sum_j mu^(j-1) v_j, sum_j mu^(j-1) omega_j)}; same on both sides. */
  private static ZkClaim combined(int tensor, List<ZkClaim> claims, long[] mu) {
    long[] v = new long[L];
    long[] t = new long[L];
    long[] pow = WalkMath.one();
    MaskForm omega = new MaskForm();
    for (ZkClaim cl : claims) {
      Fr.mul(t, 0, cl.value(), 0, pow, 0);
      Fr.add(v, 0, v, 0, t, 0);
      omega.addScaled(cl.omega(), pow, 0);
      Fr.mul(pow, 0, pow, 0, mu, 0);
    }
    return new ZkClaim(tensor, null, v, omega);
  }

  /** {@code W(r) y}, {@code W(r) = sum_j mu^(j-1) eq(z_j, r)}: version 1's final value. */
  private static long[] expected(List<ZkClaim> claims, long[] mu, long[] r, int vars, long[] y) {
    long[] w = new long[L];
    long[] t = new long[L];
    long[] pow = WalkMath.one();
    for (ZkClaim cl : claims) {
      Multilinear.eqEvaluate(t, 0, cl.point(), 0, r, 0, vars);
      Fr.mul(t, 0, t, 0, pow, 0);
      Fr.add(w, 0, w, 0, t, 0);
      Fr.mul(pow, 0, pow, 0, mu, 0);
    }
    Fr.mul(w, 0, w, 0, y, 0);
    return w;
  }

  /** Prover: the claims returned are the merged one (a limb-backed Y's limbs). */
  static List<ZkClaim> prove(int tensor, List<ZkClaim> claims, Circuit c, ProverTables w, ZkMasks m,
      ProofSink out, Transcript t) {
    String bad = refusal(tensor, c, claims);
    if (bad != null) {
      throw new IllegalArgumentException(bad);
    }
    int vars = c.tensor(tensor).vars();
    long[][] points = new long[claims.size()][];
    for (int j = 0; j < points.length; j++) {
      points[j] = claims.get(j).point();
    }
    long[] mu = t.challengeFr(ClaimMerge.MU);
    ProductInstance inst = new ProductInstance(vars, ClaimMerge.weightTable(points, vars, mu), w.mle(tensor));
    Masked<SubClaim> end = ZkSumcheckEnd.run(inst, new int[] {-1, 0}, new int[] {tensor}, degrees(tensor, c, m),
        combined(tensor, claims, mu), m, out, t);
    long[] r = end.claim().point();
    ZkStatements.Stated st = ZkSumcheckEnd.prove(List.of(new ZkStatements.Target(tensor, r)), r, vars, c, w, m,
        out, t);
    ZkSumcheckEnd.close(end, expected(claims, mu, r, vars, st.values().get(0).value()), m);
    return st.returned();
  }

  /** Verifier: the merged claim (a limb-backed Y's limbs), or a rejection; never throws on proof content. */
  static Checked<List<ZkClaim>> verify(int tensor, List<ZkClaim> claims, Circuit c, ZkMasks m, FieldReader in,
      Transcript t) {
    try {
      return verifyChecked(tensor, claims, c, m, in, t);
    } catch (RuntimeException e) {
      return Checked.rejected("merge: malformed input (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static Checked<List<ZkClaim>> verifyChecked(int tensor, List<ZkClaim> claims, Circuit c, ZkMasks m,
      FieldReader in, Transcript t) {
    if (claims == null || tensor < 0 || tensor >= c.tensors().size()) {
      return Checked.rejected("merge: bad claim list");
    }
    String bad = refusal(tensor, c, claims);
    if (bad != null) {
      return Checked.rejected(bad);
    }
    int vars = c.tensor(tensor).vars();
    long[] mu = t.challengeFr(ClaimMerge.MU);
    Checked<Masked<SubClaim>> sc = ZkSumcheckEnd.rounds(combined(tensor, claims, mu), degrees(tensor, c, m), m, in,
        t);
    if (!sc.isOk()) {
      return sc.rethrow("merge");
    }
    long[] r = sc.value().claim().point();
    Checked<ZkStatements.Stated> st = ZkSumcheckEnd.verify(List.of(new ZkStatements.Target(tensor, r)), r, vars, c,
        m, in, t);
    if (!st.isOk()) {
      return st.rethrow("merge");
    }
    ZkSumcheckEnd.close(sc.value(), expected(claims, mu, r, vars, st.value().values().get(0).value()), m);
    return Checked.ok(st.value().returned());
  }
}
