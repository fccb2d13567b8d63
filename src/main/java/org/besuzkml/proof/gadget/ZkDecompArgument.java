package org.besuzkml.proof.gadget;

import java.util.ArrayList;
import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.MaskForm;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.transcript.Transcript;

/**
 * 6.1 Decomp in zero-knowledge mode (zk-design 4.2, 4.3). The limbs are stated with a slot each
 * ({@link ZkStatements#proveLimbs}). Check mode: at the fresh point {@code z*} (same challenge as
 * version 1) the pending claim on x is the limbs' recomposition, value and offset (R2). Define mode
 * with a claim {@code (x, z, v, omega)} (one that reached a limb-backed tensor through a linear map,
 * never a stated value of x, which zero knowledge does not state): the limbs at z, and the
 * recomposition check as the Lambda-claim {@code <omega - omega_rec, Lambda> = v - v_rec} (R1).
 * Messages as version 1's: one record of limbs per claim (check mode: one).
 */
final class ZkDecompArgument {
  private ZkDecompArgument() {}

  /** Version 1's parameter checks, or null when the parameters are well formed. */
  static String refusal(Decomp g) {
    if (g.bits() < 1 || g.bits() > 63 || (g.width() != 8 && g.width() != 16)
        || g.limbs().length != Decomp.limbCount(g.bits(), g.width())) {
      return "Decomp: malformed parameters";
    }
    return null;
  }

  /** R1 of the define check: the claim on x against its limbs' recomposition. */
  static void defineCheck(ZkClaim cl, ZkStatements.Limbs l, ZkMasks m) {
    long[] minusOne = WalkMath.fr(-1);
    MaskForm omega = cl.omega().copy().addScaled(l.recomposed().omega(), minusOne, 0);
    long[] value = new long[Fr.LIMBS];
    Fr.sub(value, 0, cl.value(), 0, l.recomposed().value(), 0);
    m.defer(omega, value);
  }

  static final class Prover implements ZkGadgetArguments.Prover<Decomp> {
    @Override
    public List<ZkClaim> prove(Decomp g, Circuit c, ProverTables w, List<ZkClaim> claims,
        ProofSink out, Transcript t, ZkMasks m) {
      List<ZkClaim> res = new ArrayList<>();
      if (!g.define()) {
        long[] z = t.challengeFrs(WalkMath.FRESH, c.tensor(g.x()).vars());
        ZkStatements.Limbs l = ZkStatements.proveLimbs(g, c, z, w, m, out, t);
        res.addAll(l.limbClaims());
        res.add(l.recomposed());
        return res;
      }
      for (ZkClaim cl : claims) {
        ZkStatements.Limbs l = ZkStatements.proveLimbs(g, c, cl.point(), w, m, out, t);
        defineCheck(cl, l, m);
        res.addAll(l.limbClaims());
      }
      return res;
    }
  }

  static final class Verifier implements ZkGadgetArguments.Verifier<Decomp> {
    @Override
    public Checked<List<ZkClaim>> verify(Decomp g, Circuit c, List<ZkClaim> claims, FieldReader in,
        Transcript t, ZkMasks m) {
      String bad = refusal(g);
      if (bad != null) {
        return Checked.rejected(bad);
      }
      List<ZkClaim> res = new ArrayList<>();
      if (!g.define()) {
        long[] z = t.challengeFrs(WalkMath.FRESH, c.tensor(g.x()).vars());
        Checked<ZkStatements.Limbs> l = ZkStatements.verifyLimbs(g, c, z, m, in, t);
        if (!l.isOk()) {
          return l.rethrow("Decomp check");
        }
        res.addAll(l.value().limbClaims());
        res.add(l.value().recomposed());
        return Checked.ok(res);
      }
      for (ZkClaim cl : claims) {
        if (cl.tensor() != g.x()) {
          return Checked.rejected("Decomp: a claim on another tensor than x");
        }
        Checked<ZkStatements.Limbs> l = ZkStatements.verifyLimbs(g, c, cl.point(), m, in, t);
        if (!l.isOk()) {
          return l.rethrow("Decomp define");
        }
        defineCheck(cl, l.value(), m);
        res.addAll(l.value().limbClaims());
      }
      return Checked.ok(res);
    }
  }
}
