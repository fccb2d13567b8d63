package org.besuzkml.proof.gadget;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.LambdaClaim;
import org.besuzkml.mask.MaskForm;
import org.besuzkml.transcript.Transcript;

/**
 * Small circuits for the zero-knowledge walk arguments, built tensor by tensor with integer values
 * that satisfy their gadgets' relations, and the checks of a run: every Lambda-claim and every
 * returned masked claim against the tables and the column.
 */
final class ZkWalkFixture {
  static final int L = Fr.LIMBS;

  final List<TensorInfo> tensors = new ArrayList<>();
  final List<Gadget> gadgets = new ArrayList<>();
  final List<long[]> values = new ArrayList<>();
  final List<Integer> outputs = new ArrayList<>();
  private long[][] cached;

  int tensor(String name, TensorKind kind, long[] vals, int... shape) {
    int id = tensors.size();
    TensorInfo t = new TensorInfo(id, name, kind, shape);
    if (t.size() != vals.length) {
      throw new IllegalArgumentException(name + ": " + vals.length + " values for " + t.size());
    }
    tensors.add(t);
    values.add(vals.clone());
    return id;
  }

  /** A limb-backed tensor (Decomp define) with value x: limbs of x - offset + off, w bits each. */
  int limbBacked(String name, long[] x, long offset, int bits, boolean signed, int w, int... shape) {
    return decomposed(name, TensorKind.COMMITTED, x, offset, bits, signed, true, w, shape);
  }

  /** A tensor with its Decomp (define or check) and limb tensors; x must be in range. */
  int decomposed(String name, TensorKind kind, long[] x, long offset, int bits, boolean signed,
      boolean define, int w, int... shape) {
    int id = tensor(name, kind, x, shape);
    int n = Decomp.limbCount(bits, w);
    long off = signed ? 1L << (bits - 1) : 0;
    int[] limbs = new int[n];
    for (int j = 0; j < n; j++) {
      long[] l = new long[x.length];
      for (int i = 0; i < x.length; i++) {
        l[i] = ((x[i] - offset + off) >>> (w * j)) & ((1L << w) - 1);
      }
      limbs[j] = tensor(name + "/limb" + j, TensorKind.COMMITTED, l, shape);
    }
    gadgets.add(new Decomp(id, offset, bits, signed, define, w, limbs, -1));
    return id;
  }

  /**
   * A one-group Conv (6.6) of x {@code (1, C, H, W)} (or {@code (1, C, W)}: 1-D, height 1) with weights
   * w {@code (O, C, KH, KW)} (or {@code (O, C, K)}); strides, pads (on both sides) and dilations per axis
   * {height, width}. Its output {@code (1, O, OH, OW)} (or {@code (1, O, OW)}) is a virtual tensor holding
   * the engine's values: out-of-bounds reads are zero.
   */
  Conv conv(String name, int x, int w, int[] strides, int[] pads, int[] dilations) {
    int[] xs = tensors.get(x).shape();
    int[] ws = tensors.get(w).shape();
    boolean oneD = xs.length == 3;
    int ch = xs[1];
    int oc = ws[0];
    int[] in = oneD ? new int[] {1, xs[2]} : new int[] {xs[2], xs[3]};
    int[] k = oneD ? new int[] {1, ws[2]} : new int[] {ws[2], ws[3]};
    int[] out = new int[2];
    for (int a = 0; a < 2; a++) {
      out[a] = (in[a] + 2 * pads[a] - dilations[a] * (k[a] - 1) - 1) / strides[a] + 1;
    }
    long[] xv = values.get(x);
    long[] wv = values.get(w);
    long[] y = new long[oc * out[0] * out[1]];
    for (int o = 0; o < oc; o++) {
      for (int oy = 0; oy < out[0]; oy++) {
        for (int ox = 0; ox < out[1]; ox++) {
          for (int c = 0; c < ch; c++) {
            for (int i = 0; i < k[0]; i++) {
              for (int j = 0; j < k[1]; j++) {
                int h = oy * strides[0] + i * dilations[0] - pads[0];
                int ww = ox * strides[1] + j * dilations[1] - pads[1];
                if (h >= 0 && h < in[0] && ww >= 0 && ww < in[1]) {
                  y[(o * out[0] + oy) * out[1] + ox] += wv[((o * ch + c) * k[0] + i) * k[1] + j]
                      * xv[(c * in[0] + h) * in[1] + ww];
                }
              }
            }
          }
        }
      }
    }
    int yi = tensor(name, TensorKind.VIRTUAL, y, oneD ? new int[] {1, oc, out[1]} : new int[] {1, oc, out[0], out[1]});
    Conv g = new Conv(yi, x, w, 1, in, k, out, strides.clone(), pads.clone(), dilations.clone());
    gadgets.add(g);
    return g;
  }

