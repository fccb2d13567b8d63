package org.besuzkml.proof.gadget;

import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.Composition;
import org.besuzkml.sumcheck.EqWeightedInstance;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.sumcheck.SubClaim;
import org.besuzkml.sumcheck.SumcheckProver;
import org.besuzkml.sumcheck.SumcheckVerifier;
import org.besuzkml.transcript.Transcript;

/**
 * 6.7 Poly: claim (Y, z, v); sumcheck of {@code eq(z, x) P(Bcast(X_1)(x), ..., sel(x))} over Y's
 * variables (degree {@code delta + 1}); the prover states {@code X_j~(r|X_j)} and the verifier
 * multiplies each by the LT factors of its broadcast blocks and computes {@code sel_Y(r)} itself.
 * A zero-check Poly draws its own fresh point and claims 0 there.
 */
final class PolyArgument {
  private PolyArgument() {}

  static final int L = Fr.LIMBS;

  static boolean usesSel(Poly g) {
    for (int[] m : g.monomials()) {
      if (m.length == 0) {
        return true;
      }
    }
    return false;
  }

  /** P as a Composition over (X_1..X_a[, sel]). */
  static Composition composition(Poly g) {
    int a = g.xs().length;
    boolean sel = usesSel(g);
    long[] coeffs = new long[g.coeffs().length * L];
    for (int t = 0; t < g.coeffs().length; t++) {
      Fr.fromLong(coeffs, t * L, g.coeffs()[t]);
    }
    int deg = Math.max(1, g.degree());
    return new Composition() {
      @Override
      public int arity() {
        return a + (sel ? 1 : 0);
      }

      @Override
      public int degree() {
        return deg;
      }

      @Override
      public int scratchElements() {
        return 1;
      }

      @Override
      public void evaluate(long[] out, int outOff, long[] v, int vOff, long[] scratch) {
        Fr.setZero(out, outOff);
        for (int t = 0; t < g.monomials().length; t++) {
          Fr.copy(scratch, 0, coeffs, t * L);
          int[] m = g.monomials()[t];
          if (m.length == 0) {
            Fr.mul(scratch, 0, scratch, 0, v, vOff + a * L);
          }
          for (int j : m) {
            Fr.mul(scratch, 0, scratch, 0, v, vOff + j * L);
          }
          Fr.add(out, outOff, out, outOff, scratch, 0);
        }
      }
    };
  }

  /**
   * The claim this gadget reduces: the single pending claim, or (Y, z*, 0) for a zero-check (whose
   * output nothing may consume: the vk decoder rejects a claim source on it).
   */
  static Claim target(Poly g, Circuit c, List<Claim> claims, Transcript t) {
    if (g.zeroCheck()) {
      long[] z = t.challengeFrs(WalkMath.FRESH, c.tensor(g.y()).vars());
      return new Claim(g.y(), z, new long[L]);
    }
    return claims.size() == 1 ? claims.get(0) : null;
  }

  /** The factor tables over Y's variables: {@code Bcast(X_j)} for each input, then sel_Y if P uses it. */
  static long[][] tables(Poly g, Circuit c, ProverTables w) {
    TensorInfo y = c.tensor(g.y());
    int m = y.vars();
    int a = g.xs().length;
    boolean sel = usesSel(g);
    long[][] tables = new long[a + (sel ? 1 : 0)][];
    int n = (int) y.size();
    int[] yShape = y.shape();
    for (int j = 0; j < a; j++) {
      TensorInfo x = c.tensor(g.xs()[j]);
      long[] src = w.mle(g.xs()[j]);
      long[] dst = new long[(1 << m) * L];
      for (int i = 0; i < n; i++) {
        Fr.copy(dst, y.paddedIndex(i) * L, src, x.paddedIndex(broadcastIndex(yShape,
            x.shape(), i)) * L);
      }
      tables[j] = dst;
    }
    if (sel) {
      long[] s = new long[(1 << m) * L];
      for (int i = 0; i < n; i++) {
        Fr.setOne(s, y.paddedIndex(i) * L);
      }
      tables[a] = s;
    }
    return tables;
  }

