package org.besuzkml.proof.gadget;

import java.util.ArrayList;
import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.MaskForm;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.transcript.Transcript;

/**
 * 6.2 Requant in zero-knowledge mode (zk-design 4.2, 4.3 R2): at version 1's fresh point
 * {@code z*}, q and r are stated additively. Both are limb-backed, so their values are not sent:
 * their limbs are, one record each with a slot per limb (version 1 sends {@code q~, r~} and then
 * the same limb records). The pending claim on acc is version 1's,
 * {@code 2^k v_q + v_r - 2^(k-1) sel(z*)}, with the offset {@code 2^k omega_q + omega_r}, each
 * {@code omega} its limbs' recomposition.
 */
final class ZkRequantArgument {
  private ZkRequantArgument() {}

  private static List<ZkStatements.Target> targets(Requant g, long[] z) {
    return List.of(new ZkStatements.Target(g.q(), z), new ZkStatements.Target(g.r(), z));
  }

  /** The limb (or value) claims of q and r, then the pending claim on acc. */
  static List<ZkClaim> claims(Requant g, Circuit c, long[] z, ZkStatements.Stated s) {
    ZkClaim q = s.values().get(0);
    ZkClaim r = s.values().get(1);
    long[] vals = new long[2 * Fr.LIMBS];
    Fr.copy(vals, 0, q.value(), 0);
    Fr.copy(vals, Fr.LIMBS, r.value(), 0);
    Claim acc = RequantArgument.claims(g, c, z, vals).get(2);
    MaskForm omega = new MaskForm().addScaled(q.omega(), WalkMath.fr(1L << g.k()), 0)
        .addScaled(r.omega(), WalkMath.one(), 0);
    List<ZkClaim> res = new ArrayList<>(s.returned());
    res.add(new ZkClaim(acc.tensor(), acc.point(), acc.value(), omega));
    return res;
  }

  static final class Prover implements ZkGadgetArguments.Prover<Requant> {
    @Override
    public List<ZkClaim> prove(Requant g, Circuit c, ProverTables w, List<ZkClaim> claims,
        ProofSink out, Transcript t, ZkMasks m) {
      long[] z = t.challengeFrs(WalkMath.FRESH, c.tensor(g.acc()).vars());
      return claims(g, c, z, ZkStatements.prove(targets(g, z), c, w, m, out, t));
    }
  }

  static final class Verifier implements ZkGadgetArguments.Verifier<Requant> {
    @Override
    public Checked<List<ZkClaim>> verify(Requant g, Circuit c, List<ZkClaim> claims,
        FieldReader in, Transcript t, ZkMasks m) {
      if (g.k() < 1 || g.k() > 62) {
        return Checked.rejected("Requant: shift out of range");
      }
      long[] z = t.challengeFrs(WalkMath.FRESH, c.tensor(g.acc()).vars());
      Checked<ZkStatements.Stated> s = ZkStatements.verify(targets(g, z), c, m, in, t);
      return s.isOk() ? Checked.ok(claims(g, c, z, s.value())) : s.rethrow("Requant");
    }
  }
}
