package org.besuzkml.proof.verify;

import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.proof.gadget.Alias;
import org.besuzkml.proof.gadget.Contract;
import org.besuzkml.proof.gadget.Decomp;
import org.besuzkml.proof.gadget.Gadget;
import org.besuzkml.proof.gadget.Lin;
import org.besuzkml.proof.gadget.Lookup;
import org.besuzkml.proof.gadget.MaxSelect;
import org.besuzkml.proof.gadget.Poly;
import org.besuzkml.proof.gadget.ReduceSum;
import org.besuzkml.proof.gadget.Requant;
import org.besuzkml.proof.gadget.TensorInfo;
import org.besuzkml.proof.gadget.TensorKind;
import org.besuzkml.proof.gadget.Wire;
import org.besuzkml.proof.gadget.ZeroBit;
import org.besuzkml.sumcheck.EqWeightedInstance;
import org.besuzkml.sumcheck.ProductInstance;
import org.besuzkml.sumcheck.SubClaim;

/**
 * The per-gadget walk scripts of section 8 (phase 3), shared by prover and verifier through
 * {@link Walk}'s {@link Side}. Supported kinds: Decomp (define, check), Requant, Lin, Poly
 * (including zero-checks), Contract (no batch dimensions), ReduceSum, Alias, Wire (explicit map;
 * several inputs run one sumcheck each after the per-input parts are stated), MaxSelect, Lookup and
 * ZeroBit (nothing to do). {@link #unsupported} names the others.
 */
final class GadgetScripts {
  static final int L = Fr.LIMBS;
  private final Walk w;

  GadgetScripts(Walk w) {
    this.w = w;
  }

  /** Null if the walk supports the gadget, else why not. */
  static String unsupported(Gadget g, org.besuzkml.proof.gadget.Circuit c) {
    if (g instanceof Contract k) {
      TensorInfo y = c.tensor(k.y());
      TensorInfo a = c.tensor(k.a());
      TensorInfo b = c.tensor(k.b());
      int r = y.rank();
      for (int d = 0; d < r - 2; d++) {
        if (y.dim(d) != 1 || a.dim(d) != 1 || b.dim(d) != 1) {
          return "Contract with batch dimensions";
        }
      }
      if (a.dim(r - 1) != b.dim(r - 2) || y.dim(r - 2) != a.dim(r - 2) || y.dim(r - 1) != b.dim(r - 1)) {
        return "Contract with inconsistent shapes";
      }
      return null;
    }
    if (g instanceof Alias al) {
      return c.tensor(al.x()).vars() == c.tensor(al.y()).vars() ? null : "Alias between layouts";
    }
    if (g instanceof Decomp || g instanceof Requant || g instanceof Lin || g instanceof Poly
        || g instanceof ReduceSum || g instanceof Wire || g instanceof MaxSelect
        || g instanceof Lookup || g instanceof ZeroBit) {
      return null;
    }
    return g.kind() + " has no prover/verifier yet";
  }

  void run(Gadget g) {
    String why = unsupported(g, w.c);
    if (why != null) {
      throw new Rejection(why);
    }
    if (!g.linear()) {
      for (int y : g.outputs()) {
        mergePending(y);
      }
    }
    if (g instanceof Decomp d) {
      decompCheck(d);
    } else if (g instanceof Requant q) {
      requant(q);
    } else if (g instanceof Lin l) {
      for (Walk.Claim cl : take(l.y())) {
        lin(l, cl);
      }
    } else if (g instanceof Poly p) {
      poly(p);
    } else if (g instanceof Contract k) {
      for (Walk.Claim cl : take(k.y())) {
        contract(k, cl);
      }
    } else if (g instanceof ReduceSum s) {
      for (Walk.Claim cl : take(s.y())) {
        reduceSum(s, cl);
      }
    } else if (g instanceof Alias a) {
      for (Walk.Claim cl : take(a.y())) {
        w.known(a.x(), cl.point(), cl.value(), "alias");
      }
    } else if (g instanceof Wire wi) {
      for (Walk.Claim cl : take(wi.y())) {
        wire(wi, cl);
      }
    } else if (g instanceof MaxSelect m) {
      selectorSum(m);
    }
    // Lookup, ZeroBit: committed outputs, nothing to walk.
  }

