package org.besuzkml.proof.gadget;

import java.util.ArrayList;
import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.sumcheck.BatchedSubClaim;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.sumcheck.ProductInstance;
import org.besuzkml.sumcheck.SubClaim;
import org.besuzkml.sumcheck.SumcheckProver;
import org.besuzkml.sumcheck.SumcheckVerifier;
import org.besuzkml.transcript.Transcript;

/**
 * 6.8 Wire in its explicit (Repack) form: claim (Y, z, v) with
 * {@code v = sum_k sum_x Sel_k,z(x) X_k~(x) + sum_i eq(z, i) const[i]},
 * {@code Sel_k,z(x) = sum_{i: src(i) = (k, x)} eq(z, i)}. One input: {@code SC(m_X, 2)} on
 * {@code v - E(z)}; several (Concat): the prover states the parts {@code S_k} (checked to add up),
 * then one batched sumcheck. At the end the prover states {@code X_k~(r_k)} and the verifier
 * computes {@code Sel_k,z(r_k)} itself in {@code O(|Y|)} (version 1; 6.8 gives the O(log) plan).
 */
final class WireArgument {
  private WireArgument() {}

  static final int L = Fr.LIMBS;

  /** eq(z, pad(i)) for every output element i. */
  static long[] eqOut(TensorInfo y, long[] z) {
    long[] table = Multilinear.eqTable(z, 0, y.vars());
    int[] padded = paddedIndices(y);
    long[] out = new long[padded.length * L];
    for (int i = 0; i < padded.length; i++) {
      Fr.copy(out, i * L, table, padded[i] * L);
    }
    return out;
  }

  /**
   * {@link TensorInfo#paddedIndex} of every logical index in order, by an odometer over the
   * dimensions instead of a division per dimension and element.
   */
  static int[] paddedIndices(TensorInfo t) {
    int rank = t.rank();
    int[] digit = new int[rank];
    int[] shift = new int[rank];
    for (int d = rank - 1, sh = 0; d >= 0; d--) {
      shift[d] = sh;
      sh += TensorInfo.log2Ceil(t.dim(d));
    }
    int[] out = new int[(int) t.size()];
    int idx = 0;
    for (int i = 0; i < out.length; i++) {
      out[i] = idx;
      // advance the last dimension; a dimension that wraps clears its bits and carries left
      for (int d = rank - 1; d >= 0; d--) {
        if (++digit[d] < t.dim(d)) {
          idx += 1 << shift[d];
          break;
        }
        idx -= (digit[d] - 1) << shift[d];
        digit[d] = 0;
      }
    }
    return out;
  }

  /** E(z) = sum_i eq(z, i) const[i] over constant positions. */
  static long[] constantPart(Wire g, long[] eq) {
    long[] acc = new long[L];
    long[] t = new long[L];
    for (int i = 0; i < g.srcInput().length; i++) {
      if (g.srcInput()[i] < 0 && g.constant()[i] != 0) {
        Fr.fromLong(t, 0, g.constant()[i]);
        Fr.mul(t, 0, t, 0, eq, i * L);
        Fr.add(acc, 0, acc, 0, t, 0);
      }
    }
    return acc;
  }

  /**
   * Sel_k,z as tables over every X_k's padded layout, in one pass over Y's entries (a pass per
   * input would be quadratic in the number of inputs of a Concat).
   */
  static long[][] selTables(Wire g, Circuit c, long[] eq) {
    int a = g.xs().length;
    long[][] s = new long[a][];
    int[][] padded = new int[a][];
    for (int k = 0; k < a; k++) {
      TensorInfo x = c.tensor(g.xs()[k]);
      s[k] = new long[(1 << x.vars()) * L];
      padded[k] = paddedIndices(x);
    }
    int[] srcInput = g.srcInput();
    int[] srcIndex = g.srcIndex();
    for (int i = 0; i < srcInput.length; i++) {
      int k = srcInput[i];
      if (k >= 0) {
        int o = padded[k][srcIndex[i]] * L;
        Fr.add(s[k], o, s[k], o, eq, i * L);
      }
    }
    return s;
  }

  /**
   * Sel_k,z(r_k) = sum_{i: src(i) = k} eq(z, i) eq(r_k, src index) for every input, computed as
   * the MLE of the scattered tables {@link #selTables} at r_k: the scatter costs only additions and
   * folding a table costs 2^m multiplications, where building eq(r, .) and gathering from it costs
   * 2^m + |Y|.
   */
  static long[][] selAt(Wire g, Circuit c, long[] eq, long[][] points) {
    long[][] tables = selTables(g, c, eq);
    long[][] out = new long[tables.length][];
    for (int k = 0; k < tables.length; k++) {
      out[k] = WalkMath.evaluate(tables[k], c.tensor(g.xs()[k]).vars(), points[k]);
      tables[k] = null; // one folded table alive at a time besides the scattered ones
    }
    return out;
  }

