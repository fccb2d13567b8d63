package org.besuzkml.proof.compile;

import org.besuzkml.model.Node;
import org.besuzkml.model.Tensor;
import org.besuzkml.proof.gadget.Contract;
import org.besuzkml.proof.gadget.Decomp;
import org.besuzkml.proof.gadget.Poly;
import org.besuzkml.proof.gadget.TensorKind;
import org.besuzkml.proof.gadget.ZeroBit;

/**
 * Ops along one axis that the engine runs per group (engine CumSumOp, ArgOp): each group becomes a
 * row of a {@code (rows, len)} layout (an alias when the axis is the last one, else a Wire), and
 * prefix sums are a Contract with a constant 0/1 triangle ({@code len x len}).
 */
final class ScanLowering {
  private ScanLowering() {}

  /** {outer, len, inner} of axis a. */
  private static int[] groups(int[] shape, int a) {
    int outer = 1;
    for (int i = 0; i < a; i++) {
      outer *= shape[i];
    }
    int inner = 1;
    for (int i = a + 1; i < shape.length; i++) {
      inner *= shape[i];
    }
    return new int[] {outer, shape[a], inner};
  }

  /** Source index of row-layout element (row, k) in the input layout. */
  private static int source(int[] g, int row, int k) {
    int o = row / g[2];
    int i = row % g[2];
    return (o * g[1] + k) * g[2] + i;
  }

  /**
   * x as (outer * inner, len): an alias when the axis is the last one (unless a Wire is asked
   * for), else a Wire.
   */
  private static int rows(CircuitBuilder b, int x, int[] g, String name, boolean wire) {
    int[] rs = {g[0] * g[2], g[1]};
    if (g[2] == 1 && !wire) {
      return b.alias(x, rs, name);
    }
    int[] idx = new int[rs[0] * rs[1]];
    for (int r = 0; r < rs[0]; r++) {
      for (int k = 0; k < g[1]; k++) {
        idx[r * g[1] + k] = source(g, r, k);
      }
    }
    return MovementLowering.wire(b, name, rs, new int[] {x}, new int[idx.length], idx, null);
  }

  /** The constant len x len matrix T[k][j] = [k before j] (strictly or not, in either direction). */
  private static int triangle(CircuitBuilder b, String name, int len, boolean reverse,
      boolean strict) {
    long[] t = new long[len * len];
    for (int k = 0; k < len; k++) {
      for (int j = 0; j < len; j++) {
        boolean in = reverse ? (strict ? k > j : k >= j) : (strict ? k < j : k <= j);
        t[k * len + j] = in ? 1 : 0;
      }
    }
    return b.constant(name, new int[] {len, len}, t);
  }

  private static int axis(Node n, long a, int rank) {
    long r = a < 0 ? a + rank : a;
    if (r < 0 || r >= rank) {
      throw new CompileException(n.name(), n.opType(), "axis " + a + " out of range");
    }
    return (int) r;
  }

  /** CumSum: rows times the triangle (exact, at the input scale), then back. */
  static void cumSum(Compiler c, Node n) {
    CircuitBuilder b = c.b;
    Tensor ax = c.model.graph().constants().get(n.input(1));
    if (ax == null) {
      throw new CompileException(n.name(), n.opType(), "axis must be a constant");
    }
    int x = c.act(n.input(0));
    int[] shape = b.shape(x);
    int[] g = groups(shape, axis(n, (long) ax.get(0), shape.length));
    boolean reverse = n.attrs().getInt("reverse", 0) != 0;
    boolean exclusive = n.attrs().getInt("exclusive", 0) != 0;
    int u = rows(b, x, g, n.name() + "/rows", false);
    int t = triangle(b, n.name() + "/triangle", g[1], reverse, exclusive);
    int acc = b.tensor(n.name() + "/sums", TensorKind.VIRTUAL, b.shape(u));
    b.add(new Contract(acc, u, t));
    c.define(n.outputs().get(0), back(b, acc, g, shape, n.outputs().get(0)));
  }