  private List<Walk.Claim> take(int tensor) {
    List<Walk.Claim> l = List.copyOf(w.pending.get(tensor));
    w.pending.get(tensor).clear();
    return l;
  }

  private void mergePending(int y) {
    List<Walk.Claim> cl = w.pending.get(y);
    if (cl.size() < 2 || w.c.tensor(y).kind() != TensorKind.VIRTUAL) {
      return;
    }
    int m = w.c.tensor(y).vars();
    long[][] points = new long[cl.size()][];
    long[] values = new long[cl.size() * L];
    for (int j = 0; j < points.length; j++) {
      points[j] = cl.get(j).point();
      Fr.copy(values, j * L, cl.get(j).value(), 0);
    }
    SubClaim s = w.side.merge(y, m, points, values);
    cl.clear();
    cl.add(new Walk.Claim(y, s.point(), s.value()));
  }

  // ---------------------------------------------------------------- Decomp check, Requant

  private void decompCheck(Decomp d) {
    if (d.define()) {
      return;
    }
    TensorInfo x = w.c.tensor(d.x());
    long[] z = w.challenges("walk/z", x.vars());
    long[][] limbs = new long[d.limbs().length][];
    for (int j = 0; j < limbs.length; j++) {
      limbs[j] = w.state(d.limbs()[j], z);
    }
    w.known(d.x(), z, w.recompose(d, x, z, limbs), "decomp check");
  }

  private void requant(Requant q) {
    TensorInfo acc = w.c.tensor(q.acc());
    long[] z = w.challenges("walk/z", acc.vars());
    long[] qv = w.state(q.q(), z);
    long[] rv = w.state(q.r(), z);
    // acc = 2^k q + r - 2^(k-1) sel
    long[] v = new long[L];
    long[] t = new long[L];
    Fr.fromLong(t, 0, 1L << q.k());
    Fr.mul(v, 0, t, 0, qv, 0);
    Fr.add(v, 0, v, 0, rv, 0);
    Fr.fromLong(t, 0, 1L << (q.k() - 1));
    Fr.mul(t, 0, t, 0, Walk.sel(acc, z, 0), 0);
    Fr.sub(v, 0, v, 0, t, 0);
    w.known(q.acc(), z, v, "requant");
  }

  // ---------------------------------------------------------------- Lin, ReduceSum

  /** The input's point from the output's (broadcast blocks dropped) and the LT factor of those. */
  static long[] restrict(TensorInfo x, TensorInfo y, long[] z, long[] ltOut) {
    long[] p = new long[x.vars() * L];
    Fr.setOne(ltOut, 0);
    long[] lt = new long[L];
    int zo = 0;
    int po = 0;
    for (int d = 0; d < y.rank(); d++) {
      int m = TensorInfo.log2Ceil(y.dim(d));
      if (x.dim(d) == y.dim(d)) {
        System.arraycopy(z, zo, p, po, m * L);
        po += m * L;
      } else {
        Multilinear.lessThanEvaluate(lt, 0, z, zo, m, y.dim(d));
        Fr.mul(ltOut, 0, ltOut, 0, lt, 0);
      }
      zo += m * L;
    }
    return p;
  }

  private void lin(Lin l, Walk.Claim cl) {
    TensorInfo y = w.c.tensor(l.y());
    long[] sum = new long[L];
    long[] lt = new long[L];
    long[] t = new long[L];
    for (int i = 0; i < l.xs().length; i++) {
      TensorInfo x = w.c.tensor(l.xs()[i]);
      long[] v = w.state(l.xs()[i], restrict(x, y, cl.point(), lt));
      Fr.mul(t, 0, v, 0, lt, 0);
      Fr.fromLong(lt, 0, l.coeffs()[i]);
      Fr.mul(t, 0, t, 0, lt, 0);
      Fr.add(sum, 0, sum, 0, t, 0);
    }
    Fr.fromLong(t, 0, l.c0());
    Fr.mul(t, 0, t, 0, Walk.sel(y, cl.point(), 0), 0);
    Fr.add(sum, 0, sum, 0, t, 0);
    w.check(Fr.equal(sum, 0, cl.value(), 0), "linear combination differs from the claim");
  }

