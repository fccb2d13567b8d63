package org.besuzkml.proof.gadget;

import java.util.ArrayList;
import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.MaskForm;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.transcript.Transcript;

/**
 * The linear gadgets in zero-knowledge mode (zk-design 4.3). Lin (R1): per claim
 * {@code (Y, z, v_Y, omega_Y)} the inputs are stated at version 1's points, masked
 * ({@link ZkStatements}: public inputs as is, limb-backed inputs through their limbs), and the
 * linear check becomes the Lambda-claim
 * {@code <omega_Y - sum c_i f_i omega_i, Lambda> = v_Y - sum c_i f_i v_i - c0 sel_Y(z)} with
 * {@code f_i} the broadcast factors. ReduceSum and Alias (R2): the value and the offset by the
 * same linear map, no message.
 */
final class ZkLinearArguments {
  private ZkLinearArguments() {}

  private static final int L = Fr.LIMBS;

  private static List<ZkStatements.Target> targets(Lin g, long[][] pts) {
    List<ZkStatements.Target> r = new ArrayList<>();
    for (int i = 0; i < pts.length; i++) {
      r.add(new ZkStatements.Target(g.xs()[i], pts[i]));
    }
    return r;
  }

  /** R1 for one claim on Y, from the inputs' masked claims (same on both sides). */
  static void linCheck(Lin g, Circuit c, ZkClaim cl, long[] factors, List<ZkClaim> inputs,
      ZkMasks m) {
    long[] value = WalkMath.sel(c.tensor(g.y()), cl.point());
    Fr.mul(value, 0, value, 0, WalkMath.fr(g.c0()), 0);
    Fr.sub(value, 0, cl.value(), 0, value, 0);
    MaskForm omega = cl.omega().copy();
    long[] cf = new long[L];
    long[] t = new long[L];
    for (int i = 0; i < inputs.size(); i++) {
      Fr.mul(cf, 0, factors, i * L, WalkMath.fr(g.coeffs()[i]), 0);
      Fr.mul(t, 0, cf, 0, inputs.get(i).value(), 0);
      Fr.sub(value, 0, value, 0, t, 0);
      Fr.neg(t, 0, cf, 0);
      omega.addScaled(inputs.get(i).omega(), t, 0);
    }
    m.defer(omega, value);
  }

  static final class LinProver implements ZkGadgetArguments.Prover<Lin> {
    @Override
    public List<ZkClaim> prove(Lin g, Circuit c, ProverTables w, List<ZkClaim> claims,
        ProofSink out, Transcript t, ZkMasks m) {
      List<ZkClaim> res = new ArrayList<>();
      for (ZkClaim cl : claims) {
        long[] factors = new long[g.xs().length * L];
        long[][] pts = LinearArguments.points(g, c, cl.point(), factors);
        ZkStatements.Stated s = ZkStatements.prove(targets(g, pts), c, w, m, out, t);
        linCheck(g, c, cl, factors, s.values(), m);
        res.addAll(s.returned());
      }
      return res;
    }
  }

  static final class LinVerifier implements ZkGadgetArguments.Verifier<Lin> {
    @Override
    public Checked<List<ZkClaim>> verify(Lin g, Circuit c, List<ZkClaim> claims, FieldReader in,
        Transcript t, ZkMasks m) {
      if (g.coeffs().length != g.xs().length) {
        return Checked.rejected("Lin: one coefficient per input");
      }
      List<ZkClaim> res = new ArrayList<>();
      for (ZkClaim cl : claims) {
        long[] factors = new long[g.xs().length * L];
        long[][] pts = LinearArguments.points(g, c, cl.point(), factors);
        Checked<ZkStatements.Stated> s = ZkStatements.verify(targets(g, pts), c, m, in, t);
        if (!s.isOk()) {
          return s.rethrow("Lin");
        }
        linCheck(g, c, cl, factors, s.value().values(), m);
        res.addAll(s.value().returned());
      }
      return Checked.ok(res);
    }
  }

  /** 2^(-m_A): the factor version 1 applies to the value, for the reduced variables. */
  private static long[] reduceFactor(ReduceSum g, Circuit c) {
    TensorInfo x = c.tensor(g.x());
    long[] half = WalkMath.fr(2);
    Fr.inv(half, 0, half, 0);
    long[] f = WalkMath.one();
    for (int d = 0; d < x.rank(); d++) {
      boolean reduced = false;
      for (int a : g.axes()) {
        reduced |= a == d;
      }
      for (int j = 0; reduced && j < TensorInfo.log2Ceil(x.dim(d)); j++) {
        Fr.mul(f, 0, f, 0, half, 0);
      }
    }
    return f;
  }

  /** R2: {@code (v / 2^m_A, omega / 2^m_A)} at version 1's point. */
  static List<ZkClaim> reduce(ReduceSum g, Circuit c, List<ZkClaim> claims) {
    long[] f = reduceFactor(g, c);
    List<ZkClaim> res = new ArrayList<>();
    for (ZkClaim cl : claims) {
      Claim r = LinearArguments.reduce(g, c, List.of(cl.unmasked())).get(0);
      res.add(new ZkClaim(r.tensor(), r.point(), r.value(), new MaskForm().addScaled(cl.omega(), f,
          0)));
    }
    return res;
  }

  static final class ReduceSumProver implements ZkGadgetArguments.Prover<ReduceSum> {
    @Override
    public List<ZkClaim> prove(ReduceSum g, Circuit c, ProverTables w, List<ZkClaim> claims,
        ProofSink out, Transcript t, ZkMasks m) {
      return reduce(g, c, claims);
    }
  }

  static final class ReduceSumVerifier implements ZkGadgetArguments.Verifier<ReduceSum> {
    @Override
    public Checked<List<ZkClaim>> verify(ReduceSum g, Circuit c, List<ZkClaim> claims,
        FieldReader in, Transcript t, ZkMasks m) {
      return Checked.ok(reduce(g, c, claims));
    }
  }

  /** R2 with the identity map. */
  static List<ZkClaim> alias(Alias g, List<ZkClaim> claims) {
    List<ZkClaim> res = new ArrayList<>();
    for (ZkClaim cl : claims) {
      res.add(new ZkClaim(g.x(), cl.point(), cl.value(), cl.omega().copy()));
    }
    return res;
  }

  static final class AliasProver implements ZkGadgetArguments.Prover<Alias> {
    @Override
    public List<ZkClaim> prove(Alias g, Circuit c, ProverTables w, List<ZkClaim> claims,
        ProofSink out, Transcript t, ZkMasks m) {
      return alias(g, claims);
    }
  }

  static final class AliasVerifier implements ZkGadgetArguments.Verifier<Alias> {
    @Override
    public Checked<List<ZkClaim>> verify(Alias g, Circuit c, List<ZkClaim> claims, FieldReader in,
        Transcript t, ZkMasks m) {
      if (!Alias.bitCompatible(c.tensor(g.x()).shape(), c.tensor(g.y()).shape())) {
        return Checked.rejected("Alias between layouts that are not bit-compatible");
      }
      return Checked.ok(alias(g, claims));
    }
  }
}
