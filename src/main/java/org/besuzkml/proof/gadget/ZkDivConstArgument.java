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
 * 6.9 DivConst in zero-knowledge mode (zk-design 4.2, 4.3, 4.6). Each pending claim
 * {@code (r', z, v', omega')} (from r''s Decomp check): r is stated at z ({@link ZkStatements}: its
 * limbs, r being limb-backed) and version 1's check {@code r' = (2c - 1) sel - r} becomes the R1
 * Lambda-claim {@code <omega' + omega_r, Lambda> = v' + v_r - (2c - 1) sel(z)}. Then at version 1's
 * fresh point {@code z*}: scalar c, q and r are stated additively and the pending claim on a is
 * {@code (2c v_q + v_r - c sel)/2} with the offset {@code (2c omega_q + omega_r)/2} (R2); per-entry
 * c, r is stated, then {@code Pq = (c q)~(z*)} additively in its own record with a slot, and the
 * sumcheck of {@code eq(z*, x) c(x) q(x)} on {@code (Pq, e_slot)} is masked (R3) with q's masked
 * extension: degrees {@code (3, .., 3, 4)}; the claim on a is as in the scalar case with
 * {@code 2 Pq} for {@code 2c q} and the offset {@code (2 e_slot + omega_r)/2}.
 */
final class ZkDivConstArgument {
  private ZkDivConstArgument() {}

  private static final int L = Fr.LIMBS;

  /**
   * Version 1's parameter check, and the divisor count (1, or one per entry of q, so that a run
   * always has a variable to mask), or null.
   */
  static String refusal(DivConst g, Circuit c) {
    for (long v : g.c()) {
      if (v < 1) {
        return "DivConst: divisor below 1";
      }
    }
    if (g.c().length != 1 && g.c().length != c.tensor(g.q()).size()) {
      return "DivConst: divisor count is neither 1 nor the size of q";
    }
    return null;
  }

  /** Round degrees of the per-entry run: eq and c structured (1 each), q's extension (2 or 1). */
  static int[] degrees(DivConst g, Circuit c, ZkMasks m) {
    return ZkSumcheckEnd.degrees(c.tensor(g.q()).vars(), 3, 2 + ZkSumcheckEnd.factorDegree(g.q(), m));
  }

  /** R1 for one r' claim: r's stated (masked) claim at the same point. */
  static void rPrimeCheck(DivConst g, Circuit c, ZkClaim cl, ZkClaim r, ZkMasks m) {
    long[] value = new long[L];
    Fr.sub(value, 0, cl.value(), 0, DivConstArgument.rPrime(g, c, cl.point(), r.value()), 0);
    m.defer(cl.omega().copy().addScaled(r.omega(), WalkMath.one(), 0), value);
  }

  /** The pending claim on a: {@code (twoCq + v_r - c~(z))/2}, offset {@code (omegaCq + omega_r)/2}. */
  static ZkClaim aClaim(DivConst g, Circuit c, long[] z, long[] twoCq, MaskForm omegaCq, ZkClaim r) {
    long[] v = twoCq.clone();
    Fr.add(v, 0, v, 0, r.value(), 0);
    Fr.sub(v, 0, v, 0, DivConstArgument.cAt(g, c, z), 0);
    long[] half = WalkMath.fr(2);
    Fr.inv(half, 0, half, 0);
    Fr.mul(v, 0, v, 0, half, 0);
    MaskForm omega = omegaCq.copy().addScaled(r.omega(), WalkMath.one(), 0).scale(half, 0);
    return new ZkClaim(g.a(), z, v, omega);
  }

  /** Scalar c: the claims of q and r at z* (limbs when limb-backed), then the claim on a. */
  static List<ZkClaim> scalarClaims(DivConst g, Circuit c, long[] z, ZkStatements.Stated s) {
    ZkClaim q = s.values().get(0);
    long[] twoC = WalkMath.fr(2 * g.c()[0]);
    long[] twoCq = new long[L];
    Fr.mul(twoCq, 0, q.value(), 0, twoC, 0);
    MaskForm omegaCq = new MaskForm().addScaled(q.omega(), twoC, 0);
    List<ZkClaim> res = new ArrayList<>(s.returned());
    res.add(aClaim(g, c, z, twoCq, omegaCq, s.values().get(1)));
    return res;
  }

  private static List<ZkStatements.Target> targets(DivConst g, long[] z) {
    return g.c().length == 1
        ? List.of(new ZkStatements.Target(g.q(), z), new ZkStatements.Target(g.r(), z))
        : List.of(new ZkStatements.Target(g.r(), z));
  }

  /** {@code eq(z*, r'') c~(r'') v_q}: version 1's final value on q's stated value. */
  private static long[] expected(DivConst g, Circuit c, long[] z, long[] r2, ZkStatements.Stated q) {
    long[] f = new long[2 * L];
    Fr.copy(f, 0, DivConstArgument.cAt(g, c, r2), 0);
    Fr.copy(f, L, q.values().get(0).value(), 0);
    return EqWeightedInstance.expectedFinal(z, r2, c.tensor(g.q()).vars(), Composition.product(2), f);
  }

