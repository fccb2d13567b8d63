package org.besuzkml.proof.compile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.besuzkml.model.Node;
import org.besuzkml.model.Tensor;
import org.besuzkml.proof.gadget.MaxSelect;
import org.besuzkml.proof.gadget.ReduceSum;
import org.besuzkml.proof.gadget.TensorKind;

/**
 * Pools and reductions (engine PoolOps, ReduceOps): window taps gathered by a Wire into a last
 * dimension, then ReduceSum + DivConst (AveragePool, ReduceMean) or MaxReduce (6.12).
 */
final class PoolLowering {
  private PoolLowering() {}

  /** Out-of-window MaxPool taps: below every activation, so they never win. */
  static final long NEVER_WINS = -(1L << 31);

  /**
   * 6.12: m = max over the last dimension of u (selector bits, Poly, ReduceSum, D = m - u checked
   * Pos(32)); m has u's shape with the last dimension 1.
   */
  static int maxReduce(CircuitBuilder b, int u, String name) {
    return maxReduce(b, u, name, 32);
  }

  /** {@link #maxReduce} with the gap m - u checked Pos(gapBits) (u wider than an activation). */
  static int maxReduce(CircuitBuilder b, int u, String name, int gapBits) {
    return maxSelect(b, u, name, gapBits)[0];
  }

  /** {@link #maxReduce}, returning {m, D} (the gap {@code D = m - u >= 0}, for TopK's rounds). */
  static int[] maxSelect(CircuitBuilder b, int u, String name, int gapBits) {
    int[] us = b.shape(u);
    int[] ms = us.clone();
    ms[ms.length - 1] = 1;
    int sigma = b.tensor(name + "/sigma", TensorKind.COMMITTED, us);
    b.add(new MaxSelect(u, sigma));
    b.booleans.add(sigma);
    int picked = b.poly(name + "/picked", us, new int[] {sigma, u}, new long[] {1},
        new int[][] {{0, 1}});
    int m = b.tensor(name, TensorKind.VIRTUAL, ms);
    b.add(new ReduceSum(m, picked, new int[] {us.length - 1}));
    int d = b.lin(name + "/gap", us, new int[] {m, u}, new long[] {1, -1}, 0);
    b.checkPos(d, gapBits);
    return new int[] {m, d};
  }

  private static int countTaps(int lo, int hi, int start, int d) {
    int c = 0;
    for (int t = start; t < hi; t += d) {
      if (t >= lo) {
        c++;
      }
    }
    return c;
  }

