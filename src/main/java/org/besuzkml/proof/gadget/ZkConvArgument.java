package org.besuzkml.proof.gadget;

import java.util.ArrayList;
import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.sumcheck.Masked;
import org.besuzkml.sumcheck.ProductInstance;
import org.besuzkml.sumcheck.SubClaim;
import org.besuzkml.transcript.Transcript;

/**
 * 6.6 Conv (one group) in zero-knowledge mode (zk-design 4.2, 4.3 R3, 4.6): version 1's two runs on
 * the merged claim {@code (Y, (z_o, z_y, z_x), v, omega)}, each masked.
 * <ol>
 *   <li>Kernel run over {@code (c, i, j)} of {@code Wt(z_o, .)' U'} on {@code (v, omega)}: Wt and U
 *       replaced by their masked extensions in the last kernel variable, degrees
 *       {@code (2, .., 2, 4)} ({@code (2, .., 2, 3)} for public weights). At {@code r1} the prover states
 *       {@code w = Wt~(z_o, r1) + kappa1 Lambda[slot_w]} and {@code u = U~(r1) + kappa1 Lambda[slot_u]}
 *       (u is a stated factor that is not a tensor, {@link ZkStatements#FACTOR}); version 1's check
 *       {@code w u == final} becomes R3's Lambda-claim.</li>
 *   <li>Window run over {@code (h, w')} of {@code Ah Aw X(r_c, .)'} on the claim
 *       {@code (u, kappa1 e_slot_u)}: X's masked extension in the last window variable, degrees
 *       {@code (2, .., 2, 3)} ({@code (2, .., 2)} for a public X: {@code Ah Aw} is multilinear). At
 *       {@code r2} X is stated (its limbs when limb-backed); version 1's check
 *       {@code Ah~(r_h) Aw~(r_w) x0 == final} becomes R3's Lambda-claim.</li>
 * </ol>
 * Messages: version 1's, with the masked values and the raised last rounds; slots as
 * {@link ZkSumcheckEnd}: each run's coefficients, then its stated values (w then u; or u then W's
 * limbs). Lambda-claims in creation order: the kernel's R3, the window's (R3, or R1 below). Returned:
 * the claim on Wt (or its limbs) then the claim on X (or its limbs), as version 1. A kernel without
 * variables ({@code m_C + m_KH + m_KW = 0}: {@code w u} is a product of two stated values) runs over one dummy
 * variable ({@link ZkSumcheckEnd#runTables}, the claim doubled), degrees {@code (4)}; a window with
 * {@code m_H + m_W = 0} has no run and a linear check, masked additively (R1, {@link ZkScaledRun}).
 */
final class ZkConvArgument {
  private ZkConvArgument() {}

  private static final int L = Fr.LIMBS;

  /** The kernel run's degrees: the last one 2 for u plus Wt's (2, or 1 when public). */
  static int[] kernelDegrees(Conv g, Circuit c, ZkMasks m) {
    int last = ZkSumcheckEnd.factorDegree(g.w(), m) + ZkSumcheckEnd.factorDegree(ZkStatements.FACTOR, m);
    return ZkSumcheckEnd.degrees(ZkSumcheckEnd.runVars(ConvArgument.Vars.of(g, c).kernelVars()), 2, last);
  }

  /** The window run's degrees: the last one 1 for {@code Ah Aw} plus X's (2, or 1 when public). */
  static int[] windowDegrees(Conv g, Circuit c, ZkMasks m) {
    ConvArgument.Vars s = ConvArgument.Vars.of(g, c);
    return ZkScaledRun.degrees(s.mh() + s.mw(), g.x(), m);
  }

  /** Why this Conv with these claims has no masked argument, or null. */
  static String refusal(Conv g, Circuit c, List<ZkClaim> claims) {
    if (g.groups() != 1) {
      return "Conv: grouped convolution is not proven";
    }
    if (claims.size() != 1) {
      return "Conv: expected one merged claim, got " + claims.size();
    }
    return null;
  }

  /** The claim point's parts {@code (z_o, z_y, z_x)}. */
  private static long[][] split(ConvArgument.Vars s, long[] z) {
    return new long[][] {ConvArgument.slice(z, 0, s.mo()), ConvArgument.slice(z, s.mo(), s.moh()),
        ConvArgument.slice(z, s.mo() + s.moh(), s.mow())};
  }

  /** Wt at {@code (z_o, r1)}, then u at r1 (its value given on the prover side, null on the verifier's). */
  private static List<ZkStatements.Target> kernelTargets(Conv g, long[] zo, long[] r1, long[] u) {
    return List.of(new ZkStatements.Target(g.w(), ConvArgument.concat(zo, r1)), ZkStatements.Target.factor(r1, u));
  }

  /** {@code w u}: version 1's kernel final value on the stated values. */
  private static long[] kernelExpected(ZkStatements.Stated st) {
    long[] e = new long[L];
    Fr.mul(e, 0, st.values().get(0).value(), 0, st.values().get(1).value(), 0);
    return e;
  }

  /** {@code Ah~(r_h) Aw~(r_w)}, the verifier's window factor at the window point. */
  private static long[] windowFactor(Conv g, ConvArgument.Vars s, long[][] z, long[] r1, long[] r2) {
    long[] ri = ConvArgument.slice(r1, s.mc(), s.mkh());
    long[] rj = ConvArgument.slice(r1, s.mc() + s.mkh(), s.mkw());
    long[] ah = ConvArgument.axisAt(0, g, z[1], s.moh(), ri, s.mkh(), ConvArgument.slice(r2, 0, s.mh()), s.mh());
    long[] aw = ConvArgument.axisAt(1, g, z[2], s.mow(), rj, s.mkw(), ConvArgument.slice(r2, s.mh(), s.mw()),
        s.mw());
    long[] e = new long[L];
    Fr.mul(e, 0, ah, 0, aw, 0);
    return e;
  }

