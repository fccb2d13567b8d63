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
 * 6.6 Conv (version 1: one group). Claim {@code (Y, (z_o, z_y, z_x), v)}. Kernel sumcheck over
 * {@code (c, i, j)} of {@code Wt~(z_o, c, i, j) U(c, i, j)} (U: the im2col matrix contracted with
 * the output point), the prover states {@code w, u}; window sumcheck over {@code (h, w')} of
 * {@code Ah(h) Aw(w') X~(r_c, h, w')} with claim u, the prover states {@code x0}; the verifier
 * evaluates {@code Ah~(r_h)}, {@code Aw~(r_w)} from the window maps in {@code O(OH KH + OW KW)}.
 */
final class ConvArgument {
  private ConvArgument() {}

  static final int L = Fr.LIMBS;

  /** Variables: output channels, input channels, kernel, input and output spatial. */
  record Vars(int mo, int mc, int mkh, int mkw, int mh, int mw, int moh, int mow) {
    static Vars of(Conv g, Circuit c) {
      TensorInfo w = c.tensor(g.w());
      TensorInfo x = c.tensor(g.x());
      return new Vars(TensorInfo.log2Ceil(w.dim(0)), TensorInfo.log2Ceil(x.dim(1)),
          TensorInfo.log2Ceil(g.kernel()[0]), TensorInfo.log2Ceil(g.kernel()[1]),
          TensorInfo.log2Ceil(g.in()[0]), TensorInfo.log2Ceil(g.in()[1]),
          TensorInfo.log2Ceil(g.out()[0]), TensorInfo.log2Ceil(g.out()[1]));
    }

    int kernelVars() {
      return mc + mkh + mkw;
    }
  }

  static long[] slice(long[] v, int from, int count) {
    long[] r = new long[count * L];
    System.arraycopy(v, from * L, r, 0, count * L);
    return r;
  }

  static long[] concat(long[]... parts) {
    int n = 0;
    for (long[] p : parts) {
      n += p.length;
    }
    long[] r = new long[n];
    int o = 0;
    for (long[] p : parts) {
      System.arraycopy(p, 0, r, o, p.length);
      o += p.length;
    }
    return r;
  }

  /** A~ along one axis: sum over (out, tap, in) of eq(zOut, out) eq(rTap, tap) eq(rIn, in). */
  static long[] axisAt(int axis, Conv g, long[] zOut, int mOut, long[] rTap, int mTap, long[] rIn,
      int mIn) {
    long[] eo = Multilinear.eqTable(zOut, 0, mOut);
    long[] et = Multilinear.eqTable(rTap, 0, mTap);
    long[] ei = rIn == null ? null : Multilinear.eqTable(rIn, 0, mIn);
    long[] acc = new long[L];
    long[] t = new long[L];
    for (int o = 0; o < g.out()[axis]; o++) {
      for (int k = 0; k < g.kernel()[axis]; k++) {
        int h = o * g.strides()[axis] + k * g.dilations()[axis] - g.padBegin()[axis];
        if (h < 0 || h >= g.in()[axis]) {
          continue;
        }
        Fr.mul(t, 0, eo, o * L, et, k * L);
        if (ei != null) {
          Fr.mul(t, 0, t, 0, ei, h * L);
        }
        Fr.add(acc, 0, acc, 0, t, 0);
      }
    }
    return acc;
  }

  /** The table Ah(h) = sum_{(y,i,h)} eq(z_y, y) eq(r_i, i) over 2^mH entries. */
  static long[] axisTable(int axis, Conv g, long[] zOut, int mOut, long[] rTap, int mTap, int mIn) {
    long[] eo = Multilinear.eqTable(zOut, 0, mOut);
    long[] et = Multilinear.eqTable(rTap, 0, mTap);
    long[] tab = new long[(1 << mIn) * L];
    long[] t = new long[L];
    for (int o = 0; o < g.out()[axis]; o++) {
      for (int k = 0; k < g.kernel()[axis]; k++) {
        int h = o * g.strides()[axis] + k * g.dilations()[axis] - g.padBegin()[axis];
        if (h < 0 || h >= g.in()[axis]) {
          continue;
        }
        Fr.mul(t, 0, eo, o * L, et, k * L);
        Fr.add(tab, h * L, tab, h * L, t, 0);
      }
    }
    return tab;
  }

  /** Prover: Wt with the output channel fixed at z_o, and U, both over the kernel variables (c, i, j). */
  static long[][] kernelTables(Conv g, Circuit c, ProverTables tables, Vars s, long[] zo, long[] zy,
      long[] zx) {
    // Wt with the output channel fixed at z_o
    long[] wt = tables.mle(g.w());
    long[] eqO = Multilinear.eqTable(zo, 0, s.mo);
    int kv = s.kernelVars();
    long[] wz = new long[(1 << kv) * L];
    long[] tmp = new long[L];
    for (int o = 0; o < 1 << s.mo; o++) {
      for (int e = 0; e < 1 << kv; e++) {
        Fr.mul(tmp, 0, wt, ((o << kv) | e) * L, eqO, o * L);
        Fr.add(wz, e * L, wz, e * L, tmp, 0);
      }
    }
    // U[c, i, j]
    long[] x = tables.mle(g.x());
    long[] eqY = Multilinear.eqTable(zy, 0, s.moh);
    long[] eqX = Multilinear.eqTable(zx, 0, s.mow);
    long[] u = new long[(1 << kv) * L];
    int cin = c.tensor(g.x()).dim(1);
    for (int ch = 0; ch < cin; ch++) {
      for (int i = 0; i < g.kernel()[0]; i++) {
        for (int j = 0; j < g.kernel()[1]; j++) {
          int e = (((ch << s.mkh) | i) << s.mkw) | j;
          for (int oy = 0; oy < g.out()[0]; oy++) {
            int h = oy * g.strides()[0] + i * g.dilations()[0] - g.padBegin()[0];
            if (h < 0 || h >= g.in()[0]) {
              continue;
            }
            for (int ox = 0; ox < g.out()[1]; ox++) {
              int ww = ox * g.strides()[1] + j * g.dilations()[1] - g.padBegin()[1];
              if (ww < 0 || ww >= g.in()[1]) {
                continue;
              }
              int xi = (((ch << s.mh) | h) << s.mw) | ww;
              Fr.mul(tmp, 0, eqY, oy * L, eqX, ox * L);
              Fr.mul(tmp, 0, tmp, 0, x, xi * L);
              Fr.add(u, e * L, u, e * L, tmp, 0);
            }
          }
        }
      }
    }
    return new long[][] {wz, u};
  }

  /** Prover: Ah (x) Aw and X with the channel fixed at r_c, both over (h, w'); r1 = (r_c, r_i, r_j). */
  static long[][] windowTables(Conv g, ProverTables tables, Vars s, long[] zy, long[] zx, long[] r1) {
    long[] x = tables.mle(g.x());
    long[] rc = slice(r1, 0, s.mc);
    long[] ri = slice(r1, s.mc, s.mkh);
    long[] rj = slice(r1, s.mc + s.mkh, s.mkw);
    long[] tmp = new long[L];
    // X with the channel fixed at r_c, times Ah (x) Aw
    long[] eqC = Multilinear.eqTable(rc, 0, s.mc);
    int sv = s.mh + s.mw;
    long[] xr = new long[(1 << sv) * L];
    for (int ch = 0; ch < 1 << s.mc; ch++) {
      for (int e = 0; e < 1 << sv; e++) {
        Fr.mul(tmp, 0, x, ((ch << sv) | e) * L, eqC, ch * L);
        Fr.add(xr, e * L, xr, e * L, tmp, 0);
      }
    }
    long[] ah = axisTable(0, g, zy, s.moh, ri, s.mkh, s.mh);
    long[] aw = axisTable(1, g, zx, s.mow, rj, s.mkw, s.mw);
    long[] a = new long[(1 << sv) * L];
    for (int h = 0; h < 1 << s.mh; h++) {
      for (int ww = 0; ww < 1 << s.mw; ww++) {
        Fr.mul(a, ((h << s.mw) | ww) * L, ah, h * L, aw, ww * L);
      }
    }
    return new long[][] {a, xr};
  }

  static final class Prover implements GadgetProver<Conv> {
    @Override
    public List<Claim> prove(Conv g, Circuit c, ProverTables tables, List<Claim> claims,
        ProofSink out, Transcript t) {
      if (claims.isEmpty()) {
        return List.of();
      }
      if (g.groups() != 1 || claims.size() != 1) {
        throw new IllegalArgumentException("Conv argument: one group, one merged claim");
      }
      Vars s = Vars.of(g, c);
      long[] z = claims.get(0).point();
      long[] zo = slice(z, 0, s.mo);
      long[] zy = slice(z, s.mo, s.moh);
      long[] zx = slice(z, s.mo + s.moh, s.mow);
      long[][] k = kernelTables(g, c, tables, s, zo, zy, zx);
      ProductInstance k1 = new ProductInstance(s.kernelVars(), k[0], k[1]);
      SumcheckProver.Proved p1 = SumcheckProver.prove(k1, t);
      long[] raw = p1.proof().compressed();
      out.append(raw, 0, raw.length / L);
      long[] wu = k1.finalValues();
      WalkMath.state(wu, 2, out, t);
      long[] r1 = p1.point();
      long[] rc = slice(r1, 0, s.mc);
      long[][] win = windowTables(g, tables, s, zy, zx, r1);
      ProductInstance k2 = new ProductInstance(s.mh + s.mw, win[0], win[1]);
      SumcheckProver.Proved p2 = SumcheckProver.prove(k2, t);
      raw = p2.proof().compressed();
      out.append(raw, 0, raw.length / L);
      long[] x0 = WalkMath.at(k2.finalValues(), 1);
      WalkMath.state(x0, 1, out, t);
      return List.of(new Claim(g.w(), concat(zo, r1), WalkMath.at(wu, 0)),
          new Claim(g.x(), concat(rc, p2.point()), x0));
    }
  }

  static final class Verifier implements GadgetVerifier<Conv> {
    @Override
    public Checked<List<Claim>> verify(Conv g, Circuit c, List<Claim> claims, FieldReader in,
        Transcript t) {
      if (claims.isEmpty()) {
        return Checked.ok(List.of()); // nothing consumes Y: no claim to reduce, no relation of its own
      }
      if (g.groups() != 1) {
        return Checked.rejected("Conv: grouped convolution is not proven in version 1");
      }
      if (claims.size() != 1) {
        return Checked.rejected("Conv: expected one merged claim, got " + claims.size());
      }
      Vars s = Vars.of(g, c);
      long[] z = claims.get(0).point();
      long[] zo = slice(z, 0, s.mo);
      long[] zy = slice(z, s.mo, s.moh);
      long[] zx = slice(z, s.mo + s.moh, s.mow);
      Checked<SubClaim> sc1 = SumcheckVerifier.verify(claims.get(0).value(), s.kernelVars(), 2,
          in, t);
      if (!sc1.isOk()) {
        return sc1.rethrow("Conv kernel");
      }
      long[] wu = WalkMath.read(2, in, t);
      if (wu == null) {
        return Checked.rejected("Conv: proof too short");
      }
      long[] prod = new long[L];
      Fr.mul(prod, 0, wu, 0, wu, L);
      if (!sc1.value().holds(prod)) {
        return Checked.rejected("Conv: kernel final check w * u != sumcheck value");
      }
      long[] r1 = sc1.value().point();
      long[] rc = slice(r1, 0, s.mc);
      long[] ri = slice(r1, s.mc, s.mkh);
      long[] rj = slice(r1, s.mc + s.mkh, s.mkw);
      Checked<SubClaim> sc2 = SumcheckVerifier.verify(WalkMath.at(wu, 1), s.mh + s.mw, 2, in, t);
      if (!sc2.isOk()) {
        return sc2.rethrow("Conv window");
      }
      long[] x0 = WalkMath.read(1, in, t);
      if (x0 == null) {
        return Checked.rejected("Conv: proof too short");
      }
      long[] r2 = sc2.value().point();
      long[] ah = axisAt(0, g, zy, s.moh, ri, s.mkh, slice(r2, 0, s.mh), s.mh);
      long[] aw = axisAt(1, g, zx, s.mow, rj, s.mkw, slice(r2, s.mh, s.mw), s.mw);
      Fr.mul(prod, 0, ah, 0, aw, 0);
      Fr.mul(prod, 0, prod, 0, x0, 0);
      if (!sc2.value().holds(prod)) {
        return Checked.rejected("Conv: window final check Ah * Aw * x0 != sumcheck value");
      }
      return Checked.ok(List.of(new Claim(g.w(), concat(zo, r1), WalkMath.at(wu, 0)),
          new Claim(g.x(), concat(rc, r2), x0)));
    }
  }
}
