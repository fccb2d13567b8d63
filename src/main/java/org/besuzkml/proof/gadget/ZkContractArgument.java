package org.besuzkml.proof.gadget;

import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.sumcheck.Masked;
import org.besuzkml.sumcheck.ProductInstance;
import org.besuzkml.sumcheck.SubClaim;
import org.besuzkml.transcript.Transcript;

/**
 * Contract (6.5) in zero-knowledge mode (zk-design 4.3 R3, 4.6): version 1's sumcheck over the
 * batch and inner variables {@code (b, k)} on the merged claim {@code (Y, z, v, omega)}, masked, with
 * A and B replaced by their masked extensions in the last variable (the last of {@code k}, or of
 * {@code b} when {@code m_k = 0}: both operands depend on it). Round degrees: version 1's in every
 * round but the last, which has one per unmasked operand, two per masked one, plus one for
 * {@code eq(z_b, b)} when the last variable is a batch variable (no batch: 4; with batch: 4, or 5
 * when {@code m_k = 0}; a public operand one less). The final check {@code eq(z_b, r_b) a c} on the
 * stated values becomes R3's Lambda-claim. With {@code m_b + m_k = 0} ({@code Y = A B} an outer product)
 * version 1 has no run and checks {@code v = a c}, a product of two stated values, which no additive mask
 * can carry: the run goes over one dummy variable in which A and B are constant
 * ({@link ZkSumcheckEnd#constantExtension}), on the doubled claim, so both get their masked extensions and
 * the check is R3's, degrees {@code (4)} ({@code (3)} with a public operand).
 */
final class ZkContractArgument {
  private ZkContractArgument() {}

  private static final int L = Fr.LIMBS;

  /** The round degrees of a Contract's masked run. */
  static int[] degrees(ContractArgument s, Contract g, ZkMasks m) {
    int eqLast = s.mb() > 0 && s.mk() == 0 ? 1 : 0;
    int last = eqLast + ZkSumcheckEnd.factorDegree(g.a(), m) + ZkSumcheckEnd.factorDegree(g.b(), m);
    return ZkSumcheckEnd.degrees(runVars(s), s.degree(), last);
  }

  /** The run's variables: {@code (b, k)}, or one dummy variable when there is none. */
  private static int runVars(ContractArgument s) {
    return ZkSumcheckEnd.runVars(s.mb() + s.mk());
  }

  /** The claim the run reduces: the merged claim, doubled over a dummy variable. */
  private static ZkClaim runClaim(ContractArgument s, ZkClaim cl) {
    return ZkSumcheckEnd.runClaim(s.mb() + s.mk(), cl);
  }

  private static List<ZkStatements.Target> targets(ContractArgument s, Contract g, long[] z, long[] r) {
    List<Claim> pts = s.claims(g, z, r, new long[2 * L]);
    return List.of(new ZkStatements.Target(g.a(), pts.get(0).point()),
        new ZkStatements.Target(g.b(), pts.get(1).point()));
  }

  private static String refusal(ContractArgument s, List<ZkClaim> claims) {
    if (s == null) {
      return "Contract: batch broadcasting is not proven";
    }
    if (claims.size() != 1) {
      return "Contract: expected one merged claim, got " + claims.size();
    }
    return null;
  }

  static final class Prover implements ZkGadgetArguments.Prover<Contract> {
    @Override
    public List<ZkClaim> prove(Contract g, Circuit c, ProverTables w, List<ZkClaim> claims, ProofSink out,
        Transcript t, ZkMasks m) {
      if (claims.isEmpty()) {
        return List.of();
      }
      ContractArgument s = ContractArgument.of(g, c);
      String bad = refusal(s, claims);
      if (bad != null) {
        throw new IllegalArgumentException(bad);
      }
      ZkClaim cl = claims.get(0);
      long[][] f = s.folded(g, w, cl.point());
      int k = runVars(s);
      boolean batch = s.mb() > 0;
      f = ZkSumcheckEnd.runTables(s.mb() + s.mk(), f); // no batch over a dummy variable: f[0] is unused
      ProductInstance inst = batch ? new ProductInstance(k, f[0], f[1], f[2]) : new ProductInstance(k, f[1], f[2]);
      int[] factorTarget = batch ? new int[] {-1, 0, 1} : new int[] {0, 1};
      Masked<SubClaim> end = ZkSumcheckEnd.run(inst, factorTarget, new int[] {g.a(), g.b()}, degrees(s, g, m),
          runClaim(s, cl), m, out, t);
      long[] r = end.claim().point();
      ZkStatements.Stated st = ZkSumcheckEnd.prove(targets(s, g, cl.point(), r), r, k, c, w, m, out, t);
      ZkSumcheckEnd.close(end, expected(s, cl.point(), r, st), m);
      return st.returned();
    }
  }

  /** {@code eq(z_b, r_b) a c}: version 1's final value on the stated (masked) values. */
  static long[] expected(ContractArgument s, long[] z, long[] r, ZkStatements.Stated st) {
    long[] e = new long[L];
    Multilinear.eqEvaluate(e, 0, z, 0, r, 0, s.mb());
    Fr.mul(e, 0, e, 0, st.values().get(0).value(), 0);
    Fr.mul(e, 0, e, 0, st.values().get(1).value(), 0);
    return e;
  }

  static final class Verifier implements ZkGadgetArguments.Verifier<Contract> {
    @Override
    public Checked<List<ZkClaim>> verify(Contract g, Circuit c, List<ZkClaim> claims, FieldReader in, Transcript t,
        ZkMasks m) {
      if (claims.isEmpty()) {
        return Checked.ok(List.of());
      }
      ContractArgument s = ContractArgument.of(g, c);
      String bad = refusal(s, claims);
      if (bad != null) {
        return Checked.rejected(bad);
      }
      ZkClaim cl = claims.get(0);
      int k = runVars(s);
      Checked<Masked<SubClaim>> sc = ZkSumcheckEnd.rounds(runClaim(s, cl), degrees(s, g, m), m, in, t);
      if (!sc.isOk()) {
        return sc.rethrow("Contract");
      }
      long[] r = sc.value().claim().point();
      Checked<ZkStatements.Stated> st = ZkSumcheckEnd.verify(targets(s, g, cl.point(), r), r, k, c, m, in, t);
      if (!st.isOk()) {
        return st.rethrow("Contract");
      }
      ZkSumcheckEnd.close(sc.value(), expected(s, cl.point(), r, st.value()), m);
      return Checked.ok(st.value().returned());
    }
  }
}
