package org.besuzkml.proof.gadget;

import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.transcript.Transcript;

/**
 * 6.2 Requant at a fresh point {@code z*}: the prover states {@code q~(z*)} and {@code r~(z*)}
 * (opening claims, expanded to limbs by the Decomp defines of q and r); the verifier places the
 * pending claim {@code (acc, z*, 2^k q~ + r~ - 2^(k-1) sel(z*))}. Claims that consumers made on q
 * and r are openings, not needed here (4.4 rule 3).
 */
final class RequantArgument {
  private RequantArgument() {}

  static final int L = Fr.LIMBS;

  static List<Claim> claims(Requant g, Circuit c, long[] z, long[] vals) {
    long[] acc = new long[L];
    Fr.mul(acc, 0, vals, 0, WalkMath.fr(1L << g.k()), 0);
    Fr.add(acc, 0, acc, 0, vals, L);
    long[] half = WalkMath.sel(c.tensor(g.acc()), z);
    Fr.mul(half, 0, half, 0, WalkMath.fr(1L << (g.k() - 1)), 0);
    Fr.sub(acc, 0, acc, 0, half, 0);
    return List.of(new Claim(g.q(), z, WalkMath.at(vals, 0)),
        new Claim(g.r(), z, WalkMath.at(vals, 1)), new Claim(g.acc(), z, acc));
  }

  static final class Prover implements GadgetProver<Requant> {
    @Override
    public List<Claim> prove(Requant g, Circuit c, ProverTables w, List<Claim> claims,
        ProofSink out, Transcript t) {
      int m = c.tensor(g.acc()).vars();
      long[] z = t.challengeFrs(WalkMath.FRESH, m);
      long[] vals = new long[2 * L];
      Fr.copy(vals, 0, WalkMath.evaluate(w.mle(g.q()), m, z), 0);
      Fr.copy(vals, L, WalkMath.evaluate(w.mle(g.r()), m, z), 0);
      WalkMath.state(vals, 2, out, t);
      return claims(g, c, z, vals);
    }
  }

  static final class Verifier implements GadgetVerifier<Requant> {
    @Override
    public Checked<List<Claim>> verify(Requant g, Circuit c, List<Claim> claims, FieldReader in,
        Transcript t) {
      if (g.k() < 1 || g.k() > 62) {
        return Checked.rejected("Requant: shift out of range");
      }
      long[] z = t.challengeFrs(WalkMath.FRESH, c.tensor(g.acc()).vars());
      long[] vals = WalkMath.read(2, in, t);
      if (vals == null) {
        return Checked.rejected("Requant: proof too short");
      }
      return Checked.ok(claims(g, c, z, vals));
    }
  }
}
