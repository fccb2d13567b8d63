package org.besuzkml.proof.gadget;

import java.util.ArrayList;
import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.MaskForm;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.CompositeInstance;
import org.besuzkml.sumcheck.Composition;
import org.besuzkml.sumcheck.EqWeightedInstance;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.sumcheck.Masked;
import org.besuzkml.sumcheck.SubClaim;
import org.besuzkml.transcript.Transcript;

/**
 * {@link SelectionArguments}' gadgets in zero-knowledge mode (zk-design 4.1-4.3, 4.6).
 * MaxSelect: version 1's row-sum check at its fresh point, unchanged: the stated value
 * {@code sigma~(z_rows, 1/2, ..)} is fixed by the vk ({@code sel_rows(z_rows) / 2^(m_t)}), so 4.1
 * does not mask it, and the check stays a rejection. DivTensor: each claim {@code (r', z, v', omega')}
 * becomes r and d stated at z and the R1 Lambda-claim of {@code r' = 2d - sel - r}; at version 1's
 * fresh point a, d, r are stated additively, then {@code Pdq = (d q)~(z*)} in its own record with a
 * slot; {@code 2 a + d = 2 Pdq + r} is an R1 Lambda-claim, and the sumcheck of
 * {@code eq(z*, x) d(x) q(x)} on {@code (Pdq, e_slot)} is masked (R3) with d's and q's masked
 * extensions: degrees {@code (3, .., 3, 5)}, one less per public factor. A zero-variable q (the product
 * {@code d q} of two stated values) runs over one dummy variable ({@link ZkSumcheckEnd#runTables}, the
 * claim doubled): degrees {@code (5)}.
 */
final class ZkSelectionArguments {
  private ZkSelectionArguments() {}

  private static final int L = Fr.LIMBS;

  static final class MaxSelectProver implements ZkGadgetArguments.Prover<MaxSelect> {
    @Override
    public List<ZkClaim> prove(MaxSelect g, Circuit c, ProverTables w, List<ZkClaim> claims,
        ProofSink out, Transcript t, ZkMasks m) {
      if (m.limbBacked(g.sigma()) != null) {
        throw new IllegalArgumentException("MaxSelect: a limb-backed selector");
      }
      long[] z = t.challengeFrs(WalkMath.FRESH, SelectionArguments.rows(c, g).vars());
      long[] p = SelectionArguments.sigmaPoint(c, g, z);
      long[] v = WalkMath.evaluate(w.mle(g.sigma()), c.tensor(g.sigma()).vars(), p);
      WalkMath.state(v, 1, out, t);
      return List.of(new ZkClaim(g.sigma(), p, v, null));
    }
  }

  static final class MaxSelectVerifier implements ZkGadgetArguments.Verifier<MaxSelect> {
    @Override
    public Checked<List<ZkClaim>> verify(MaxSelect g, Circuit c, List<ZkClaim> claims,
        FieldReader in, Transcript t, ZkMasks m) {
      if (m.limbBacked(g.sigma()) != null) {
        return Checked.rejected("MaxSelect: a limb-backed selector");
      }
      // version 1's messages and check, verbatim: nothing here is masked
      Checked<List<Claim>> v = new SelectionArguments.MaxSelectVerifier().verify(g, c, List.of(), in, t);
      return v.isOk() ? Checked.ok(List.of(ZkClaim.of(v.value().get(0)))) : Checked.rejected(v.reason());
    }
  }

  /** Why this DivTensor has no masked run, or null. */
  static String refusal(DivTensor g, Circuit c) {
    if (g.d() == g.q()) {
      return "DivTensor: d and q are one tensor";
    }
    return null;
  }

  /** Round degrees: eq (1) and the masked extensions of d and q (2 each, 1 when public). */
  static int[] degrees(DivTensor g, Circuit c, ZkMasks m) {
    return ZkSumcheckEnd.degrees(ZkSumcheckEnd.runVars(c.tensor(g.q()).vars()), 3,
        1 + ZkSumcheckEnd.factorDegree(g.d(), m) + ZkSumcheckEnd.factorDegree(g.q(), m));
  }

