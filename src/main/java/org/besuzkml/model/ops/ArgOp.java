package org.besuzkml.model.ops;

import static org.besuzkml.model.ops.OpSupport.one;

import java.util.Arrays;
import org.besuzkml.model.Node;
import org.besuzkml.model.Shapes;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.quant.IntOp;
import org.besuzkml.model.quant.QTensor;
import org.besuzkml.model.quant.QuantContext;

/**
 * ArgMax and ArgMin along one axis (keepdims, select_last_index). Integer semantics: the index of
 * the first (or last) extreme element, an integer at scale 0; the prover shows it with range checks
 * of the differences to the selected element.
 */
final class ArgOp implements Op {
  private final boolean max;

  ArgOp(boolean max) {
    this.max = max;
  }

  private static int[] outShape(Node n, int[] in) {
    int axis = Shapes.axis(n.attrs().getInt("axis", 0), in.length);
    boolean keep = n.attrs().getInt("keepdims", 1) != 0;
    if (keep) {
      int[] o = in.clone();
      o[axis] = 1;
      return o;
    }
    int[] o = new int[in.length - 1];
    for (int i = 0, j = 0; i < in.length; i++) {
      if (i != axis) {
        o[j++] = in[i];
      }
    }
    return o;
  }

  @Override
  public Tensor.ElemType[] outputTypes(Node n, Tensor.ElemType[] in) {
    return new Tensor.ElemType[] {Tensor.ElemType.INT};
  }

  @Override
  public int[][] inferShapes(Node n, int[][] in, Tensor[] c) {
    return one(outShape(n, in[0]));
  }

  /** {outer, len, inner}. */
  private static int[] groups(Node n, int[] in) {
    int axis = Shapes.axis(n.attrs().getInt("axis", 0), in.length);
    int outer = 1;
    for (int i = 0; i < axis; i++) {
      outer *= in[i];
    }
    int inner = 1;
    for (int i = axis + 1; i < in.length; i++) {
      inner *= in[i];
    }
    return new int[] {outer, in[axis], inner};
  }

  private interface Values {
    /** Compares element a with element b: positive when a is "more extreme" than b. */
    int compare(int a, int b);
  }

  private long[] select(Node n, int[] shape, Values v) {
    int[] g = groups(n, shape);
    boolean last = n.attrs().getInt("select_last_index", 0) != 0;
    long[] r = new long[g[0] * g[2]];
    for (int o = 0; o < g[0]; o++) {
      for (int i = 0; i < g[2]; i++) {
        int base = o * g[1] * g[2] + i;
        int best = 0;
        for (int k = 1; k < g[1]; k++) {
          int c = v.compare(base + k * g[2], base + best * g[2]);
          if (c > 0 || (c == 0 && last)) {
            best = k;
          }
        }
        r[o * g[2] + i] = best;
      }
    }
    return r;
  }

  @Override
  public Tensor[] evalFloat(Node n, Tensor[] in) {
    double[] x = in[0].data();
    long[] r = select(n, in[0].shape(), (a, b) -> max ? Double.compare(x[a], x[b])
        : Double.compare(x[b], x[a]));
    return one(new Tensor(outShape(n, in[0].shape()),
        Arrays.stream(r).asDoubleStream().toArray(), Tensor.ElemType.INT));
  }

  @Override
  public IntOp quantize(Node n, QuantContext ctx) {
    int[] shape = ctx.shape(n.input(0));
    int[] out = outShape(n, shape);
    ctx.setScale(n.outputs().get(0), 0);
    return (in, trace) -> {
      long[] x = in[0].data();
      long[] r = select(n, shape, (a, b) -> max ? Long.compare(x[a], x[b])
          : Long.compare(x[b], x[a]));
      return one(new QTensor(out, r, 0));
    };
  }
}
