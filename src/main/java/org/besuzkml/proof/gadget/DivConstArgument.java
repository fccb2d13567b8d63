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
 * 6.9 DivConst: {@code 2a + c sel = 2c q + r}, {@code r' = (2c - 1) sel - r}. First every pending
 * claim on the virtual {@code r'} (from its Decomp check) becomes an opening claim on {@code r}
 * (the prover states {@code r~}; linear). Then at a fresh point {@code z*}: scalar c, the prover
 * states {@code q~, r~} and the verifier derives {@code a~(z*) = (2c q~ + r~ - c sel)/2};
 * per-position c, the prover states {@code r~} and {@code Pq = (c q)~(z*)}, proven by a degree-3
 * sumcheck of {@code eq(z*, x) c(x) q(x)} that ends with {@code q~(r'')} stated and
 * {@code c~(r'')} computed by the verifier ({@code O(|Y|)}).
 */
final class DivConstArgument {
  private DivConstArgument() {}

  static final int L = Fr.LIMBS;

  /** c~(z) (scalar: c sel(z)). */
  static long[] cAt(DivConst g, Circuit c, long[] z) {
    TensorInfo y = c.tensor(g.q());
    if (g.c().length == 1) {
      long[] s = WalkMath.sel(y, z);
      Fr.mul(s, 0, s, 0, WalkMath.fr(g.c()[0]), 0);
      return s;
    }
    long[] eq = WireArgument.eqOut(y, z);
    long[] acc = new long[L];
    long[] t = new long[L];
    for (int i = 0; i < g.c().length; i++) {
      Fr.fromLong(t, 0, g.c()[i]);
      Fr.mul(t, 0, t, 0, eq, i * L);
      Fr.add(acc, 0, acc, 0, t, 0);
    }
    return acc;
  }

  /** (2c - 1) sel - r at z, from c~(z), sel(z) and r~(z). */
  static long[] rPrime(DivConst g, Circuit c, long[] z, long[] r) {
    long[] v = cAt(g, c, z);
    Fr.dbl(v, 0, v, 0);
    Fr.sub(v, 0, v, 0, WalkMath.sel(c.tensor(g.q()), z), 0);
    Fr.sub(v, 0, v, 0, r, 0);
    return v;
  }

  static long[] cTable(DivConst g, Circuit c) {
    TensorInfo y = c.tensor(g.q());
    long[] t = new long[(1 << y.vars()) * L];
    for (int i = 0; i < y.size(); i++) {
      Fr.fromLong(t, y.paddedIndex(i) * L, g.c().length == 1 ? g.c()[0] : g.c()[i]);
    }
    return t;
  }

  static final class Prover implements GadgetProver<DivConst> {
    @Override
    public List<Claim> prove(DivConst g, Circuit c, ProverTables w, List<Claim> claims,
        ProofSink out, Transcript t) {
      List<Claim> res = new ArrayList<>();
      int m = c.tensor(g.q()).vars();
      for (Claim cl : claims) {
        if (cl.tensor() == g.rPrime()) {
          long[] r = WalkMath.evaluate(w.mle(g.r()), m, cl.point());
          WalkMath.state(r, 1, out, t);
          res.add(new Claim(g.r(), cl.point(), r));
        }
      }
      long[] z = t.challengeFrs(WalkMath.FRESH, m);
      long[] r = WalkMath.evaluate(w.mle(g.r()), m, z);
      long[] q = WalkMath.evaluate(w.mle(g.q()), m, z);
      if (g.c().length == 1) {
        long[] vals = new long[2 * L];
        Fr.copy(vals, 0, q, 0);
        Fr.copy(vals, L, r, 0);
        WalkMath.state(vals, 2, out, t);
        res.addAll(claims(g, c, z, q, r, null));
        return res;
      }
      EqWeightedInstance inst = new EqWeightedInstance(z, m, Composition.product(2),
          cTable(g, c), w.mle(g.q()));
      long[] vals = new long[2 * L];
      Fr.copy(vals, 0, r, 0);
      Fr.copy(vals, L, inst.claim(), 0);
      WalkMath.state(vals, 2, out, t);
      SumcheckProver.Proved p = SumcheckProver.prove(inst, t);
      long[] raw = p.proof().compressed();
      out.append(raw, 0, raw.length / L);
      long[] q2 = WalkMath.evaluate(w.mle(g.q()), m, p.point());
      WalkMath.state(q2, 1, out, t);
      res.addAll(claims(g, c, z, null, r, WalkMath.at(vals, 1)));
      res.add(new Claim(g.q(), p.point(), q2));
      return res;
    }
  }

  /** Claims at z*: q (scalar case), r, and the pending claim on a. */
  static List<Claim> claims(DivConst g, Circuit c, long[] z, long[] q, long[] r, long[] pq) {
    List<Claim> res = new ArrayList<>();
    long[] twoA;
    if (q != null) {
      twoA = new long[L];
      Fr.mul(twoA, 0, q, 0, WalkMath.fr(2 * g.c()[0]), 0);
      res.add(new Claim(g.q(), z, q));
    } else {
      twoA = pq.clone();
      Fr.dbl(twoA, 0, twoA, 0);
    }
    Fr.add(twoA, 0, twoA, 0, r, 0);
    Fr.sub(twoA, 0, twoA, 0, cAt(g, c, z), 0);
    long[] half = WalkMath.fr(2);
    Fr.inv(half, 0, half, 0);
    Fr.mul(twoA, 0, twoA, 0, half, 0);
    res.add(new Claim(g.r(), z, r));
    res.add(new Claim(g.a(), z, twoA));
    return res;
  }

  static final class Verifier implements GadgetVerifier<DivConst> {
    @Override
    public Checked<List<Claim>> verify(DivConst g, Circuit c, List<Claim> claims, FieldReader in,
        Transcript t) {
      List<Claim> res = new ArrayList<>();
      int m = c.tensor(g.q()).vars();
      for (long v : g.c()) {
        if (v < 1) {
          return Checked.rejected("DivConst: divisor below 1");
        }
      }
      for (Claim cl : claims) {
        if (cl.tensor() == g.rPrime()) {
          long[] r = WalkMath.read(1, in, t);
          if (r == null) {
            return Checked.rejected("DivConst: proof too short");
          }
          if (!Fr.equal(rPrime(g, c, cl.point(), r), 0, cl.value(), 0)) {
            return Checked.rejected("DivConst: r' != (2c - 1) sel - r");
          }
          res.add(new Claim(g.r(), cl.point(), r));
        }
      }
      long[] z = t.challengeFrs(WalkMath.FRESH, m);
      long[] vals = WalkMath.read(2, in, t);
      if (vals == null) {
        return Checked.rejected("DivConst: proof too short");
      }
      if (g.c().length == 1) {
        res.addAll(claims(g, c, z, WalkMath.at(vals, 0), WalkMath.at(vals, 1), null));
        return Checked.ok(res);
      }
      Checked<SubClaim> sc = SumcheckVerifier.verify(WalkMath.at(vals, 1), m, 3, in, t);
      if (!sc.isOk()) {
        return sc.rethrow("DivConst");
      }
      long[] q2 = WalkMath.read(1, in, t);
      if (q2 == null) {
        return Checked.rejected("DivConst: proof too short");
      }
      long[] r2 = sc.value().point();
      long[] f = new long[2 * L];
      Fr.copy(f, 0, cAt(g, c, r2), 0);
      Fr.copy(f, L, q2, 0);
      long[] expect = EqWeightedInstance.expectedFinal(z, r2, m, Composition.product(2), f);
      if (!sc.value().holds(expect)) {
        return Checked.rejected("DivConst: final check eq * c * q != sumcheck value");
      }
      res.addAll(claims(g, c, z, null, WalkMath.at(vals, 0), WalkMath.at(vals, 1)));
      res.add(new Claim(g.q(), r2, q2));
      return Checked.ok(res);
    }
  }
}
