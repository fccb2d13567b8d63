package org.besuzkml.proof.gadget;

import java.util.ArrayList;
import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.transcript.Transcript;

/**
 * The linear gadgets (4.4 step 1: each pending claim is mapped separately, no merge): Lin (6.3,
 * one stated value per input), ReduceSum (6.4, no message), Alias (6.8 free reshape, no message).
 */
final class LinearArguments {
  private LinearArguments() {}

  static final int L = Fr.LIMBS;

  /** One input point per Lin input, and the LT factors of its broadcast blocks. */
  static long[][] points(Lin g, Circuit c, long[] z, long[] factors) {
    TensorInfo y = c.tensor(g.y());
    long[][] pts = new long[g.xs().length][];
    long[] f = new long[L];
    for (int i = 0; i < pts.length; i++) {
      pts[i] = WalkMath.restrict(y, c.tensor(g.xs()[i]), z, f);
      Fr.copy(factors, i * L, f, 0);
    }
    return pts;
  }

  static final class LinProver implements GadgetProver<Lin> {
    @Override
    public List<Claim> prove(Lin g, Circuit c, ProverTables w, List<Claim> claims,
        ProofSink out, Transcript t) {
      List<Claim> res = new ArrayList<>();
      for (Claim cl : claims) {
        int a = g.xs().length;
        long[][] pts = points(g, c, cl.point(), new long[a * L]);
        long[] vals = new long[a * L];
        for (int i = 0; i < a; i++) {
          long[] v = WalkMath.evaluate(w.mle(g.xs()[i]), c.tensor(g.xs()[i]).vars(), pts[i]);
          Fr.copy(vals, i * L, v, 0);
          res.add(new Claim(g.xs()[i], pts[i], v));
        }
        WalkMath.state(vals, a, out, t);
      }
      return res;
    }
  }

  static final class LinVerifier implements GadgetVerifier<Lin> {
    @Override
    public Checked<List<Claim>> verify(Lin g, Circuit c, List<Claim> claims, FieldReader in,
        Transcript t) {
      List<Claim> res = new ArrayList<>();
      int a = g.xs().length;
      for (Claim cl : claims) {
        long[] factors = new long[a * L];
        long[][] pts = points(g, c, cl.point(), factors);
        long[] vals = WalkMath.read(a, in, t);
        if (vals == null) {
          return Checked.rejected("Lin: proof too short");
        }
        long[] acc = WalkMath.sel(c.tensor(g.y()), cl.point());
        Fr.mul(acc, 0, acc, 0, WalkMath.fr(g.c0()), 0);
        long[] term = new long[L];
        for (int i = 0; i < a; i++) {
          Fr.mul(term, 0, vals, i * L, factors, i * L);
          Fr.mul(term, 0, term, 0, WalkMath.fr(g.coeffs()[i]), 0);
          Fr.add(acc, 0, acc, 0, term, 0);
          res.add(new Claim(g.xs()[i], pts[i], WalkMath.at(vals, i)));
        }
        if (!Fr.equal(acc, 0, cl.value(), 0)) {
          return Checked.rejected("Lin: sum of stated inputs != claimed output");
        }
      }
      return Checked.ok(res);
    }
  }

  /** 6.4: (Y, z, v) becomes (X, z with 1/2 in the reduced variables, v / 2^m_A). */
  static List<Claim> reduce(ReduceSum g, Circuit c, List<Claim> claims) {
    TensorInfo x = c.tensor(g.x());
    long[] half = WalkMath.fr(2);
    Fr.inv(half, 0, half, 0);
    List<Claim> res = new ArrayList<>();
    for (Claim cl : claims) {
      long[] p = new long[x.vars() * L];
      long[] v = cl.value().clone();
      int yo = 0;
      int xo = 0;
      for (int d = 0; d < x.rank(); d++) {
        int m = TensorInfo.log2Ceil(x.dim(d));
        boolean reduced = false;
        for (int a : g.axes()) {
          reduced |= a == d;
        }
        for (int j = 0; j < m; j++) {
          if (reduced) {
            Fr.copy(p, (xo + j) * L, half, 0);
            Fr.mul(v, 0, v, 0, half, 0);
          } else {
            Fr.copy(p, (xo + j) * L, cl.point(), (yo + j) * L);
          }
        }
        if (!reduced) {
          yo += m;
        }
        xo += m;
      }
      res.add(new Claim(g.x(), p, v));
    }
    return res;
  }

  static final class ReduceSumProver implements GadgetProver<ReduceSum> {
    @Override
    public List<Claim> prove(ReduceSum g, Circuit c, ProverTables w, List<Claim> claims,
        ProofSink out, Transcript t) {
      return reduce(g, c, claims);
    }
  }

  static final class ReduceSumVerifier implements GadgetVerifier<ReduceSum> {
    @Override
    public Checked<List<Claim>> verify(ReduceSum g, Circuit c, List<Claim> claims, FieldReader in,
        Transcript t) {
      return Checked.ok(reduce(g, c, claims));
    }
  }

  static List<Claim> alias(Alias g, List<Claim> claims) {
    List<Claim> res = new ArrayList<>();
    for (Claim cl : claims) {
      res.add(new Claim(g.x(), cl.point(), cl.value()));
    }
    return res;
  }

  static final class AliasProver implements GadgetProver<Alias> {
    @Override
    public List<Claim> prove(Alias g, Circuit c, ProverTables w, List<Claim> claims,
        ProofSink out, Transcript t) {
      return alias(g, claims);
    }
  }

  static final class AliasVerifier implements GadgetVerifier<Alias> {
    @Override
    public Checked<List<Claim>> verify(Alias g, Circuit c, List<Claim> claims, FieldReader in,
        Transcript t) {
      if (!Alias.bitCompatible(c.tensor(g.x()).shape(), c.tensor(g.y()).shape())) {
        return Checked.rejected("Alias between layouts that are not bit-compatible");
      }
      return Checked.ok(alias(g, claims));
    }
  }
}