  /** Per-entry c after the run: the claims of r and q (limbs when limb-backed), then a. */
  private static List<ZkClaim> entryClaims(DivConst g, Circuit c, long[] z, ZkStatements.Stated r,
      ZkClaim pq, ZkStatements.Stated q) {
    long[] twoPq = pq.value().clone();
    Fr.dbl(twoPq, 0, twoPq, 0);
    MaskForm omegaPq = new MaskForm().addScaled(pq.omega(), WalkMath.fr(2), 0);
    List<ZkClaim> res = new ArrayList<>(r.returned());
    res.add(aClaim(g, c, z, twoPq, omegaPq, r.values().get(0)));
    res.addAll(q.returned());
    return res;
  }

  static final class Prover implements ZkGadgetArguments.Prover<DivConst> {
    @Override
    public List<ZkClaim> prove(DivConst g, Circuit c, ProverTables w, List<ZkClaim> claims,
        ProofSink out, Transcript t, ZkMasks m) {
      String bad = refusal(g, c);
      if (bad != null) {
        throw new IllegalArgumentException(bad);
      }
      List<ZkClaim> res = new ArrayList<>();
      int vars = c.tensor(g.q()).vars();
      for (ZkClaim cl : claims) {
        if (cl.tensor() == g.rPrime()) {
          ZkStatements.Stated r = ZkStatements.prove(
              List.of(new ZkStatements.Target(g.r(), cl.point())), c, w, m, out, t);
          rPrimeCheck(g, c, cl, r.values().get(0), m);
          res.addAll(r.returned());
        }
      }
      long[] z = t.challengeFrs(WalkMath.FRESH, vars);
      ZkStatements.Stated s = ZkStatements.prove(targets(g, z), c, w, m, out, t);
      if (g.c().length == 1) {
        res.addAll(scalarClaims(g, c, z, s));
        return res;
      }
      long[][] tables = {Multilinear.eqTable(z, 0, vars), DivConstArgument.cTable(g, c), w.mle(g.q())};
      CompositeInstance inst = new CompositeInstance(Composition.product(3), vars, tables);
      long[] pq = inst.claim().clone();
      int slot = m.cursor().take(1);
      if (slot < 0) {
        throw new IllegalStateException("mask column overrun");
      }
      m.addMask(pq, 0, slot);
      WalkMath.state(pq, 1, out, t);
      ZkClaim pqClaim = new ZkClaim(g.q(), z, pq, MaskForm.single(slot, WalkMath.one(), 0));
      int[] q = {g.q()};
      Masked<SubClaim> end = ZkSumcheckEnd.run(inst, new int[] {-1, -1, 0}, q, degrees(g, c, m),
          pqClaim, m, out, t);
      long[] r2 = end.claim().point();
      ZkStatements.Stated qs = ZkSumcheckEnd.prove(List.of(new ZkStatements.Target(g.q(), r2)), r2,
          vars, c, w, m, out, t);
      ZkSumcheckEnd.close(end, expected(g, c, z, r2, qs), m);
      res.addAll(entryClaims(g, c, z, s, pqClaim, qs));
      return res;
    }
  }

  static final class Verifier implements ZkGadgetArguments.Verifier<DivConst> {
    @Override
    public Checked<List<ZkClaim>> verify(DivConst g, Circuit c, List<ZkClaim> claims,
        FieldReader in, Transcript t, ZkMasks m) {
      String bad = refusal(g, c);
      if (bad != null) {
        return Checked.rejected(bad);
      }
      List<ZkClaim> res = new ArrayList<>();
      int vars = c.tensor(g.q()).vars();
      for (ZkClaim cl : claims) {
        if (cl.tensor() != g.rPrime()) {
          continue; // version 1 ignores them too: they are not this gadget's to reduce
        }
        Checked<ZkStatements.Stated> r = ZkStatements.verify(
            List.of(new ZkStatements.Target(g.r(), cl.point())), c, m, in, t);
        if (!r.isOk()) {
          return r.rethrow("DivConst r'");
        }
        rPrimeCheck(g, c, cl, r.value().values().get(0), m);
        res.addAll(r.value().returned());
      }
      long[] z = t.challengeFrs(WalkMath.FRESH, vars);
      Checked<ZkStatements.Stated> s = ZkStatements.verify(targets(g, z), c, m, in, t);
      if (!s.isOk()) {
        return s.rethrow("DivConst");
      }
      if (g.c().length == 1) {
        res.addAll(scalarClaims(g, c, z, s.value()));
        return Checked.ok(res);
      }
      long[] pq = WalkMath.read(1, in, t);
      if (pq == null) {
        return Checked.rejected("DivConst: proof too short");
      }
      int slot = m.slot();
      if (slot < 0) {
        return Checked.rejected("DivConst: mask column overrun");
      }
      ZkClaim pqClaim = new ZkClaim(g.q(), z, pq, MaskForm.single(slot, WalkMath.one(), 0));
      Checked<Masked<SubClaim>> sc = ZkSumcheckEnd.rounds(pqClaim, degrees(g, c, m), m, in, t);
      if (!sc.isOk()) {
        return sc.rethrow("DivConst");
      }
      long[] r2 = sc.value().claim().point();
      Checked<ZkStatements.Stated> qs = ZkSumcheckEnd.verify(
          List.of(new ZkStatements.Target(g.q(), r2)), r2, vars, c, m, in, t);
      if (!qs.isOk()) {
        return qs.rethrow("DivConst");
      }
      ZkSumcheckEnd.close(sc.value(), expected(g, c, z, r2, qs.value()), m);
      res.addAll(entryClaims(g, c, z, s.value(), pqClaim, qs.value()));
      return Checked.ok(res);
    }
  }
}
