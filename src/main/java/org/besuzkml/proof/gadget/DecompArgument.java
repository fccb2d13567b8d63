package org.besuzkml.proof.gadget;

import java.util.ArrayList;
import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.transcript.Transcript;

/**
 * 6.1 Decomp. Define mode: every claim {@code (x, z, v)} on the limb-backed tensor becomes opening
 * claims on the limbs: the prover states {@code l_j~(z)}, the verifier checks
 * {@code (o - off) sel(z) + sum_j 2^(w j) l_j~ == v}. Check mode: at a fresh point the prover
 * states the limbs and the verifier places the pending claim {@code (x, z*, recomposed)}.
 */
final class DecompArgument {
  private DecompArgument() {}

  static final int L = Fr.LIMBS;

  static long[] recompose(Decomp g, Circuit c, long[] z, long[] limbs) {
    long off = g.signed() ? 1L << (g.bits() - 1) : 0;
    long[] acc = WalkMath.sel(c.tensor(g.x()), z);
    long[] base = WalkMath.fr(g.offset());
    Fr.sub(base, 0, base, 0, WalkMath.fr(off), 0);
    Fr.mul(acc, 0, acc, 0, base, 0);
    long[] pow = WalkMath.one();
    long[] step = WalkMath.fr(1L << g.width());
    long[] term = new long[L];
    for (int j = 0; j < g.limbs().length; j++) {
      Fr.mul(term, 0, limbs, j * L, pow, 0);
      Fr.add(acc, 0, acc, 0, term, 0);
      Fr.mul(pow, 0, pow, 0, step, 0);
    }
    return acc;
  }

  private static List<Claim> points(Decomp g, Circuit c, List<Claim> claims, Transcript t) {
    if (g.define()) {
      return claims;
    }
    long[] z = t.challengeFrs(WalkMath.FRESH, c.tensor(g.x()).vars());
    return List.of(new Claim(g.x(), z, null));
  }

  static final class Prover implements GadgetProver<Decomp> {
    @Override
    public List<Claim> prove(Decomp g, Circuit c, ProverTables w, List<Claim> claims,
        ProofSink out, Transcript t) {
      List<Claim> res = new ArrayList<>();
      int m = c.tensor(g.x()).vars();
      int n = g.limbs().length;
      for (Claim cl : points(g, c, claims, t)) {
        long[] vals = new long[n * L];
        for (int j = 0; j < n; j++) {
          long[] v = WalkMath.evaluate(w.mle(g.limbs()[j]), m, cl.point());
          Fr.copy(vals, j * L, v, 0);
          res.add(new Claim(g.limbs()[j], cl.point(), v));
        }
        WalkMath.state(vals, n, out, t);
        if (!g.define()) {
          res.add(new Claim(g.x(), cl.point(), recompose(g, c, cl.point(), vals)));
        }
      }
      return res;
    }
  }

  static final class Verifier implements GadgetVerifier<Decomp> {
    @Override
    public Checked<List<Claim>> verify(Decomp g, Circuit c, List<Claim> claims, FieldReader in,
        Transcript t) {
      if (g.bits() < 1 || g.bits() > 63 || (g.width() != 8 && g.width() != 16)
          || g.limbs().length != Decomp.limbCount(g.bits(), g.width())) {
        return Checked.rejected("Decomp: malformed parameters");
      }
      List<Claim> res = new ArrayList<>();
      int n = g.limbs().length;
      for (Claim cl : points(g, c, claims, t)) {
        long[] vals = WalkMath.read(n, in, t);
        if (vals == null) {
          return Checked.rejected("Decomp: proof too short");
        }
        for (int j = 0; j < n; j++) {
          res.add(new Claim(g.limbs()[j], cl.point(), WalkMath.at(vals, j)));
        }
        long[] v = recompose(g, c, cl.point(), vals);
        if (g.define()) {
          if (!Fr.equal(v, 0, cl.value(), 0)) {
            return Checked.rejected("Decomp: limbs do not recompose to the claimed value");
          }
        } else {
          res.add(new Claim(g.x(), cl.point(), v));
        }
      }
      return Checked.ok(res);
    }
  }
}
