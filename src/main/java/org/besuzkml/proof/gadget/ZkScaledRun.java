package org.besuzkml.proof.gadget;

import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.sumcheck.Masked;
import org.besuzkml.sumcheck.ProductInstance;
import org.besuzkml.sumcheck.SubClaim;
import org.besuzkml.transcript.Transcript;

/**
 * The masked reduction of a claim {@code (Y, z, v, omega)} on {@code sum_x F(x) X(x)}, F structured (the
 * verifier computes {@code F~(r)} itself) and X one stated tensor: Wire's {@code Sel_z X}, Conv's window
 * {@code Ah Aw X} (zk-design 4.3 R3, 4.6). With variables: the masked run of {@code F X'} (X's masked
 * extension in the last variable), degrees {@code (2, .., 2, 3)} ({@code (2, .., 2)} for a public X), X
 * stated at the end, and version 1's final check {@code F~(r) x} as R3's Lambda-claim. Without variables
 * there is no run and the check {@code v = F x} is linear in the stated value: X is stated additively
 * ({@link ZkStatements}) and the check is R1's {@code <omega - F omega_x, Lambda> = v - F x}, sound and
 * hiding with nothing to mask a variable of.
 */
final class ZkScaledRun {
  private ZkScaledRun() {}

  private static final int L = Fr.LIMBS;

  /** Where X is stated and what F is, at the run's point (empty without variables). */
  interface End {
    ZkStatements.Target target(long[] r);

    long[] factor(long[] r);
  }

  /** The run's degrees: the last one 1 for F plus X's (2, or 1 when public); none without variables. */
  static int[] degrees(int vars, int x, ZkMasks m) {
    return ZkSumcheckEnd.degrees(vars, 2, 1 + ZkSumcheckEnd.factorDegree(x, m));
  }

  /** Prover: the run on {@code F} and X's table (both of {@code 2^vars} entries), then X stated. */
  static ZkStatements.Stated prove(long[] f, long[] xTable, int x, int vars, ZkClaim claim, End end, Circuit c,
      ProverTables w, ZkMasks m, ProofSink out, Transcript t) {
    if (vars == 0) {
      ZkStatements.Stated st = ZkStatements.prove(List.of(end.target(new long[0])), c, w, m, out, t);
      linear(claim, end.factor(new long[0]), st, m);
      return st;
    }
    Masked<SubClaim> e = ZkSumcheckEnd.run(new ProductInstance(vars, f, xTable), new int[] {-1, 0}, new int[] {x},
        degrees(vars, x, m), claim, m, out, t);
    long[] r = e.claim().point();
    ZkStatements.Stated st = ZkSumcheckEnd.prove(List.of(end.target(r)), r, vars, c, w, m, out, t);
    ZkSumcheckEnd.close(e, scaled(end.factor(r), st), m);
    return st;
  }

  /** Verifier: the same, reading the run and the statement; {@code who} prefixes a refusal. */
  static Checked<ZkStatements.Stated> verify(int x, int vars, ZkClaim claim, End end, Circuit c, ZkMasks m,
      FieldReader in, Transcript t, String who) {
    if (vars == 0) {
      Checked<ZkStatements.Stated> st = ZkStatements.verify(List.of(end.target(new long[0])), c, m, in, t);
      if (!st.isOk()) {
        return st.rethrow(who);
      }
      linear(claim, end.factor(new long[0]), st.value(), m);
      return st;
    }
    Checked<Masked<SubClaim>> sc = ZkSumcheckEnd.rounds(claim, degrees(vars, x, m), m, in, t);
    if (!sc.isOk()) {
      return sc.rethrow(who);
    }
    long[] r = sc.value().claim().point();
    Checked<ZkStatements.Stated> st = ZkSumcheckEnd.verify(List.of(end.target(r)), r, vars, c, m, in, t);
    if (!st.isOk()) {
      return st.rethrow(who);
    }
    ZkSumcheckEnd.close(sc.value(), scaled(end.factor(r), st.value()), m);
    return st;
  }

  /** {@code F x}: version 1's final value on the stated value. */
  private static long[] scaled(long[] f, ZkStatements.Stated st) {
    long[] e = new long[L];
    Fr.mul(e, 0, f, 0, st.values().get(0).value(), 0);
    return e;
  }

  /** R1: {@code <omega - F omega_x, Lambda> = v - F x}. */
  private static void linear(ZkClaim claim, long[] f, ZkStatements.Stated st, ZkMasks m) {
    ZkClaim x = st.values().get(0);
    long[] v = claim.value().clone();
    Fr.sub(v, 0, v, 0, scaled(f, st), 0);
    long[] minus = new long[L];
    Fr.neg(minus, 0, f, 0);
    m.defer(claim.omega().copy().addScaled(x.omega(), minus, 0), v);
  }
}
