package org.besuzkml.proof.compile;

import org.besuzkml.model.Node;
import org.besuzkml.model.Shapes;
import org.besuzkml.model.Tensor;
import org.besuzkml.proof.gadget.Contract;
import org.besuzkml.proof.gadget.Decomp;
import org.besuzkml.proof.gadget.TensorKind;

/**
 * Ops along one axis that the engine runs per group (engine CumSumOp, ArgOp): each group becomes a
 * row of a {@code (rows, len)} layout (an alias when the axis is the last one, else a Wire); prefix
 * sums are a Contract with a constant 0/1 triangle ({@code len x len}), arg-extremes a MaxReduce
 * of a tie-broken key.
 */
final class ScanLowering {
  private ScanLowering() {}

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
  static int rows(CircuitBuilder b, int x, int[] g, String name, boolean wire) {
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

  static int axis(Node n, long a, int rank) {
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
    int[] g = Shapes.groups(shape, axis(n, (long) ax.get(0), shape.length));
    boolean reverse = n.attrs().getInt("reverse", 0) != 0;
    boolean exclusive = n.attrs().getInt("exclusive", 0) != 0;
    if (g[1] > BLOCKED_ABOVE) {
      c.define(n.outputs().get(0), blocked(b, n.name(), x, g, reverse, exclusive,
          n.outputs().get(0)));
      return;
    }
    int u = rows(b, x, g, n.name() + "/rows", false);
    int t = triangle(b, n.name() + "/triangle", g[1], reverse, exclusive);
    int acc = b.tensor(n.name() + "/sums", TensorKind.VIRTUAL, b.shape(u));
    b.add(new Contract(acc, u, t));
    c.define(n.outputs().get(0), back(b, acc, g, shape, n.outputs().get(0)));
  }

  /** Axes longer than this scan in blocks (two triangles of about len entries, not len^2). */
  static final int BLOCKED_ABOVE = 64;

  /**
   * Two-level scan: the axis, padded with zeros to {@code nb * B} (both powers of two, about
   * sqrt(len) each), is gathered into {@code (rows * nb, B)}; a {@code B x B} triangle scans
   * within blocks, the block totals (ReduceSum) are scanned strictly by an {@code nb x nb}
   * triangle in the same direction, and each block adds its offset (Lin, broadcast).
   */
  private static int blocked(CircuitBuilder b, String name, int x, int[] g, boolean reverse,
      boolean exclusive, String out) {
    int p = 64 - Long.numberOfLeadingZeros(g[1] - 1);
    int bs = 1 << ((p + 1) / 2);
    int nb = 1 << (p / 2);
    int rowsN = g[0] * g[2];
    int[] srcIn = new int[rowsN * nb * bs];
    int[] srcIdx = new int[srcIn.length];
    for (int r = 0; r < rowsN; r++) {
      for (int k = 0; k < nb * bs; k++) {
        int at = r * nb * bs + k;
        if (k < g[1]) {
          srcIdx[at] = source(g, r, k);
        } else {
          srcIn[at] = -1;
        }
      }
    }
    int[] bshape = {rowsN * nb, bs};
    int u = MovementLowering.wire(b, name + "/blocks", bshape, new int[] {x}, srcIn, srcIdx,
        new long[srcIn.length]);
    int inner = b.tensor(name + "/in_block", TensorKind.VIRTUAL, bshape);
    b.add(new Contract(inner, u, triangle(b, name + "/triangle", bs, reverse, exclusive)));
    int tot = b.tensor(name + "/block_sums", TensorKind.VIRTUAL, new int[] {rowsN * nb, 1});
    b.add(new org.besuzkml.proof.gadget.ReduceSum(tot, u, new int[] {1}));
    int tot2 = b.alias(tot, new int[] {rowsN, nb}, name + "/block_sums_rows");
    int off = b.tensor(name + "/offsets", TensorKind.VIRTUAL, new int[] {rowsN, nb});
    b.add(new Contract(off, tot2, triangle(b, name + "/block_triangle", nb, reverse, true)));
    int off2 = b.alias(off, new int[] {rowsN * nb, 1}, name + "/offsets_col");
    int sums = b.lin(name + "/sums", bshape, new int[] {inner, off2}, new long[] {1, 1}, 0);
    int[] idx = new int[rowsN * g[1]];
    int[] from = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      int o = i / (g[1] * g[2]);
      int k = (i / g[2]) % g[1];
      int r = o * g[2] + i % g[2];
      idx[i] = r * nb * bs + k;
    }
    int[] shape = b.shape(x);
    return MovementLowering.wire(b, out, shape, new int[] {sums}, from, idx, null);
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
   * ArgMax/ArgMin with ONNX's tie rule, independent of any prover choice: with {@code L = 2^b >=
   * len}, the key {@code x L + (L - 1 - t)} (first index) or {@code x L + t} (select_last_index)
   * is distinct per tap, so its maximum m (6.12, gap checked {@code Pos(32 + b)}) is attained at
   * one tap only, the wanted one; a Requant by b splits m into {@code floor(m / L)} (the maximum
   * of x) and the remainder {@code m mod L}, which is {@code L - 1 - t} or t. ArgMin negates x.
   */
  static void argExtreme(Compiler c, Node n) {
    CircuitBuilder b = c.b;
    int x = c.act(n.input(0));
    int[] shape = b.shape(x);
    int axis = axis(n, n.attrs().getInt("axis", 0), shape.length);
    int[] g = Shapes.groups(shape, axis);
    boolean last = n.attrs().getInt("select_last_index", 0) != 0;
    String name = n.name();
    int bits = Math.max(1, 64 - Long.numberOfLeadingZeros(g[1] - 1));
    long size = 1L << bits;
    long[] pos = new long[Math.toIntExact(b.info(x).size())];
    for (int i = 0; i < pos.length; i++) {
      long t = (i / g[2]) % g[1];
      pos[i] = last ? t : size - 1 - t;
    }
    int p = b.constant(name + "/tiebreak", shape, pos);
    long sign = n.opType().equals("ArgMin") ? -size : size;
    int key = b.lin(name + "/key", shape, new int[] {x, p}, new long[] {sign, 1}, 0);
    int u = rows(b, key, g, name + "/rows", true);
    int m = PoolLowering.maxReduce(b, u, name + "/max", Decomp.ACT_BITS + bits);
    // m + 2^(b-1) - 2^(b-1) = L floor(m / L) + (m mod L)
    int shifted = b.lin(name + "/max_shifted", b.shape(m), new int[] {m}, new long[] {1},
        -(size >> 1));
    int[] qr = b.requantParts(shifted, bits, name + "/split");
    int idx = last ? qr[1]
        : b.lin(name + "/index", b.shape(m), new int[] {qr[1]}, new long[] {-1}, size - 1);
    String out = n.outputs().get(0);
    c.define(out, b.alias(idx, c.model.graph().shape(out), out));
  }
}