  static final class Prover implements GadgetProver<Poly> {
    @Override
    public List<Claim> prove(Poly g, Circuit c, ProverTables w, List<Claim> claims,
        ProofSink out, Transcript t) {
      if (claims.isEmpty() && !g.zeroCheck()) {
        return List.of();
      }
      Claim cl = target(g, c, claims, t);
      if (cl == null) {
        throw new IllegalArgumentException("Poly needs one merged claim");
      }
      TensorInfo y = c.tensor(g.y());
      int m = y.vars();
      int a = g.xs().length;
      long[][] tables = tables(g, c, w);
      EqWeightedInstance inst = new EqWeightedInstance(cl.point(), m, composition(g), tables);
      SumcheckProver.Proved p = SumcheckProver.prove(inst, t);
      long[] raw = p.proof().compressed();
      out.append(raw, 0, raw.length / L);
      long[] r = p.point();
      long[] vals = new long[a * L];
      long[][] pts = new long[a][];
      long[] f = new long[L];
      for (int j = 0; j < a; j++) {
        TensorInfo x = c.tensor(g.xs()[j]);
        pts[j] = WalkMath.restrict(y, x, r, f);
        Fr.copy(vals, j * L, WalkMath.evaluate(w.mle(g.xs()[j]), x.vars(), pts[j]), 0);
      }
      WalkMath.state(vals, a, out, t);
      return claimsAt(g, pts, vals);
    }
  }

  static List<Claim> claimsAt(Poly g, long[][] pts, long[] vals) {
    Claim[] res = new Claim[pts.length];
    for (int j = 0; j < pts.length; j++) {
      res[j] = new Claim(g.xs()[j], pts[j], WalkMath.at(vals, j));
    }
    return List.of(res);
  }

  /** Row-major index into an equal-rank broadcast input for output index i. */
  static int broadcastIndex(int[] out, int[] in, int i) {
    int idx = 0;
    int stride = 1;
    for (int d = out.length - 1; d >= 0; d--) {
      int c = i % out[d];
      i /= out[d];
      if (in[d] != 1) {
        idx += c * stride;
      }
      stride *= in[d];
    }
    return idx;
  }

  static final class Verifier implements GadgetVerifier<Poly> {
    @Override
    public Checked<List<Claim>> verify(Poly g, Circuit c, List<Claim> claims, FieldReader in,
        Transcript t) {
      if (claims.isEmpty() && !g.zeroCheck()) {
        return Checked.ok(List.of()); // nothing consumes Y: no claim to reduce
      }
      if (g.zeroCheck() && !claims.isEmpty()) {
        return Checked.rejected("Poly: a claim reached a zero-check output");
      }
      Claim cl = target(g, c, claims, t);
      if (cl == null) {
        return Checked.rejected("Poly: expected one merged claim, got " + claims.size());
      }
      if (g.degree() > Poly.MAX_DEGREE) {
        return Checked.rejected("Poly: degree above " + Poly.MAX_DEGREE);
      }
      TensorInfo y = c.tensor(g.y());
      int m = y.vars();
      Composition p = composition(g);
      Checked<SubClaim> sc = SumcheckVerifier.verify(cl.value(), m, p.degree() + 1, in, t);
      if (!sc.isOk()) {
        return sc.rethrow("Poly");
      }
      int a = g.xs().length;
      long[] vals = WalkMath.read(a, in, t);
      if (vals == null) {
        return Checked.rejected("Poly: proof too short");
      }
      long[] r = sc.value().point();
      long[] factorVals = new long[p.arity() * L];
      long[][] pts = new long[a][];
      long[] f = new long[L];
      for (int j = 0; j < a; j++) {
        pts[j] = WalkMath.restrict(y, c.tensor(g.xs()[j]), r, f);
        Fr.mul(factorVals, j * L, vals, j * L, f, 0);
      }
      if (usesSel(g)) {
        Fr.copy(factorVals, a * L, WalkMath.sel(y, r), 0);
      }
      long[] expect = EqWeightedInstance.expectedFinal(cl.point(), r, m, p, factorVals);
      if (!sc.value().holds(expect)) {
        return Checked.rejected("Poly: final check eq * P(stated values) != sumcheck value");
      }
      return Checked.ok(claimsAt(g, pts, vals));
    }
  }
}
