package org.besuzkml.model.ops;

import org.besuzkml.model.Node;
import org.besuzkml.model.Shapes;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.quant.IntOp;
import org.besuzkml.model.quant.QTensor;
import org.besuzkml.model.quant.QuantContext;

/**
 * TopK (opset 10+: K a constant input; opset 1: attribute k) along one axis, largest or smallest.
 * Outputs the values (the input's scale, exact) and their indices (integers at scale 0), in sorted
 * order (ONNX leaves the order free when sorted = 0; this is one of the allowed ones). Ties go to
 * the lower index, as ONNX requires.
 */
final class TopKOp implements Op {
  private static int k(Node n, Tensor kc, int len) {
    long k;
    if (n.opset() < 10) {
      k = n.attrs().getInt("k", -1);
    } else {
      if (kc == null) {
        throw new Unsupported("TopK with a non-constant K");
      }
      k = (long) kc.get(0);
    }
    if (k < 0 || k > len) {
      throw new Unsupported("TopK K = " + k + " outside [0, " + len + "]");
    }
    return (int) k;
  }

  private static int axis(Node n, int rank) {
    return Shapes.axis(n.attrs().getInt("axis", -1), rank);
  }

  private static int[] outShape(Node n, int[] in, Tensor kc) {
    int a = axis(n, in.length);
    int[] o = in.clone();
    o[a] = k(n, kc, in[a]);
    return o;
  }

  @Override
  public Tensor.ElemType[] outputTypes(Node n, Tensor.ElemType[] in) {
    Tensor.ElemType t = in[0] == null ? Tensor.ElemType.FLOAT : in[0];
    return new Tensor.ElemType[] {t, Tensor.ElemType.INT};
  }

  @Override
  public int[][] inferShapes(Node n, int[][] in, Tensor[] c) {
    int[] o = outShape(n, in[0], c != null && c.length > 1 ? c[1] : null);
    return new int[][] {o, o.clone()};
  }

  /** Compares elements a and b: positive when a comes first (more extreme). */
  private interface Order {
    int compare(int a, int b);
  }

  /** Indices along the axis of the selected elements, per (outer, rank, inner) output position. */
  static int[] select(int[] g, int k, Order ord) {
    int[] r = new int[g[0] * k * g[2]];
    for (int o = 0; o < g[0]; o++) {
      for (int i = 0; i < g[2]; i++) {
        int base = o * g[1] * g[2] + i;
        boolean[] used = new boolean[g[1]];
        for (int j = 0; j < k; j++) {
          int best = -1;
          for (int t = 0; t < g[1]; t++) {
            // strictly better only: the lower index wins a tie
            if (!used[t] && (best < 0 || ord.compare(base + t * g[2], base + best * g[2]) > 0)) {
              best = t;
            }
          }
          used[best] = true;
          r[(o * k + j) * g[2] + i] = best;
        }
      }
    }
    return r;
  }

  private static int source(int[] g, int k, int at, int t) {
    int o = at / (k * g[2]);
    int i = at % g[2];
    return (o * g[1] + t) * g[2] + i;
  }

  @Override
  public Tensor[] evalFloat(Node n, Tensor[] in) {
    int[] shape = in[0].shape();
    int[] out = outShape(n, shape, in.length > 1 ? in[1] : null);
    int[] g = Shapes.groups(shape, axis(n, shape.length));
    boolean largest = n.attrs().getInt("largest", 1) != 0;
    double[] x = in[0].data();
    int[] sel = select(g, out[axis(n, shape.length)], (a, b) -> largest
        ? Double.compare(x[a], x[b]) : Double.compare(x[b], x[a]));
    int k = out[axis(n, shape.length)];
    double[] v = new double[sel.length];
    double[] idx = new double[sel.length];
    for (int e = 0; e < sel.length; e++) {
      v[e] = x[source(g, k, e, sel[e])];
      idx[e] = sel[e];
    }
    return new Tensor[] {new Tensor(out, v, in[0].type()),
        new Tensor(out.clone(), idx, Tensor.ElemType.INT)};
  }

  @Override
  public IntOp quantize(Node n, QuantContext ctx) {
    int[] shape = ctx.shape(n.input(0));
    Tensor kc = n.opset() >= 10 ? ctx.constant(n.input(1)) : null;
    int[] out = outShape(n, shape, kc);
    int a = axis(n, shape.length);
    int k = out[a];
    int[] g = Shapes.groups(shape, a);
    boolean largest = n.attrs().getInt("largest", 1) != 0;
    int s = ctx.scale(n.input(0));
    ctx.setScale(n.outputs().get(0), s);
    if (n.outputs().size() > 1 && !n.outputs().get(1).isEmpty()) {
      ctx.setScale(n.outputs().get(1), 0);
    }
    return (in, trace) -> {
      long[] x = in[0].data();
      int[] sel = select(g, k, (p, q) -> largest ? Long.compare(x[p], x[q])
          : Long.compare(x[q], x[p]));
      long[] v = new long[sel.length];
      long[] idx = new long[sel.length];
      for (int e = 0; e < sel.length; e++) {
        v[e] = x[source(g, k, e, sel[e])];
        idx[e] = sel[e];
      }
      return new QTensor[] {new QTensor(out, v, s), new QTensor(out.clone(), idx, 0)};
    };
  }
}
