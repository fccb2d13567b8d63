package org.besuzkml.proof.gadget;

import java.util.ArrayList;
import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.MaskForm;
import org.besuzkml.sumcheck.BatchedSubClaim;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.sumcheck.Masked;
import org.besuzkml.sumcheck.ProductInstance;
import org.besuzkml.sumcheck.ZkSumcheckVerifier;
import org.besuzkml.transcript.Transcript;

/**
 * 6.8 Wire with several inputs (Concat) in zero-knowledge mode (zk-design 3.4, 4.2, 4.3 R1 and R3), on
 * the claim {@code (Y, z, v - E(z), omega)} {@link ZkWireArgument} hands over. Version 1 states the parts
 * {@code S_k = sum_x Sel_k,z(x) X_k~(x)}, checks that they add up, and runs one batched sumcheck of the
 * {@code Sel_k,z X_k}. Here the parts are stated additively, {@code s_k = S_k + Lambda[slot_k]} (one record,
 * a slot each), their sum check is R1's Lambda-claim
 * {@code <sum_k e_slot_k - omega, Lambda> = sum_k s_k - (v - E(z))}, and the batched run on the claims
 * {@code (s_k, e_slot_k)} is masked (one mask over its K rounds) with every X_k replaced by its masked
 * extension in its last variable, which is the run's last round for every instance: per instance
 * {@code (2, .., 2, 3)} ({@code (2, .., 2)} for a public X_k), as {@link ZkWireArgument}. The X_k are
 * stated at the end as {@link ZkSumcheckEnd} (one record, then limb records), and version 1's final check
 * {@code sum_k lambda^k Sel_k,z(r_k) x_k} becomes R3's Lambda-claim. A zero-variable X_k runs over one
 * dummy variable ({@link ZkSumcheckEnd#constantExtension}, its claim doubled). Lambda-claims in creation
 * order: the parts' R1, then R3. Returned: the claims on the X_k (or their limbs), in input order.
 */
final class ZkConcatArgument {
  private ZkConcatArgument() {}

  private static final int L = Fr.LIMBS;

  /** Part k's run variables: its input's, or one dummy variable for a zero-variable input. */
  private static int runVars(Wire g, Circuit c, int k) {
    return ZkSumcheckEnd.runVars(c.tensor(g.xs()[k]).vars());
  }

  /** Per part the degree list of its instance in the batched run. */
  static int[][] degrees(Wire g, Circuit c, ZkMasks m) {
    int[][] d = new int[g.xs().length][];
    for (int k = 0; k < d.length; k++) {
      d[k] = ZkScaledRun.degrees(runVars(g, c, k), g.xs()[k], m);
    }
    return d;
  }

  /** The batched run's per-round degrees. */
  static int[] combinedDegrees(Wire g, Circuit c, ZkMasks m) {
    return ZkSumcheckVerifier.combinedDegrees(degrees(g, c, m));
  }

  /**
   * The parts' claims {@code (s_k, e_slot_k)} (doubled for a dummy variable) from the stated parts whose
   * slots start at {@code first}, after deferring R1's check that they add up to the claim.
   */
  private static List<ZkClaim> parts(Wire g, Circuit c, ZkClaim cl, long[] s, int first, ZkMasks m) {
    MaskForm sum = new MaskForm();
    long[] total = new long[L];
    List<ZkClaim> out = new ArrayList<>();
    for (int k = 0; k < g.xs().length; k++) {
      sum.add(first + k, WalkMath.one(), 0);
      Fr.add(total, 0, total, 0, s, k * L);
      ZkClaim part = new ZkClaim(g.xs()[k], new long[0], WalkMath.at(s, k),
          MaskForm.single(first + k, WalkMath.one(), 0));
      out.add(ZkSumcheckEnd.runClaim(c.tensor(g.xs()[k]).vars(), part));
    }
    Fr.sub(total, 0, total, 0, cl.value(), 0);
    m.defer(sum.addScaled(cl.omega(), WalkMath.fr(-1), 0), total);
    return out;
  }

  /** Part k's point: the last {@code m_k} coordinates of the run's (none for a zero-variable input). */
  private static long[][] points(Wire g, Circuit c, long[] r) {
    int kMax = r.length / L;
    long[][] p = new long[g.xs().length][];
    for (int k = 0; k < p.length; k++) {
      int vars = c.tensor(g.xs()[k]).vars();
      p[k] = new long[vars * L];
      System.arraycopy(r, (kMax - vars) * L, p[k], 0, vars * L);
    }
    return p;
  }