  private void reduceSum(ReduceSum s, Walk.Claim cl) {
    TensorInfo x = w.c.tensor(s.x());
    TensorInfo y = w.c.tensor(s.y());
    long[] half = new long[L];
    Fr.fromLong(half, 0, 2);
    Fr.inv(half, 0, half, 0);
    long[] p = new long[x.vars() * L];
    long[] v = cl.value().clone();
    int zo = 0;
    int po = 0;
    for (int d = 0; d < x.rank(); d++) {
      int mx = TensorInfo.log2Ceil(x.dim(d));
      int my = TensorInfo.log2Ceil(y.dim(d));
      boolean reduced = false;
      for (int a : s.axes()) {
        reduced |= a == d;
      }
      if (reduced) {
        for (int i = 0; i < mx; i++) {
          Fr.copy(p, po + i * L, half, 0);
          Fr.mul(v, 0, v, 0, half, 0);
        }
      } else {
        System.arraycopy(cl.point(), zo, p, po, mx * L);
      }
      po += mx * L;
      zo += my * L;
    }
    w.known(s.x(), p, v, "reduce sum");
  }

  // ---------------------------------------------------------------- Poly

  private void poly(Poly p) {
    TensorInfo y = w.c.tensor(p.y());
    int m = y.vars();
    if (p.zeroCheck()) {
      long[] z = w.challenges("walk/z", m);
      w.pending.get(p.y()).add(new Walk.Claim(p.y(), z, new long[L]));
      mergePending(p.y());
    }
    for (Walk.Claim cl : take(p.y())) {
      polyClaim(p, y, cl);
    }
  }

  private void polyClaim(Poly p, TensorInfo y, Walk.Claim cl) {
    int m = y.vars();
    PolyComposition comp = new PolyComposition(p);
    SubClaim sc = w.side.sumcheck(cl.value(), m, comp.degree() + 1, () -> {
      long[][] factors = new long[comp.arity()][];
      for (int i = 0; i < p.xs().length; i++) {
        factors[i] = expand(w.c.tensor(p.xs()[i]), y, w.side.table(p.xs()[i]));
      }
      if (comp.usesSel()) {
        long[] ones = new long[y.size() > 0 ? (1 << m) * L : 0];
        for (int i = 0; i < y.size(); i++) {
          Fr.setOne(ones, y.paddedIndex(i) * L);
        }
        factors[p.xs().length] = ones;
      }
      return new EqWeightedInstance(cl.point(), m, comp, factors);
    });
    long[] r = sc.point();
    long[] vals = new long[comp.arity() * L];
    long[] lt = new long[L];
    for (int i = 0; i < p.xs().length; i++) {
      TensorInfo x = w.c.tensor(p.xs()[i]);
      long[] v = w.state(p.xs()[i], restrict(x, y, r, lt));
      Fr.mul(vals, i * L, v, 0, lt, 0);
    }
    if (comp.usesSel()) {
      Fr.copy(vals, p.xs().length * L, Walk.sel(y, r, 0), 0);
    }
    long[] expected = m == 0 ? evalNoEq(comp, vals) : EqWeightedInstance.expectedFinal(cl.point(), r, m, comp, vals);
    w.check(Fr.equal(expected, 0, sc.value(), 0), "polynomial final check");
  }

  private static long[] evalNoEq(PolyComposition comp, long[] vals) {
    long[] out = new long[L];
    comp.evaluate(out, 0, vals, 0);
    return out;
  }