  /**
   * The window's end: X at {@code (r1_c, r2)}, the factor {@code Ah~ Aw~}. A window without variables (a
   * 1 x 1 input) has no run: version 1's {@code A x0 == u} is linear, R1 ({@link ZkScaledRun}).
   */
  private static ZkScaledRun.End windowEnd(Conv g, ConvArgument.Vars s, long[][] z, long[] r1) {
    return new ZkScaledRun.End() {
      @Override
      public ZkStatements.Target target(long[] r2) {
        return new ZkStatements.Target(g.x(), ConvArgument.concat(ConvArgument.slice(r1, 0, s.mc()), r2));
      }

      @Override
      public long[] factor(long[] r2) {
        return windowFactor(g, s, z, r1, r2);
      }
    };
  }

  private static List<ZkClaim> returned(ZkStatements.Stated kernel, ZkStatements.Stated window) {
    List<ZkClaim> res = new ArrayList<>(kernel.returned());
    res.addAll(window.returned());
    return List.copyOf(res);
  }

  static final class Prover implements ZkGadgetArguments.Prover<Conv> {
    @Override
    public List<ZkClaim> prove(Conv g, Circuit c, ProverTables w, List<ZkClaim> claims, ProofSink out,
        Transcript t, ZkMasks m) {
      if (claims.isEmpty()) {
        return List.of();
      }
      String bad = refusal(g, c, claims);
      if (bad != null) {
        throw new IllegalArgumentException(bad);
      }
      ConvArgument.Vars s = ConvArgument.Vars.of(g, c);
      ZkClaim cl = claims.get(0);
      long[][] z = split(s, cl.point());
      int kv = s.kernelVars();
      long[][] k = ConvArgument.kernelTables(g, c, w, s, z[0], z[1], z[2]);
      long[][] kr = ZkSumcheckEnd.runTables(kv, k[0], k[1]);
      Masked<SubClaim> e1 = ZkSumcheckEnd.run(new ProductInstance(ZkSumcheckEnd.runVars(kv), kr[0], kr[1]),
          new int[] {0, 1}, new int[] {g.w(), ZkStatements.FACTOR}, kernelDegrees(g, c, m),
          ZkSumcheckEnd.runClaim(kv, cl), m, out, t);
      long[] run1 = e1.claim().point();
      long[] r1 = ZkSumcheckEnd.tensorPoint(kv, run1);
      ZkStatements.Stated st1 = ZkSumcheckEnd.prove(kernelTargets(g, z[0], r1, WalkMath.evaluate(k[1], kv, r1)),
          run1, ZkSumcheckEnd.runVars(kv), c, w, m, out, t);
      ZkSumcheckEnd.close(e1, kernelExpected(st1), m);
      int sv = s.mh() + s.mw();
      long[][] win = sv == 0 ? new long[2][] : ConvArgument.windowTables(g, w, s, z[1], z[2], r1);
      ZkStatements.Stated st2 = ZkScaledRun.prove(win[0], win[1], g.x(), sv, st1.values().get(1),
          windowEnd(g, s, z, r1), c, w, m, out, t);
      return returned(st1, st2);
    }
  }

  static final class Verifier implements ZkGadgetArguments.Verifier<Conv> {
    @Override
    public Checked<List<ZkClaim>> verify(Conv g, Circuit c, List<ZkClaim> claims, FieldReader in, Transcript t,
        ZkMasks m) {
      if (claims.isEmpty()) {
        return Checked.ok(List.of()); // nothing consumes Y: no claim to reduce
      }
      String bad = refusal(g, c, claims);
      if (bad != null) {
        return Checked.rejected(bad);
      }
      ConvArgument.Vars s = ConvArgument.Vars.of(g, c);
      ZkClaim cl = claims.get(0);
      long[][] z = split(s, cl.point());
      int kv = s.kernelVars();
      Checked<Masked<SubClaim>> sc1 = ZkSumcheckEnd.rounds(ZkSumcheckEnd.runClaim(kv, cl), kernelDegrees(g, c, m), m,
          in, t);
      if (!sc1.isOk()) {
        return sc1.rethrow("Conv kernel");
      }
      long[] run1 = sc1.value().claim().point();
      long[] r1 = ZkSumcheckEnd.tensorPoint(kv, run1);
      Checked<ZkStatements.Stated> st1 = ZkSumcheckEnd.verify(kernelTargets(g, z[0], r1, null), run1,
          ZkSumcheckEnd.runVars(kv), c, m, in, t);
      if (!st1.isOk()) {
        return st1.rethrow("Conv kernel");
      }
      ZkSumcheckEnd.close(sc1.value(), kernelExpected(st1.value()), m);
      Checked<ZkStatements.Stated> st2 = ZkScaledRun.verify(g.x(), s.mh() + s.mw(), st1.value().values().get(1),
          windowEnd(g, s, z, r1), c, m, in, t, "Conv window");
      if (!st2.isOk()) {
        return Checked.rejected(st2.reason());
      }
      return Checked.ok(returned(st1.value(), st2.value()));
    }
  }
}
