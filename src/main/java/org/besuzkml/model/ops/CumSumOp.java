package org.besuzkml.model.ops;

import static org.besuzkml.model.ops.OpSupport.one;

import org.besuzkml.model.Node;
import org.besuzkml.model.Shapes;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.quant.IntOp;
import org.besuzkml.model.quant.QTensor;
import org.besuzkml.model.quant.QuantContext;

/**
 * CumSum along one axis (a constant scalar input), attributes exclusive and reverse. Integer
 * semantics: exact sums at the input's scale (no rescale).
 */
final class CumSumOp implements Op {
  @Override
  public int[][] inferShapes(Node n, int[][] in, Tensor[] c) {
    return one(in[0]);
  }

  /** {outer, len, inner} of the summed axis. */
  static int[] groups(int[] shape, Tensor axis) {
    if (axis == null) {
      throw new Unsupported("CumSum with a non-constant axis");
    }
    return Shapes.groups(shape, Shapes.axis((long) axis.get(0), shape.length));
  }

  /** Positions of each group in summation order (a running sum over them). */
  private interface Step {
    /** Adds element at into the running sum, writing the output there before or after. */
    void at(int at, boolean first);
  }

  private static void scan(Node n, int[] g, Step f) {
    boolean reverse = n.attrs().getInt("reverse", 0) != 0;
    for (int o = 0; o < g[0]; o++) {
      for (int i = 0; i < g[2]; i++) {
        int base = o * g[1] * g[2] + i;
        for (int t = 0; t < g[1]; t++) {
          int j = reverse ? g[1] - 1 - t : t;
          f.at(base + j * g[2], t == 0);
        }
      }
    }
  }

  @Override
  public Tensor[] evalFloat(Node n, Tensor[] in) {
    int[] g = groups(in[0].shape(), in[1]);
    double[] x = in[0].data();
    double[] r = new double[x.length];
    boolean exclusive = n.attrs().getInt("exclusive", 0) != 0;
    double[] acc = {0};
    scan(n, g, (at, first) -> {
      acc[0] = first ? 0 : acc[0];
      if (exclusive) {
        r[at] = acc[0];
        acc[0] += x[at];
      } else {
        acc[0] += x[at];
        r[at] = acc[0];
      }
    });
    return one(new Tensor(in[0].shape(), r, in[0].type()));
  }

  @Override
  public IntOp quantize(Node n, QuantContext ctx) {
    if (!ctx.isConst(n.input(1))) {
      throw new Unsupported("CumSum with a non-constant axis");
    }
    int[] shape = ctx.shape(n.input(0));
    int[] g = groups(shape, ctx.constant(n.input(1)));
    int s = ctx.scale(n.input(0));
    boolean exclusive = n.attrs().getInt("exclusive", 0) != 0;
    ctx.setScale(n.outputs().get(0), s);
    return (in, trace) -> {
      long[] x = in[0].data();
      long[] r = new long[x.length];
      long[] acc = {0};
      scan(n, g, (at, first) -> {
        acc[0] = first ? 0 : acc[0];
        if (exclusive) {
          r[at] = acc[0];
          acc[0] = Math.addExact(acc[0], x[at]);
        } else {
          acc[0] = Math.addExact(acc[0], x[at]);
          r[at] = acc[0];
        }
      });
      return one(new QTensor(shape, r, s));
    };
  }
}