  /** The rows layout back to the input's. */
  private static int back(CircuitBuilder b, int rowsT, int[] g, int[] shape, String name) {
    if (g[2] == 1) {
      return b.alias(rowsT, shape, name);
    }
    int rowsN = g[0] * g[2];
    int[] idx = new int[rowsN * g[1]];
    for (int r = 0; r < rowsN; r++) {
      for (int k = 0; k < g[1]; k++) {
        idx[source(g, r, k)] = r * g[1] + k;
      }
    }
    return MovementLowering.wire(b, name, shape, new int[] {rowsT}, new int[idx.length], idx,
        null);
  }

  /**
   * ArgMax/ArgMin with ONNX's tie rule, independent of the prover's selector: m = max (6.12; its
   * selector may pick any maximal tap, m is the same), zeta = [m - u = 0] marks every maximal tap
   * (ZeroBit, 6.10), e = zeta times the strict triangle counts the marked taps before (or, with
   * select_last_index, after) each tap, eta = [e = 0] (ZeroBit), and the one-hot first = zeta eta
   * picks the first (last) maximal tap; the index is first times the column (0, 1, ..., len-1).
   */
  static void argExtreme(Compiler c, Node n) {
    CircuitBuilder b = c.b;
    int x = c.act(n.input(0));
    int[] shape = b.shape(x);
    int[] g = groups(shape, axis(n, n.attrs().getInt("axis", 0), shape.length));
    boolean last = n.attrs().getInt("select_last_index", 0) != 0;
    String name = n.name();
    // MaxSelect's u is always a Wire output, as in every other MaxReduce: the verifier's cost
    // model places a claim on u for MaxSelect, which only a claim-merging producer absorbs
    // (a Lin or Alias producer would be priced one stated value more than the proof has)
    if (n.opType().equals("ArgMin")) {
      x = b.lin(name + "/neg", shape, new int[] {x}, new long[] {-1}, 0);
    }
    int u = rows(b, x, g, name + "/rows", true);
    int[] rs = b.shape(u);
    int[] mg = PoolLowering.maxReduceParts(b, u, name + "/max");
    int zeta = zeroBit(b, mg[1], 32, Decomp.DIFF_BITS, name + "/is_max");
    int t = triangle(b, name + "/before", g[1], last, true);
    int e = b.tensor(name + "/earlier", TensorKind.VIRTUAL, rs);
    b.add(new Contract(e, zeta, t));
    int eBits = Math.max(1, 64 - Long.numberOfLeadingZeros(g[1]));
    int eta = zeroBit(b, e, eBits, eBits + 1, name + "/none_earlier");
    int first = b.poly(name + "/first", rs, new int[] {zeta, eta}, new long[] {1},
        new int[][] {{0, 1}});
    long[] iota = new long[g[1]];
    for (int k = 0; k < iota.length; k++) {
      iota[k] = k;
    }
    int col = b.constant(name + "/positions", new int[] {g[1], 1}, iota);
    int idx = b.tensor(name + "/index", TensorKind.VIRTUAL, new int[] {rs[0], 1});
    b.add(new Contract(idx, first, col));
    String out = n.outputs().get(0);
    c.define(out, b.alias(idx, c.model.graph().shape(out), out));
  }

  /**
   * zeta = [d = 0] for d >= 0 (6.10's zero bit with its two companions: zeta d = 0 and
   * 2 s d - d - sel + zeta >= 0 checked Pos(posBits), s the sign of a signed Decomp of d).
   */
  private static int zeroBit(CircuitBuilder b, int d, int posBits, int signBits, String name) {
    int[] shape = b.shape(d);
    int s = b.sign(d, signBits);
    int zeta = b.tensor(name, TensorKind.COMMITTED, shape);
    b.add(new ZeroBit(d, zeta));
    b.booleans.add(zeta);
    int zd = b.tensor(name + "/zeta_d", TensorKind.VIRTUAL, shape);
    b.add(new Poly(zd, new int[] {zeta, d}, new long[] {1}, new int[][] {{0, 1}}, true));
    int pos = b.poly(name + "/pos", shape, new int[] {s, d, zeta}, new long[] {2, -1, -1, 1},
        new int[][] {{0, 1}, {1}, {}, {2}});
    b.checkPos(pos, posBits);
    return zeta;
  }
}