  /** R1 of {@code sum_i a_i T_i = b}: {@code <sum a_i omega_i, Lambda> = sum a_i v_i - b}. */
  private static void r1(List<ZkClaim> cl, long[] a, long[] b, ZkMasks m) {
    MaskForm omega = new MaskForm();
    long[] value = new long[L];
    long[] t = new long[L];
    for (int i = 0; i < cl.size(); i++) {
      omega.addScaled(cl.get(i).omega(), a, i * L);
      Fr.mul(t, 0, cl.get(i).value(), 0, a, i * L);
      Fr.add(value, 0, value, 0, t, 0);
    }
    Fr.sub(value, 0, value, 0, b, 0);
    m.defer(omega, value);
  }

  private static long[] coeffs(long... a) {
    long[] out = new long[a.length * L];
    for (int i = 0; i < a.length; i++) {
      Fr.fromLong(out, i * L, a[i]);
    }
    return out;
  }

  /** {@code r' - 2d + r = -sel(z)} with r and d stated at z (values 0: r, 1: d). */
  private static void rPrimeCheck(DivTensor g, Circuit c, ZkClaim cl, ZkStatements.Stated s, ZkMasks m) {
    long[] b = WalkMath.sel(c.tensor(g.q()), cl.point());
    Fr.neg(b, 0, b, 0);
    r1(List.of(cl, s.values().get(1), s.values().get(0)), coeffs(1, -2, 1), b, m);
  }

  /** {@code 2a + d - 2 Pdq - r = 0} with a, d, r stated at z* (values 0, 1, 2). */
  private static void relation(ZkStatements.Stated s, ZkClaim pdq, ZkMasks m) {
    List<ZkClaim> cl = List.of(s.values().get(0), s.values().get(1), pdq, s.values().get(2));
    r1(cl, coeffs(2, 1, -2, -1), new long[L], m);
  }

  private static List<ZkStatements.Target> atR(DivTensor g, long[] z) {
    return List.of(new ZkStatements.Target(g.r(), z), new ZkStatements.Target(g.d(), z));
  }

  private static List<ZkStatements.Target> fresh(DivTensor g, long[] z) {
    return List.of(new ZkStatements.Target(g.a(), z), new ZkStatements.Target(g.d(), z),
        new ZkStatements.Target(g.r(), z));
  }

  private static List<ZkStatements.Target> end(DivTensor g, Circuit c, long[] r2) {
    long[] p = ZkSumcheckEnd.tensorPoint(c.tensor(g.q()).vars(), r2);
    return List.of(new ZkStatements.Target(g.d(), p), new ZkStatements.Target(g.q(), p));
  }

  /** {@code eq(z*, r'') v_d v_q}: version 1's final value on the stated values. */
  private static long[] expected(DivTensor g, Circuit c, long[] z, long[] r2, ZkStatements.Stated s) {
    long[] f = new long[2 * L];
    Fr.copy(f, 0, s.values().get(0).value(), 0);
    Fr.copy(f, L, s.values().get(1).value(), 0);
    int vars = c.tensor(g.q()).vars();
    return EqWeightedInstance.expectedFinal(z, ZkSumcheckEnd.tensorPoint(vars, r2), vars, Composition.product(2),
        f);
  }

