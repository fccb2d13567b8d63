package org.besuzkml.proof.gadget;

import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.CompositeInstance;
import org.besuzkml.sumcheck.Composition;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.sumcheck.Masked;
import org.besuzkml.sumcheck.SubClaim;
import org.besuzkml.transcript.Transcript;

/**
 * 6.8 Wire with one input in zero-knowledge mode (zk-design 4.3 R3, 4.6): version 1's
 * {@code SC(m_X, 2)} of {@code Sel_z(x) X(x)} on the claim {@code (Y, z, v - E(z), omega)}, masked,
 * with X replaced by its masked extension: degrees {@code (2, .., 2, 3)} ({@code (2, .., 2)} for a
 * public X). X is stated at the run's end and version 1's final check {@code Sel_z(r) X(r)} becomes
 * R3's Lambda-claim. Several inputs (Concat: a batched run, one mask over its K rounds) and
 * zero-variable inputs are refused by reason.
 */
final class ZkWireArgument {
  private ZkWireArgument() {}

  private static final int L = Fr.LIMBS;

  static int[] degrees(Wire g, Circuit c, ZkMasks m) {
    int x = g.xs()[0];
    return ZkSumcheckEnd.degrees(c.tensor(x).vars(), 2, 1 + ZkSumcheckEnd.factorDegree(x, m));
  }

  /** Why this Wire with these claims has no masked run yet, or null. */
  static String refusal(Wire g, Circuit c, List<ZkClaim> claims) {
    if (claims.size() != 1) {
      return "Wire: expected one merged claim, got " + claims.size();
    }
    if (g.xs().length != 1) {
      return "Wire: several inputs (Concat) are not masked yet";
    }
    if (c.tensor(g.xs()[0]).vars() == 0) {
      return "Wire: no variable to mask";
    }
    return null;
  }

  /** The claim the run reduces: version 1's {@code v - E(z)} with the claim's offset. */
  private static ZkClaim target(Wire g, ZkClaim cl, long[] eq) {
    long[] v = cl.value().clone();
    Fr.sub(v, 0, v, 0, WireArgument.constantPart(g, eq), 0);
    return new ZkClaim(cl.tensor(), cl.point(), v, cl.omega());
  }

  /** {@code Sel_z(r) v_X}: version 1's final value on the stated value. */
  private static long[] expected(Wire g, Circuit c, long[] eq, long[] r, ZkStatements.Stated s) {
    long[] sel = WireArgument.selAt(g, c, eq, new long[][] {r})[0];
    Fr.mul(sel, 0, sel, 0, s.values().get(0).value(), 0);
    return sel;
  }

  static final class Prover implements ZkGadgetArguments.Prover<Wire> {
    @Override
    public List<ZkClaim> prove(Wire g, Circuit c, ProverTables w, List<ZkClaim> claims, ProofSink out,
        Transcript t, ZkMasks m) {
      if (claims.isEmpty()) {
        return List.of();
      }
      String bad = refusal(g, c, claims);
      if (bad != null) {
        throw new IllegalArgumentException(bad);
      }
      int x = g.xs()[0];
      int vars = c.tensor(x).vars();
      long[] eq = WireArgument.eqOut(c.tensor(g.y()), claims.get(0).point());
      long[] sel = WireArgument.selTables(g, c, eq)[0];
      CompositeInstance inst = new CompositeInstance(Composition.product(2), vars, sel, w.mle(x));
      Masked<SubClaim> end = ZkSumcheckEnd.run(inst, new int[] {-1, 0}, new int[] {x}, degrees(g, c, m),
          target(g, claims.get(0), eq), m, out, t);
      long[] r = end.claim().point();
      ZkStatements.Stated s = ZkSumcheckEnd.prove(List.of(new ZkStatements.Target(x, r)), r, vars, c, w, m,
          out, t);
      ZkSumcheckEnd.close(end, expected(g, c, eq, r, s), m);
      return s.returned();
    }
  }

  static final class Verifier implements ZkGadgetArguments.Verifier<Wire> {
    @Override
    public Checked<List<ZkClaim>> verify(Wire g, Circuit c, List<ZkClaim> claims, FieldReader in, Transcript t,
        ZkMasks m) {
      if (claims.isEmpty()) {
        return Checked.ok(List.of()); // nothing consumes Y: no claim to reduce
      }
      String bad = refusal(g, c, claims);
      if (bad != null) {
        return Checked.rejected(bad);
      }
      int x = g.xs()[0];
      int vars = c.tensor(x).vars();
      long[] eq = WireArgument.eqOut(c.tensor(g.y()), claims.get(0).point());
      Checked<Masked<SubClaim>> sc = ZkSumcheckEnd.rounds(target(g, claims.get(0), eq), degrees(g, c, m), m, in,
          t);
      if (!sc.isOk()) {
        return sc.rethrow("Wire");
      }
      long[] r = sc.value().claim().point();
      Checked<ZkStatements.Stated> s = ZkSumcheckEnd.verify(List.of(new ZkStatements.Target(x, r)), r, vars, c,
          m, in, t);
      if (!s.isOk()) {
        return s.rethrow("Wire");
      }
      ZkSumcheckEnd.close(sc.value(), expected(g, c, eq, r, s.value()), m);
      return Checked.ok(s.value().returned());
    }
  }
}
