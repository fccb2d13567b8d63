package org.besuzkml.proof.gadget;

import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.transcript.Transcript;

/**
 * 6.8 Wire in zero-knowledge mode (zk-design 4.3, 4.6). One input: version 1's {@code SC(m_X, 2)} of
 * {@code Sel_z(x) X(x)} on the claim {@code (Y, z, v - E(z), omega)}, masked, with X replaced by its
 * masked extension: degrees {@code (2, .., 2, 3)} ({@code (2, .., 2)} for a public X); X is stated at the
 * run's end and version 1's final check {@code Sel_z(r) X(r)} becomes R3's Lambda-claim. A zero-variable
 * X has no run: the check {@code v - E = Sel_z x} is linear, R1 ({@link ZkScaledRun}). Several inputs
 * (Concat) are {@link ZkConcatArgument}'s.
 */
final class ZkWireArgument {
  private ZkWireArgument() {}

  static int[] degrees(Wire g, Circuit c, ZkMasks m) {
    int x = g.xs()[0];
    return ZkScaledRun.degrees(c.tensor(x).vars(), x, m);
  }

  /** Why this Wire with these claims has no masked argument, or null. */
  static String refusal(Wire g, Circuit c, List<ZkClaim> claims) {
    if (claims.size() != 1) {
      return "Wire: expected one merged claim, got " + claims.size();
    }
    if (g.xs().length == 0) {
      return "Wire: no input";
    }
    return null;
  }

  /** The claim the run reduces: version 1's {@code v - E(z)} with the claim's offset. */
  static ZkClaim target(Wire g, ZkClaim cl, long[] eq) {
    long[] v = cl.value().clone();
    Fr.sub(v, 0, v, 0, WireArgument.constantPart(g, eq), 0);
    return new ZkClaim(cl.tensor(), cl.point(), v, cl.omega());
  }

  /** X at the run's point, the factor {@code Sel_z} there. */
  private static ZkScaledRun.End end(Wire g, Circuit c, long[] eq) {
    return new ZkScaledRun.End() {
      @Override
      public ZkStatements.Target target(long[] r) {
        return new ZkStatements.Target(g.xs()[0], r);
      }

      @Override
      public long[] factor(long[] r) {
        return WireArgument.selAt(g, c, eq, new long[][] {r})[0];
      }
    };
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
      long[] eq = WireArgument.eqOut(c.tensor(g.y()), claims.get(0).point());
      ZkClaim cl = target(g, claims.get(0), eq);
      if (g.xs().length > 1) {
        return ZkConcatArgument.prove(g, c, w, cl, eq, out, t, m);
      }
      int x = g.xs()[0];
      long[] sel = WireArgument.selTables(g, c, eq)[0];
      return ZkScaledRun.prove(sel, w.mle(x), x, c.tensor(x).vars(), cl, end(g, c, eq), c, w, m, out, t)
          .returned();
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
      long[] eq = WireArgument.eqOut(c.tensor(g.y()), claims.get(0).point());
      ZkClaim cl = target(g, claims.get(0), eq);
      if (g.xs().length > 1) {
        return ZkConcatArgument.verify(g, c, cl, eq, in, t, m);
      }
      int x = g.xs()[0];
      Checked<ZkStatements.Stated> st = ZkScaledRun.verify(x, c.tensor(x).vars(), cl, end(g, c, eq), c, m, in, t,
          "Wire");
      return st.isOk() ? Checked.ok(st.value().returned()) : Checked.rejected(st.reason());
    }
  }
}