  static final class DivTensorProver implements ZkGadgetArguments.Prover<DivTensor> {
    @Override
    public List<ZkClaim> prove(DivTensor g, Circuit c, ProverTables w, List<ZkClaim> claims,
        ProofSink out, Transcript t, ZkMasks m) {
      String bad = refusal(g, c);
      if (bad != null) {
        throw new IllegalArgumentException(bad);
      }
      int vars = c.tensor(g.q()).vars();
      List<ZkClaim> res = new ArrayList<>();
      for (ZkClaim cl : claims) {
        if (cl.tensor() == g.rPrime()) {
          ZkStatements.Stated s = ZkStatements.prove(atR(g, cl.point()), c, w, m, out, t);
          rPrimeCheck(g, c, cl, s, m);
          res.addAll(s.returned());
        }
      }
      long[] z = t.challengeFrs(WalkMath.FRESH, vars);
      ZkStatements.Stated s = ZkStatements.prove(fresh(g, z), c, w, m, out, t);
      CompositeInstance inst = new CompositeInstance(Composition.product(3), ZkSumcheckEnd.runVars(vars),
          ZkSumcheckEnd.runTables(vars, Multilinear.eqTable(z, 0, vars), w.mle(g.d()), w.mle(g.q())));
      long[] pdq = ZkSumcheckEnd.tensorSum(vars, inst.claim());
      int slot = m.cursor().take(1);
      if (slot < 0) {
        throw new IllegalStateException("mask column overrun");
      }
      m.addMask(pdq, 0, slot);
      WalkMath.state(pdq, 1, out, t);
      ZkClaim pdqClaim = new ZkClaim(g.q(), z, pdq, MaskForm.single(slot, WalkMath.one(), 0));
      relation(s, pdqClaim, m);
      Masked<SubClaim> run = ZkSumcheckEnd.run(inst, new int[] {-1, 0, 1}, new int[] {g.d(), g.q()},
          degrees(g, c, m), ZkSumcheckEnd.runClaim(vars, pdqClaim), m, out, t);
      long[] r2 = run.claim().point();
      ZkStatements.Stated e = ZkSumcheckEnd.prove(end(g, c, r2), r2, ZkSumcheckEnd.runVars(vars), c, w, m, out, t);
      ZkSumcheckEnd.close(run, expected(g, c, z, r2, e), m);
      res.addAll(s.returned());
      res.addAll(e.returned());
      return res;
    }
  }

  static final class DivTensorVerifier implements ZkGadgetArguments.Verifier<DivTensor> {
    @Override
    public Checked<List<ZkClaim>> verify(DivTensor g, Circuit c, List<ZkClaim> claims,
        FieldReader in, Transcript t, ZkMasks m) {
      String bad = refusal(g, c);
      if (bad != null) {
        return Checked.rejected(bad);
      }
      int vars = c.tensor(g.q()).vars();
      List<ZkClaim> res = new ArrayList<>();
      for (ZkClaim cl : claims) {
        if (cl.tensor() != g.rPrime()) {
          continue; // as version 1: not this gadget's to reduce
        }
        Checked<ZkStatements.Stated> s = ZkStatements.verify(atR(g, cl.point()), c, m, in, t);
        if (!s.isOk()) {
          return s.rethrow("DivTensor r'");
        }
        rPrimeCheck(g, c, cl, s.value(), m);
        res.addAll(s.value().returned());
      }
      long[] z = t.challengeFrs(WalkMath.FRESH, vars);
      Checked<ZkStatements.Stated> s = ZkStatements.verify(fresh(g, z), c, m, in, t);
      if (!s.isOk()) {
        return s.rethrow("DivTensor");
      }
      long[] pdq = WalkMath.read(1, in, t);
      if (pdq == null) {
        return Checked.rejected("DivTensor: proof too short");
      }
      int slot = m.slot();
      if (slot < 0) {
        return Checked.rejected("DivTensor: mask column overrun");
      }
      ZkClaim pdqClaim = new ZkClaim(g.q(), z, pdq, MaskForm.single(slot, WalkMath.one(), 0));
      relation(s.value(), pdqClaim, m);
      Checked<Masked<SubClaim>> sc = ZkSumcheckEnd.rounds(ZkSumcheckEnd.runClaim(vars, pdqClaim), degrees(g, c, m),
          m, in, t);
      if (!sc.isOk()) {
        return sc.rethrow("DivTensor");
      }
      long[] r2 = sc.value().claim().point();
      Checked<ZkStatements.Stated> e = ZkSumcheckEnd.verify(end(g, c, r2), r2, ZkSumcheckEnd.runVars(vars), c, m,
          in, t);
      if (!e.isOk()) {
        return e.rethrow("DivTensor");
      }
      ZkSumcheckEnd.close(sc.value(), expected(g, c, z, r2, e.value()), m);
      res.addAll(s.value().returned());
      res.addAll(e.value().returned());
      return Checked.ok(res);
    }
  }
}
