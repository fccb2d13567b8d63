package org.besuzkml.proof.gadget;

import java.util.ArrayList;
import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.Composition;
import org.besuzkml.sumcheck.EqWeightedInstance;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.sumcheck.SubClaim;
import org.besuzkml.sumcheck.SumcheckProver;
import org.besuzkml.sumcheck.SumcheckVerifier;
import org.besuzkml.transcript.Transcript;

/**
 * Gadgets whose committed outputs are pinned by lookups (5.2) plus, for MaxSelect, the row-sum
 * relation 6.12 (i): at a fresh row point {@code z_rows} the prover states
 * {@code sigma~(z_rows, 1/2, ..., 1/2)} and the verifier checks
 * {@code 2^(m_t) sigma~ == sel_rows(z_rows)}. Lookup and ZeroBit have no walk messages (their
 * relations are the lookup argument and the gadgets that follow them). DivTensor (6.10) as
 * DivConst with a witnessed divisor: a degree-3 sumcheck proves {@code (d q)~(z*)}.
 */
final class SelectionArguments {
  private SelectionArguments() {}

  static final int L = Fr.LIMBS;

  /** The sigma point: z_rows then 1/2 in the tap variables. */
  static long[] sigmaPoint(Circuit c, MaxSelect g, long[] zRows) {
    TensorInfo u = c.tensor(g.u());
    int mt = TensorInfo.log2Ceil(u.dim(u.rank() - 1));
    int mr = u.vars() - mt;
    long[] p = new long[u.vars() * L];
    System.arraycopy(zRows, 0, p, 0, mr * L);
    long[] half = WalkMath.fr(2);
    Fr.inv(half, 0, half, 0);
    for (int j = 0; j < mt; j++) {
      Fr.copy(p, (mr + j) * L, half, 0);
    }
    return p;
  }

  static TensorInfo rows(Circuit c, MaxSelect g) {
    TensorInfo u = c.tensor(g.u());
    int[] s = u.shape();
    s[s.length - 1] = 1;
    return new TensorInfo(-1, "rows", TensorKind.VIRTUAL, s);
  }

  static final class MaxSelectProver implements GadgetProver<MaxSelect> {
    @Override
    public List<Claim> prove(MaxSelect g, Circuit c, ProverTables w, List<Claim> claims,
        ProofSink out, Transcript t) {
      long[] z = t.challengeFrs(WalkMath.FRESH, rows(c, g).vars());
      long[] p = sigmaPoint(c, g, z);
      long[] v = WalkMath.evaluate(w.mle(g.sigma()), c.tensor(g.sigma()).vars(), p);
      WalkMath.state(v, 1, out, t);
      return List.of(new Claim(g.sigma(), p, v));
    }
  }

  static final class MaxSelectVerifier implements GadgetVerifier<MaxSelect> {
    @Override
    public Checked<List<Claim>> verify(MaxSelect g, Circuit c, List<Claim> claims, FieldReader in,
        Transcript t) {
      TensorInfo rows = rows(c, g);
      long[] z = t.challengeFrs(WalkMath.FRESH, rows.vars());
      long[] v = WalkMath.read(1, in, t);
      if (v == null) {
        return Checked.rejected("MaxSelect: proof too short");
      }
      TensorInfo u = c.tensor(g.u());
      int mt = TensorInfo.log2Ceil(u.dim(u.rank() - 1));
      long[] lhs = v.clone();
      for (int j = 0; j < mt; j++) {
        Fr.dbl(lhs, 0, lhs, 0);
      }
      if (!Fr.equal(lhs, 0, WalkMath.sel(rows, z), 0)) {
        return Checked.rejected("MaxSelect: a row does not select exactly one tap");
      }
      return Checked.ok(List.of(new Claim(g.sigma(), sigmaPoint(c, g, z), v)));
    }
  }

  /** Lookup, ZeroBit: nothing in the walk. */
  static final class NoMessages<G extends Gadget> implements GadgetProver<G>, GadgetVerifier<G> {
    @Override
    public List<Claim> prove(G g, Circuit c, ProverTables w, List<Claim> claims, ProofSink out,
        Transcript t) {
      return List.of();
    }

    @Override
    public Checked<List<Claim>> verify(G g, Circuit c, List<Claim> claims, FieldReader in,
        Transcript t) {
      return Checked.ok(List.of());
    }
  }

