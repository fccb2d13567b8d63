package org.besuzkml.proof.gadget;

import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.sumcheck.ProductInstance;
import org.besuzkml.sumcheck.SubClaim;
import org.besuzkml.sumcheck.SumcheckProver;
import org.besuzkml.sumcheck.SumcheckVerifier;
import org.besuzkml.transcript.Transcript;

/**
 * Shapes of a Contract in variables: batch {@code mb}, rows {@code mi}, inner {@code mk}, columns
 * {@code mj}. Version 1 proves equal batch shapes (no batch broadcasting).
 */
record ContractArgument(int mb, int mi, int mk, int mj) {
  static final int L = Fr.LIMBS;

  static ContractArgument of(Contract g, Circuit c) {
    TensorInfo a = c.tensor(g.a());
    TensorInfo b = c.tensor(g.b());
    TensorInfo y = c.tensor(g.y());
    int r = y.rank();
    int mb = 0;
    for (int d = 0; d < r - 2; d++) {
      if (a.dim(d) != y.dim(d) || b.dim(d) != y.dim(d)) {
        return null;
      }
      mb += TensorInfo.log2Ceil(y.dim(d));
    }
    return new ContractArgument(mb, TensorInfo.log2Ceil(a.dim(r - 2)),
        TensorInfo.log2Ceil(a.dim(r - 1)), TensorInfo.log2Ceil(b.dim(r - 1)));
  }

  int degree() {
    return mb > 0 ? 3 : 2;
  }

  /**
   * The prover's tables over {@code (b, k)}: {@code eq(z_b, b)}, {@code A~(b, z_i, k)} and
   * {@code B~(b, k, z_j)} (the first unused when there is no batch).
   */
  long[][] folded(Contract g, ProverTables w, long[] z) {
    long[] eqB = Multilinear.eqTable(z, 0, mb);
    long[] eqI = Multilinear.eqTable(z, mb * L, mi);
    long[] eqJ = Multilinear.eqTable(z, (mb + mi) * L, mj);
    long[] a = w.mle(g.a());
    long[] b = w.mle(g.b());
    int n = 1 << (mb + mk);
    long[] af = new long[n * L];
    long[] bf = new long[n * L];
    long[] e = new long[n * L];
    long[] tmp = new long[L];
    for (int bb = 0; bb < 1 << mb; bb++) {
      for (int k = 0; k < 1 << mk; k++) {
        int o = ((bb << mk) | k) * L;
        Fr.copy(e, o, eqB, bb * L);
        for (int i = 0; i < 1 << mi; i++) {
          int ai = (((bb << mi) | i) << mk) | k;
          Fr.mul(tmp, 0, a, ai * L, eqI, i * L);
          Fr.add(af, o, af, o, tmp, 0);
        }
        for (int j = 0; j < 1 << mj; j++) {
          int bi = (((bb << mk) | k) << mj) | j;
          Fr.mul(tmp, 0, b, bi * L, eqJ, j * L);
          Fr.add(bf, o, bf, o, tmp, 0);
        }
      }
    }
    return new long[][] {e, af, bf};
  }

  /** 6.5 prover. */
  static final class Prover implements GadgetProver<Contract> {
    @Override
    public List<Claim> prove(Contract g, Circuit c, ProverTables w, List<Claim> claims,
        ProofSink out, Transcript t) {
      if (claims.isEmpty()) {
        return List.of();
      }
      ContractArgument s = of(g, c);
      if (s == null || claims.size() != 1) {
        throw new IllegalArgumentException("Contract needs one claim and equal batch shapes");
      }
      long[] z = claims.get(0).point();
      long[][] f = s.folded(g, w, z);
      long[] e = f[0];
      long[] af = f[1];
      long[] bf = f[2];
      ProductInstance inst = s.mb > 0 ? new ProductInstance(s.mb + s.mk, e, af, bf)
          : new ProductInstance(s.mk, af, bf);
      SumcheckProver.Proved p = SumcheckProver.prove(inst, t);
      long[] raw = p.proof().compressed();
      out.append(raw, 0, raw.length / L);
      long[] fin = inst.finalValues();
      long[] vals = new long[2 * L];
      System.arraycopy(fin, fin.length - 2 * L, vals, 0, 2 * L);
      WalkMath.state(vals, 2, out, t);
      return s.claims(g, z, p.point(), vals);
    }
  }

  /** Claims (A, (r_b, z_i, r_k), a) and (B, (r_b, r_k, z_j), c). */
  List<Claim> claims(Contract g, long[] z, long[] r, long[] vals) {
    long[] pa = new long[(mb + mi + mk) * L];
    System.arraycopy(r, 0, pa, 0, mb * L);
    System.arraycopy(z, mb * L, pa, mb * L, mi * L);
    System.arraycopy(r, mb * L, pa, (mb + mi) * L, mk * L);
    long[] pb = new long[(mb + mk + mj) * L];
    System.arraycopy(r, 0, pb, 0, (mb + mk) * L);
    System.arraycopy(z, (mb + mi) * L, pb, (mb + mk) * L, mj * L);
    return List.of(new Claim(g.a(), pa, WalkMath.at(vals, 0)),
        new Claim(g.b(), pb, WalkMath.at(vals, 1)));
  }

  /** 6.5 verifier: m_b + m_k rounds, then {@code eq(z_b, r_b) a c == final}. */
  static final class Verifier implements GadgetVerifier<Contract> {
    @Override
    public Checked<List<Claim>> verify(Contract g, Circuit c, List<Claim> claims, FieldReader in,
        Transcript t) {
      if (claims.isEmpty()) {
        return Checked.ok(List.of()); // nothing consumes Y: no claim to reduce, no relation of its own
      }
      ContractArgument s = of(g, c);
      if (s == null) {
        return Checked.rejected("Contract: batch broadcasting is not proven in version 1");
      }
      if (claims.size() != 1) {
        return Checked.rejected("Contract: expected one merged claim, got " + claims.size());
      }
      long[] z = claims.get(0).point();
      Checked<SubClaim> sc = SumcheckVerifier.verify(claims.get(0).value(), s.mb + s.mk,
          s.degree(), in, t);
      if (!sc.isOk()) {
        return sc.rethrow("Contract");
      }
      long[] vals = WalkMath.read(2, in, t);
      if (vals == null) {
        return Checked.rejected("Contract: proof too short");
      }
      long[] r = sc.value().point();
      long[] expect = new long[L];
      Multilinear.eqEvaluate(expect, 0, z, 0, r, 0, s.mb);
      Fr.mul(expect, 0, expect, 0, vals, 0);
      Fr.mul(expect, 0, expect, 0, vals, L);
      if (!sc.value().holds(expect)) {
        return Checked.rejected("Contract: final check eq * a * c != sumcheck value");
      }
      return Checked.ok(s.claims(g, z, r, vals));
    }
  }
}