  static final class Prover implements GadgetProver<Wire> {
    @Override
    public List<Claim> prove(Wire g, Circuit c, ProverTables w, List<Claim> claims,
        ProofSink out, Transcript t) {
      if (claims.isEmpty()) {
        return List.of();
      }
      if (claims.size() != 1) {
        throw new IllegalArgumentException("Wire needs one merged claim");
      }
      long[] eq = eqOut(c.tensor(g.y()), claims.get(0).point());
      int a = g.xs().length;
      List<ProductInstance> inst = new ArrayList<>();
      long[][] sel = selTables(g, c, eq);
      for (int k = 0; k < a; k++) {
        inst.add(new ProductInstance(c.tensor(g.xs()[k]).vars(), sel[k], w.mle(g.xs()[k])));
      }
      SumcheckProver.Proved p;
      if (a == 1) {
        p = SumcheckProver.prove(inst.get(0), t);
      } else {
        long[] parts = new long[a * L];
        for (int k = 0; k < a; k++) {
          Fr.copy(parts, k * L, inst.get(k).claim(), 0);
        }
        WalkMath.state(parts, a, out, t);
        p = SumcheckProver.proveBatched(inst, t);
      }
      long[] raw = p.proof().compressed();
      out.append(raw, 0, raw.length / L);
      long[] vals = new long[a * L];
      List<Claim> res = new ArrayList<>();
      for (int k = 0; k < a; k++) {
        int m = c.tensor(g.xs()[k]).vars();
        long[] r = p.suffix(m);
        long[] v = WalkMath.evaluate(w.mle(g.xs()[k]), m, r);
        Fr.copy(vals, k * L, v, 0);
        res.add(new Claim(g.xs()[k], r, v));
      }
      WalkMath.state(vals, a, out, t);
      return res;
    }
  }

  static final class Verifier implements GadgetVerifier<Wire> {
    @Override
    public Checked<List<Claim>> verify(Wire g, Circuit c, List<Claim> claims, FieldReader in,
        Transcript t) {
      if (claims.isEmpty()) {
        return Checked.ok(List.of()); // nothing consumes Y: no claim to reduce, no relation of its own
      }
      if (claims.size() != 1) {
        return Checked.rejected("Wire: expected one merged claim, got " + claims.size());
      }
      Claim cl = claims.get(0);
      long[] eq = eqOut(c.tensor(g.y()), cl.point());
      long[] target = cl.value().clone();
      Fr.sub(target, 0, target, 0, constantPart(g, eq), 0);
      int a = g.xs().length;
      int[] vars = new int[a];
      int[] degrees = new int[a];
      for (int k = 0; k < a; k++) {
        vars[k] = c.tensor(g.xs()[k]).vars();
        degrees[k] = 2;
      }
      long[][] points = new long[a][];
      long[] value;
      long[] weights;
      if (a == 1) {
        Checked<SubClaim> sc = SumcheckVerifier.verify(target, vars[0], 2, in, t);
        if (!sc.isOk()) {
          return sc.rethrow("Wire");
        }
        points[0] = sc.value().point();
        value = sc.value().value();
        weights = WalkMath.one();
      } else {
        long[] parts = WalkMath.read(a, in, t);
        if (parts == null) {
          return Checked.rejected("Wire: proof too short");
        }
        long[] sum = new long[L];
        for (int k = 0; k < a; k++) {
          Fr.add(sum, 0, sum, 0, parts, k * L);
        }
        if (!Fr.equal(sum, 0, target, 0)) {
          return Checked.rejected("Wire: parts do not add up to the claim");
        }
        Checked<BatchedSubClaim> sc = SumcheckVerifier.verifyBatched(parts, vars, degrees, in, t);
        if (!sc.isOk()) {
          return sc.rethrow("Wire");
        }
        for (int k = 0; k < a; k++) {
          points[k] = sc.value().instancePoint(k);
        }
        value = sc.value().value();
        weights = sc.value().weights();
      }
      long[] vals = WalkMath.read(a, in, t);
      if (vals == null) {
        return Checked.rejected("Wire: proof too short");
      }
      long[] expect = new long[L];
      long[] term = new long[L];
      List<Claim> res = new ArrayList<>();
      long[][] sel = selAt(g, c, eq, points);
      for (int k = 0; k < a; k++) {
        Fr.mul(term, 0, sel[k], 0, vals, k * L);
        Fr.mul(term, 0, term, 0, weights, k * L);
        Fr.add(expect, 0, expect, 0, term, 0);
        res.add(new Claim(g.xs()[k], points[k], WalkMath.at(vals, k)));
      }
      if (!Fr.equal(expect, 0, value, 0)) {
        return Checked.rejected("Wire: final check Sel * X != sumcheck value");
      }
      return Checked.ok(res);
    }
  }
}