  Circuit circuit() {
    int[] outs = outputs.stream().mapToInt(Integer::intValue).toArray();
    return new Circuit(tensors, gadgets, List.of(), 8, new int[0], outs);
  }

  /** Padded MLE tables (1.3) of the logical values. */
  ProverTables tables() {
    if (cached != null && cached.length == tensors.size()) {
      long[][] t = cached;
      return id -> t[id];
    }
    long[][] t = new long[tensors.size()][];
    for (int id = 0; id < t.length; id++) {
      TensorInfo info = tensors.get(id);
      t[id] = new long[(1 << info.vars()) * L];
      long[] v = values.get(id);
      for (int i = 0; i < v.length; i++) {
        Fr.fromLong(t[id], info.paddedIndex(i) * L, v[i]);
      }
    }
    cached = t;
    return id -> t[id];
  }

  long[] mle(int tensor, long[] point) {
    return WalkMath.evaluate(tables().mle(tensor), tensors.get(tensor).vars(), point);
  }

  static long[] random(SplittableRandom rnd, int n, long lo, long hi) {
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = rnd.nextLong(lo, hi);
    }
    return v;
  }

  static long[] randomPoint(SplittableRandom rnd, int vars) {
    long[] p = new long[vars * L];
    for (int i = 0; i < vars; i++) {
      Fr.random(p, i * L, rnd);
    }
    return p;
  }

  static long[] column(SplittableRandom rnd, int size) {
    long[] lambda = new long[size * L];
    for (int i = 0; i < size; i++) {
      Fr.random(lambda, i * L, rnd);
    }
    return lambda;
  }

  static Transcript transcript() {
    Transcript t = Transcript.v1();
    t.absorbBytes("test", new byte[] {7});
    return t;
  }

  /**
   * An honest masked claim on a tensor at a random point, whose offset is a random combination of
   * the entries {@code [0, upstream)} (as a claim made upstream in the walk would have).
   */
  ZkClaim honest(int tensor, SplittableRandom rnd, long[] lambda, int upstream) {
    long[] z = randomPoint(rnd, tensors.get(tensor).vars());
    MaskForm omega = new MaskForm();
    long[] c = new long[L];
    for (int i = 0; i < upstream; i++) {
      Fr.random(c, 0, rnd);
      omega.add(i, c, 0);
    }
    long[] v = mle(tensor, z);
    Fr.add(v, 0, v, 0, omega.evaluate(lambda), 0);
    return new ZkClaim(tensor, z, v, omega);
  }

  /** Null when every Lambda-claim and every returned claim is true; else the first false one. */
  String falseClaim(long[] lambda, List<LambdaClaim> deferred, List<ZkClaim> claims) {
    return falseClaim(circuit(), tables(), lambda, deferred, claims);
  }

  /** The same for any circuit and tables. */
  static String falseClaim(Circuit c, ProverTables tables, long[] lambda, List<LambdaClaim> deferred,
      List<ZkClaim> claims) {
    for (int i = 0; i < deferred.size(); i++) {
      LambdaClaim lc = deferred.get(i);
      if (!Fr.equal(lc.omega().evaluate(lambda), 0, lc.value(), 0)) {
        return "Lambda-claim " + i;
      }
    }
    for (ZkClaim cl : claims) {
      long[] truth = WalkMath.evaluate(tables.mle(cl.tensor()), c.tensor(cl.tensor()).vars(), cl.point());
      Fr.add(truth, 0, truth, 0, cl.omega().evaluate(lambda), 0);
      if (!Fr.equal(truth, 0, cl.value(), 0)) {
        return "claim on " + c.tensor(cl.tensor()).name();
      }
    }
    return null;
  }

  /** Whether two forms have the same terms in the same order. */
  static boolean sameForm(MaskForm a, MaskForm b) {
    if (a.terms() != b.terms()) {
      return false;
    }
    long[] ca = new long[L];
    long[] cb = new long[L];
    for (int j = 0; j < a.terms(); j++) {
      a.coefficient(j, ca, 0);
      b.coefficient(j, cb, 0);
      if (a.index(j) != b.index(j) || !Fr.equal(ca, 0, cb, 0)) {
        return false;
      }
    }
    return true;
  }
}