  /** Bcast(X) in Y's padded layout (zero on Y's padding), from X's padded table. */
  static long[] expand(TensorInfo x, TensorInfo y, long[] xTable) {
    if (x.vars() == y.vars() && java.util.Arrays.equals(x.shape(), y.shape())) {
      return xTable;
    }
    long[] out = new long[(1 << y.vars()) * L];
    int r = y.rank();
    int[] idx = new int[r];
    for (int i = 0; i < y.size(); i++) {
      int rem = i;
      for (int d = r - 1; d >= 0; d--) {
        idx[d] = rem % y.dim(d);
        rem /= y.dim(d);
      }
      int xi = 0;
      for (int d = 0; d < r; d++) {
        xi = xi * x.dim(d) + (x.dim(d) == 1 ? 0 : idx[d]);
      }
      Fr.copy(out, y.paddedIndex(i) * L, xTable, x.paddedIndex(xi) * L);
    }
    return out;
  }

  // ---------------------------------------------------------------- Contract

  private void contract(Contract k, Walk.Claim cl) {
    TensorInfo y = w.c.tensor(k.y());
    TensorInfo a = w.c.tensor(k.a());
    TensorInfo b = w.c.tensor(k.b());
    int r = y.rank();
    int mi = TensorInfo.log2Ceil(y.dim(r - 2));
    int mj = TensorInfo.log2Ceil(y.dim(r - 1));
    int mk = TensorInfo.log2Ceil(a.dim(r - 1));
    long[] z = cl.point();
    long[] zi = java.util.Arrays.copyOfRange(z, 0, mi * L);
    long[] zj = java.util.Arrays.copyOfRange(z, mi * L, (mi + mj) * L);
    SubClaim sc = w.side.sumcheck(cl.value(), mk, 2, () -> {
      long[] at = w.side.table(k.a());
      long[] bt = w.side.table(k.b());
      long[] afix = new long[(1 << mk) * L];
      long[] bfix = new long[(1 << mk) * L];
      long[] ei = mi == 0 ? one() : Multilinear.eqTable(zi, 0, mi);
      long[] ej = mj == 0 ? one() : Multilinear.eqTable(zj, 0, mj);
      long[] tmp = new long[L];
      for (int i = 0; i < 1 << mi; i++) {
        for (int kk = 0; kk < 1 << mk; kk++) {
          Fr.mul(tmp, 0, ei, i * L, at, ((i << mk) | kk) * L);
          Fr.add(afix, kk * L, afix, kk * L, tmp, 0);
        }
      }
      for (int kk = 0; kk < 1 << mk; kk++) {
        for (int j = 0; j < 1 << mj; j++) {
          Fr.mul(tmp, 0, ej, j * L, bt, ((kk << mj) | j) * L);
          Fr.add(bfix, kk * L, bfix, kk * L, tmp, 0);
        }
      }
      return new ProductInstance(mk, afix, bfix);
    });
    long[] rk = sc.point();
    long[] pa = concat(zi, rk);
    long[] pb = concat(rk, zj);
    long[] av = w.state(k.a(), pa);
    long[] bv = w.state(k.b(), pb);
    long[] prod = new long[L];
    Fr.mul(prod, 0, av, 0, bv, 0);
    w.check(Fr.equal(prod, 0, sc.value(), 0), "contraction final check");
  }

  static long[] one() {
    long[] o = new long[L];
    Fr.setOne(o, 0);
    return o;
  }