  private static List<ZkStatements.Target> targets(Wire g, long[][] points) {
    List<ZkStatements.Target> out = new ArrayList<>();
    for (int k = 0; k < points.length; k++) {
      out.add(new ZkStatements.Target(g.xs()[k], points[k]));
    }
    return out;
  }

  /** {@code sum_k w_k Sel_k,z(r_k) x_k}: version 1's final value on the stated values. */
  private static long[] expected(Wire g, Circuit c, long[] eq, long[][] points, long[] weights,
      ZkStatements.Stated st) {
    long[][] sel = WireArgument.selAt(g, c, eq, points);
    long[] acc = new long[L];
    long[] term = new long[L];
    for (int k = 0; k < sel.length; k++) {
      Fr.mul(term, 0, sel[k], 0, st.values().get(k).value(), 0);
      Fr.mul(term, 0, term, 0, weights, k * L);
      Fr.add(acc, 0, acc, 0, term, 0);
    }
    return acc;
  }

  /** Prover: the parts, the masked batched run, the inputs' statements; the claims on the inputs. */
  static List<ZkClaim> prove(Wire g, Circuit c, ProverTables w, ZkClaim cl, long[] eq, ProofSink out,
      Transcript t, ZkMasks m) {
    int a = g.xs().length;
    long[][] sel = WireArgument.selTables(g, c, eq);
    List<ProductInstance> insts = new ArrayList<>();
    long[] s = new long[a * L];
    for (int k = 0; k < a; k++) {
      int vars = c.tensor(g.xs()[k]).vars();
      ProductInstance inst = new ProductInstance(ZkSumcheckEnd.runVars(vars),
          ZkSumcheckEnd.runTables(vars, sel[k], w.mle(g.xs()[k])));
      insts.add(inst);
      Fr.copy(s, k * L, ZkSumcheckEnd.tensorSum(vars, inst.claim()), 0);
    }
    int first = m.cursor().take(a);
    if (first < 0) {
      throw new IllegalStateException("mask column overrun");
    }
    for (int k = 0; k < a; k++) {
      m.addMask(s, k * L, first + k);
    }
    WalkMath.state(s, a, out, t);
    List<ZkClaim> partClaims = parts(g, c, cl, s, first, m);
    int[][] factorTarget = new int[a][];
    for (int k = 0; k < a; k++) {
      factorTarget[k] = new int[] {-1, k};
    }
    Masked<BatchedSubClaim> end = ZkSumcheckEnd.runBatched(insts, factorTarget, g.xs(), degrees(g, c, m),
        partClaims, m, out, t);
    long[] r = end.claim().point();
    long[][] points = points(g, c, r);
    ZkStatements.Stated st = ZkSumcheckEnd.prove(targets(g, points), r, r.length / L, c, w, m, out, t);
    ZkSumcheckEnd.closeBatched(end, expected(g, c, eq, points, end.claim().weights(), st), m);
    return st.returned();
  }

  /** Verifier: the same messages read, the same slots taken and checks deferred. */
  static Checked<List<ZkClaim>> verify(Wire g, Circuit c, ZkClaim cl, long[] eq, FieldReader in, Transcript t,
      ZkMasks m) {
    int a = g.xs().length;
    long[] s = WalkMath.read(a, in, t);
    if (s == null) {
      return Checked.rejected("Concat: proof too short");
    }
    int first = m.cursor().take(a);
    if (first < 0) {
      return Checked.rejected("Concat: mask column overrun");
    }
    List<ZkClaim> partClaims = parts(g, c, cl, s, first, m);
    Checked<Masked<BatchedSubClaim>> sc = ZkSumcheckEnd.roundsBatched(partClaims, degrees(g, c, m), m, in, t);
    if (!sc.isOk()) {
      return sc.rethrow("Concat");
    }
    long[] r = sc.value().claim().point();
    long[][] points = points(g, c, r);
    Checked<ZkStatements.Stated> st = ZkSumcheckEnd.verify(targets(g, points), r, r.length / L, c, m, in, t);
    if (!st.isOk()) {
      return st.rethrow("Concat");
    }
    ZkSumcheckEnd.closeBatched(sc.value(), expected(g, c, eq, points, sc.value().claim().weights(), st.value()), m);
    return Checked.ok(st.value().returned());
  }
}