  /** Claims on r' become claims on r and d: r' = 2d - sel - r. */
  static final class DivTensorProver implements GadgetProver<DivTensor> {
    @Override
    public List<Claim> prove(DivTensor g, Circuit c, ProverTables w, List<Claim> claims,
        ProofSink out, Transcript t) {
      int m = c.tensor(g.q()).vars();
      List<Claim> res = new ArrayList<>();
      for (Claim cl : claims) {
        if (cl.tensor() == g.rPrime()) {
          long[] vals = new long[2 * L];
          Fr.copy(vals, 0, WalkMath.evaluate(w.mle(g.r()), m, cl.point()), 0);
          Fr.copy(vals, L, WalkMath.evaluate(w.mle(g.d()), m, cl.point()), 0);
          WalkMath.state(vals, 2, out, t);
          res.add(new Claim(g.r(), cl.point(), WalkMath.at(vals, 0)));
          res.add(new Claim(g.d(), cl.point(), WalkMath.at(vals, 1)));
        }
      }
      long[] z = t.challengeFrs(WalkMath.FRESH, m);
      EqWeightedInstance inst = new EqWeightedInstance(z, m, Composition.product(2),
          w.mle(g.d()), w.mle(g.q()));
      long[] vals = new long[4 * L];
      Fr.copy(vals, 0, WalkMath.evaluate(w.mle(g.a()), m, z), 0);
      Fr.copy(vals, L, WalkMath.evaluate(w.mle(g.d()), m, z), 0);
      Fr.copy(vals, 2 * L, inst.claim(), 0);
      Fr.copy(vals, 3 * L, WalkMath.evaluate(w.mle(g.r()), m, z), 0);
      WalkMath.state(vals, 4, out, t);
      SumcheckProver.Proved p = SumcheckProver.prove(inst, t);
      long[] raw = p.proof().compressed();
      out.append(raw, 0, raw.length / L);
      long[] fin = inst.finalValues();
      WalkMath.state(fin, 2, out, t);
      res.addAll(divClaims(g, z, vals, p.point(), fin));
      return res;
    }
  }

  static List<Claim> divClaims(DivTensor g, long[] z, long[] vals, long[] r2, long[] fin) {
    return List.of(new Claim(g.a(), z, WalkMath.at(vals, 0)),
        new Claim(g.d(), z, WalkMath.at(vals, 1)), new Claim(g.r(), z, WalkMath.at(vals, 3)),
        new Claim(g.d(), r2, WalkMath.at(fin, 0)), new Claim(g.q(), r2, WalkMath.at(fin, 1)));
  }

  static final class DivTensorVerifier implements GadgetVerifier<DivTensor> {
    @Override
    public Checked<List<Claim>> verify(DivTensor g, Circuit c, List<Claim> claims, FieldReader in,
        Transcript t) {
      TensorInfo y = c.tensor(g.q());
      int m = y.vars();
      List<Claim> res = new ArrayList<>();
      for (Claim cl : claims) {
        if (cl.tensor() == g.rPrime()) {
          long[] vals = WalkMath.read(2, in, t);
          if (vals == null) {
            return Checked.rejected("DivTensor: proof too short");
          }
          long[] v = new long[L];
          Fr.dbl(v, 0, vals, L);
          Fr.sub(v, 0, v, 0, WalkMath.sel(y, cl.point()), 0);
          Fr.sub(v, 0, v, 0, vals, 0);
          if (!Fr.equal(v, 0, cl.value(), 0)) {
            return Checked.rejected("DivTensor: r' != 2d - sel - r");
          }
          res.add(new Claim(g.r(), cl.point(), WalkMath.at(vals, 0)));
          res.add(new Claim(g.d(), cl.point(), WalkMath.at(vals, 1)));
        }
      }
      long[] z = t.challengeFrs(WalkMath.FRESH, m);
      long[] vals = WalkMath.read(4, in, t);
      if (vals == null) {
        return Checked.rejected("DivTensor: proof too short");
      }
      // 2 va + vd == 2 Pdq + r
      long[] lhs = new long[L];
      Fr.dbl(lhs, 0, vals, 0);
      Fr.add(lhs, 0, lhs, 0, vals, L);
      long[] rhs = new long[L];
      Fr.dbl(rhs, 0, vals, 2 * L);
      Fr.add(rhs, 0, rhs, 0, vals, 3 * L);
      if (!Fr.equal(lhs, 0, rhs, 0)) {
        return Checked.rejected("DivTensor: 2a + d != 2 d q + r at the fresh point");
      }
      Checked<SubClaim> sc = SumcheckVerifier.verify(WalkMath.at(vals, 2), m, 3, in, t);
      if (!sc.isOk()) {
        return sc.rethrow("DivTensor");
      }
      long[] fin = WalkMath.read(2, in, t);
      if (fin == null) {
        return Checked.rejected("DivTensor: proof too short");
      }
      long[] expect = EqWeightedInstance.expectedFinal(z, sc.value().point(), m,
          Composition.product(2), fin);
      if (!sc.value().holds(expect)) {
        return Checked.rejected("DivTensor: final check eq * d * q != sumcheck value");
      }
      res.addAll(divClaims(g, z, vals, sc.value().point(), fin));
      return Checked.ok(res);
    }
  }
}