  static long[] concat(long[] a, long[] b) {
    long[] o = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, o, a.length, b.length);
    return o;
  }

  // ---------------------------------------------------------------- Wire

  private void wire(Wire wi, Walk.Claim cl) {
    TensorInfo y = w.c.tensor(wi.y());
    long[] eqz = y.vars() == 0 ? one() : Multilinear.eqTable(cl.point(), 0, y.vars());
    int ny = (int) y.size();
    long[] e = new long[L];
    long[] tmp = new long[L];
    for (int i = 0; i < ny; i++) {
      if (wi.srcInput()[i] < 0 && wi.constant()[i] != 0) {
        Fr.fromLong(tmp, 0, wi.constant()[i]);
        Fr.mul(tmp, 0, tmp, 0, eqz, y.paddedIndex(i) * L);
        Fr.add(e, 0, e, 0, tmp, 0);
      }
    }
    long[] rest = new long[L];
    Fr.sub(rest, 0, cl.value(), 0, e, 0);
    int c = wi.xs().length;
    long[] parts;
    if (c == 1) {
      parts = rest;
    } else {
      parts = w.side.state(c, () -> {
        long[] out = new long[c * L];
        for (int k = 0; k < c; k++) {
          long[] sel = selTable(wi, k, y, eqz);
          Multilinear.innerProduct(out, k * L, sel, 0, w.side.table(wi.xs()[k]), 0, sel.length / L);
        }
        return out;
      });
      long[] s = new long[L];
      for (int k = 0; k < c; k++) {
        Fr.add(s, 0, s, 0, parts, k * L);
      }
      w.check(Fr.equal(s, 0, rest, 0), "wire parts do not add up to the claim");
    }
    for (int k = 0; k < c; k++) {
      final int kk = k;
      TensorInfo x = w.c.tensor(wi.xs()[k]);
      long[] claim = java.util.Arrays.copyOfRange(parts, k * L, k * L + L);
      SubClaim sc = w.side.sumcheck(claim, x.vars(), 2,
          () -> new ProductInstance(x.vars(), selTable(wi, kk, y, eqz), w.side.table(wi.xs()[kk])));
      long[] xv = w.state(wi.xs()[k], sc.point());
      // Sel~(z, r) = sum_{i from input k} eq(z, i) eq(r, src(i))
      long[] eqr = x.vars() == 0 ? one() : Multilinear.eqTable(sc.point(), 0, x.vars());
      long[] s = new long[L];
      for (int i = 0; i < ny; i++) {
        if (wi.srcInput()[i] == k) {
          Fr.mul(tmp, 0, eqz, y.paddedIndex(i) * L, eqr, x.paddedIndex(wi.srcIndex()[i]) * L);
          Fr.add(s, 0, s, 0, tmp, 0);
        }
      }
      Fr.mul(s, 0, s, 0, xv, 0);
      w.check(Fr.equal(s, 0, sc.value(), 0), "wire final check");
    }
  }

  /** Sel_z(x) for input k: sum over outputs i reading x of eq(z, i). */
  private long[] selTable(Wire wi, int k, TensorInfo y, long[] eqz) {
    TensorInfo x = w.c.tensor(wi.xs()[k]);
    long[] sel = new long[(1 << x.vars()) * L];
    for (int i = 0; i < y.size(); i++) {
      if (wi.srcInput()[i] == k) {
        int xi = x.paddedIndex(wi.srcIndex()[i]) * L;
        Fr.add(sel, xi, sel, xi, eqz, y.paddedIndex(i) * L);
      }
    }
    return sel;
  }

  // ---------------------------------------------------------------- MaxSelect (6.12 (i))

  private void selectorSum(MaxSelect ms) {
    TensorInfo u = w.c.tensor(ms.sigma());
    int r = u.rank();
    int mt = TensorInfo.log2Ceil(u.dim(r - 1));
    int mrows = u.vars() - mt;
    long[] zr = w.challenges("walk/z", mrows);
    long[] half = new long[L];
    Fr.fromLong(half, 0, 2);
    Fr.inv(half, 0, half, 0);
    long[] p = java.util.Arrays.copyOf(zr, u.vars() * L);
    for (int i = 0; i < mt; i++) {
      Fr.copy(p, (mrows + i) * L, half, 0);
    }
    long[] v = w.state(ms.sigma(), p);
    long[] lhs = v.clone();
    long[] two = new long[L];
    Fr.fromLong(two, 0, 1L << mt);
    Fr.mul(lhs, 0, lhs, 0, two, 0);
    // sel of the row dimensions
    long[] s = one();
    long[] lt = new long[L];
    int o = 0;
    for (int d = 0; d < r - 1; d++) {
      int m = TensorInfo.log2Ceil(u.dim(d));
      Multilinear.lessThanEvaluate(lt, 0, zr, o, m, u.dim(d));
      Fr.mul(s, 0, s, 0, lt, 0);
      o += m * L;
    }
    w.check(Fr.equal(lhs, 0, s, 0), "selector bits do not sum to one per row");
  }
}