  static void pool(Compiler c, Node n) {
    CircuitBuilder b = c.b;
    boolean max = n.opType().contains("Max");
    boolean global = n.opType().startsWith("Global");
    int x = c.act(n.input(0));
    int[] xs = b.shape(x);
    int[] spatial = Arrays.copyOfRange(xs, 2, xs.length);
    int[] k = spatial.clone();
    if (!global) {
      long[] ks = n.attrs().getInts("kernel_shape");
      for (int i = 0; i < k.length; i++) {
        k[i] = (int) ks[i];
      }
    }
    LinearLowering.Geometry g = global
        ? LinearLowering.Geometry.of(new Node(n.name(), n.opType(), n.inputs(), n.outputs(),
            org.besuzkml.model.Attributes.empty(), n.op(), n.opset()), spatial, k, false)
        : LinearLowering.Geometry.of(n, spatial, k, true);
    boolean includePad = n.attrs().getInt("count_include_pad", 0) != 0;
    int planes = xs[0] * xs[1];
    int ih = g.in()[0];
    int iw = g.in()[1];
    int kh = g.kernel()[0];
    int kw = g.kernel()[1];
    int oh = g.out()[0];
    int ow = g.out()[1];
    int taps = kh * kw;
    int rows = planes * oh * ow;
    int[] srcIn = new int[rows * taps];
    int[] srcIdx = new int[rows * taps];
    long[] cst = new long[rows * taps];
    long[] counts = new long[rows];
    int o = 0;
    for (int p = 0; p < planes; p++) {
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++, o++) {
          int ys = oy * g.strides()[0] - g.padBegin()[0];
          int xs0 = ox * g.strides()[1] - g.padBegin()[1];
          int ye = ys + (kh - 1) * g.dilations()[0] + 1;
          int xe = xs0 + (kw - 1) * g.dilations()[1] + 1;
          if (includePad) {
            counts[o] = (long) countTaps(Math.max(ys, -g.padBegin()[0]),
                Math.min(ye, ih + g.padEnd()[0]), ys, g.dilations()[0])
                * countTaps(Math.max(xs0, -g.padBegin()[1]), Math.min(xe, iw + g.padEnd()[1]),
                    xs0, g.dilations()[1]);
          } else {
            counts[o] = (long) countTaps(Math.max(ys, 0), Math.min(ye, ih), ys, g.dilations()[0])
                * countTaps(Math.max(xs0, 0), Math.min(xe, iw), xs0, g.dilations()[1]);
          }
          for (int ky = 0; ky < kh; ky++) {
            for (int kx = 0; kx < kw; kx++) {
              int t = o * taps + ky * kw + kx;
              int yy = ys + ky * g.dilations()[0];
              int xx = xs0 + kx * g.dilations()[1];
              if (yy >= 0 && yy < ih && xx >= 0 && xx < iw) {
                srcIdx[t] = (p * ih + yy) * iw + xx;
              } else {
                srcIn[t] = -1;
                cst[t] = max ? NEVER_WINS : 0;
              }
            }
          }
        }
      }
    }
    String out = n.outputs().get(0);
    int[] outShape = c.model.graph().shape(out);
    int[] us = Arrays.copyOf(outShape, outShape.length + 1);
    us[outShape.length] = taps;
    int u = MovementLowering.wire(b, n.name() + "/taps", us, new int[] {x}, srcIn, srcIdx, cst);
    int[] ms = Arrays.copyOf(outShape, outShape.length + 1);
    ms[outShape.length] = 1;
    if (max) {
      int m = maxReduce(b, u, n.name() + "/max");
      c.define(out, b.alias(m, outShape, out));
      return;
    }
    int sum = b.tensor(n.name() + "/sum", TensorKind.VIRTUAL, ms);
    b.add(new ReduceSum(sum, u, new int[] {outShape.length}));
    sum = b.alias(sum, outShape, n.name() + "/sum_out");
    finishMean(c, n, sum, counts);
  }

  /** sum (at the input scale) times 2^extra, then divRound by the public counts. */
  private static void finishMean(Compiler c, Node n, int sum, long[] counts) {
    CircuitBuilder b = c.b;
    String out = n.outputs().get(0);
    b.traced(sum, n.name() + "/sum");
    int extra = c.scale(out) - c.scale(n.input(0));
    int a = extra > 0
        ? b.lin(n.name() + "/scaled", b.shape(sum), new int[] {sum}, new long[] {1L << extra}, 0)
        : sum;
    c.define(out, ElementwiseLowering.divConst(b, a, counts, out));
  }

  private static int[] axes(Compiler c, Node n, int rank) {
    long[] ax = n.attrs().getInts("axes");
    if (ax == null && n.hasInput(1)) {
      Tensor t = c.model.graph().constants().get(n.input(1));
      if (t == null) {
        throw new CompileException(n.name(), n.opType(), "reduction axes must be constant");
      }
      ax = t.asLongs();
    }
    List<Integer> r = new ArrayList<>();
    if (ax == null || ax.length == 0) {
      for (int i = 0; i < rank; i++) {
        r.add(i);
      }
    } else {
      for (long a : ax) {
        r.add((int) (a < 0 ? a + rank : a));
      }
    }
    return r.stream().sorted().distinct().mapToInt(Integer::intValue).toArray();
  }

  static void reduce(Compiler c, Node n) {
    CircuitBuilder b = c.b;
    int x = c.act(n.input(0));
    int[] xs = b.shape(x);
    int[] axes = axes(c, n, xs.length);
    String out = n.outputs().get(0);
    int[] outShape = c.model.graph().shape(out);
    int[] keep = xs.clone();
    long count = 1;
    for (int a : axes) {
      keep[a] = 1;
      count *= xs[a];
    }
    String op = n.opType();
    if (op.equals("ReduceSum") || op.equals("ReduceMean")) {
      int sum = b.tensor(n.name() + "/sum", TensorKind.VIRTUAL, keep);
      b.add(new ReduceSum(sum, x, axes));
      sum = b.alias(sum, outShape, n.name() + "/sum_out");
      if (op.equals("ReduceSum")) {
        c.define(out, sum);
      } else {
        finishMean(c, n, sum, new long[] {count});
      }
      return;
    }
    // Max/Min: gather (kept dims, reduced dims) into (rows, taps)
    int rows = 1;
    for (int d : keep) {
      rows *= d;
    }
    int taps = (int) count;
    int[] srcIdx = new int[rows * taps];
    int[] strides = new int[xs.length];
    int st = 1;
    for (int d = xs.length - 1; d >= 0; d--) {
      strides[d] = st;
      st *= xs[d];
    }
    boolean[] reduced = new boolean[xs.length];
    for (int a : axes) {
      reduced[a] = true;
    }
    int total = rows * taps;
    for (int i = 0; i < total; i++) {
      int row = i / taps;
      int tap = i % taps;
      int idx = 0;
      for (int d = xs.length - 1; d >= 0; d--) {
        if (reduced[d]) {
          idx += (tap % xs[d]) * strides[d];
          tap /= xs[d];
        } else {
          idx += (row % xs[d]) * strides[d];
          row /= xs[d];
        }
      }
      srcIdx[i] = idx;
    }
    int u = MovementLowering.wire(b, n.name() + "/taps", new int[] {rows, taps}, new int[] {x},
        new int[total], srcIdx, null);
    boolean min = op.equals("ReduceMin");
    if (min) {
      // after the gather, so MaxSelect's u is a Lin output here (a Wire's elsewhere): both verify
      u = b.lin(n.name() + "/neg", new int[] {rows, taps}, new int[] {u}, new long[] {-1}, 0);
    }
    int m = maxReduce(b, u, n.name() + "/max");
    if (min) {
      m = b.lin(n.name() + "/min", new int[] {rows, 1}, new int[] {m}, new long[] {-1}, 0);
    }
    c.define(out, b.alias(m, outShape, out));
  }
}
