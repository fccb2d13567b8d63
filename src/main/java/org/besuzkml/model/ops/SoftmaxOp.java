package org.besuzkml.model.ops;

import static org.besuzkml.model.ops.OpSupport.one;

import org.besuzkml.model.Node;
import org.besuzkml.model.Shapes;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.quant.FixedPoint;
import org.besuzkml.model.quant.IntOp;
import org.besuzkml.model.quant.LookupTable;
import org.besuzkml.model.quant.QTensor;
import org.besuzkml.model.quant.QuantContext;
import org.besuzkml.model.quant.QuantContext.Domain;

/**
 * Softmax (and LogSoftmax in float only). Before opset 13 the input is coerced to 2-D at the axis
 * (default 1); from 13 it works along one axis (default -1).
 *
 * <p>Integer semantics, per group: m = max(x); d = x - m (<= 0); e = expTable(d) at the activation
 * scale A over the domain [-T, 0] with T = (A + 2) ln 2 + 1 (below it exp rounds to 0; clamping is
 * exact); s = sum(e) >= 2^A; y = divRound(e * 2^A, s). LogSoftmax: y = d - logTable(s / 2^A) at
 * the input's scale, the log table covering [1, group length].
 */
final class SoftmaxOp implements Op {
  private final boolean log;

  SoftmaxOp(boolean log) {
    this.log = log;
  }

  /** {outer, axisLen, inner}. */
  static int[] groups(Node n, int[] shape) {
    boolean coerce = n.opset() < 13;
    int axis = Shapes.axis(n.attrs().getInt("axis", coerce ? 1 : -1), shape.length);
    int outer = 1;
    for (int i = 0; i < axis; i++) {
      outer *= shape[i];
    }
    int len = 1;
    int inner = 1;
    for (int i = axis; i < shape.length; i++) {
      if (i == axis || coerce) {
        len *= shape[i];
      } else {
        inner *= shape[i];
      }
    }
    return new int[] {outer, len, inner};
  }

  @Override
  public int[][] inferShapes(Node n, int[][] in, Tensor[] c) {
    return one(in[0]);
  }

  @Override
  public Tensor[] evalFloat(Node n, Tensor[] in) {
    int[] g = groups(n, in[0].shape());
    double[] x = in[0].data();
    double[] r = new double[x.length];
    for (int o = 0; o < g[0]; o++) {
      for (int i = 0; i < g[2]; i++) {
        int base = o * g[1] * g[2] + i;
        double m = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < g[1]; k++) {
          m = Math.max(m, x[base + k * g[2]]);
        }
        double sum = 0;
        for (int k = 0; k < g[1]; k++) {
          sum += Math.exp(x[base + k * g[2]] - m);
        }
        for (int k = 0; k < g[1]; k++) {
          double d = x[base + k * g[2]] - m;
          r[base + k * g[2]] = log ? d - Math.log(sum) : Math.exp(d) / sum;
        }
      }
    }
    return one(new Tensor(in[0].shape(), r));
  }

  @Override
  public IntOp quantize(Node n, QuantContext ctx) {
    int a = ctx.act();
    int sx = ctx.scale(n.input(0));
    ctx.setScale(n.outputs().get(0), log ? sx : a);
    double t = (a + 2) * Math.log(2) + 1;
    LookupTable exp =
        ctx.table(n.name(), "exp", Math::exp, sx, new double[] {-t, 0}, new Domain(-t, 0, true), a);
    int[] shape = ctx.shape(n.input(0));
    int[] g = groups(n, shape);
    int groups = g[0] * g[2];
    // LogSoftmax: y = d - log(S / 2^A), with S / 2^A in [1, group length] (no clamping possible).
    LookupTable logTable = log ? ctx.table(n.name() + "/log", "log", Math::log, a,
        new double[] {1, g[1]}, QuantContext.Domain.valid(1, g[1]), sx) : null;
    return (in, trace) -> {
      long[] x = in[0].data();
      long[] d = new long[x.length];
      long[] max = new long[groups];
      for (int o = 0; o < g[0]; o++) {
        for (int i = 0; i < g[2]; i++) {
          int base = o * g[1] * g[2] + i;
          long m = Long.MIN_VALUE;
          for (int k = 0; k < g[1]; k++) {
            m = Math.max(m, x[base + k * g[2]]);
          }
          max[o * g[2] + i] = m;
          for (int k = 0; k < g[1]; k++) {
            d[base + k * g[2]] = x[base + k * g[2]] - m;
          }
        }
      }
      QTensor shifted = new QTensor(shape, d, sx).toScale(exp.inScale());
      long[] e = trace.lookup(n.name(), exp, shifted.data());
      long[] sums = new long[groups];
      long[] r = new long[x.length];
      for (int o = 0; o < g[0]; o++) {
        for (int i = 0; i < g[2]; i++) {
          int base = o * g[1] * g[2] + i;
          long s = 0;
          for (int k = 0; k < g[1]; k++) {
            s = Math.addExact(s, e[base + k * g[2]]);
          }
          sums[o * g[2] + i] = s;
          if (log) {
            long st = new QTensor(new int[] {1}, new long[] {s}, a)
                .toScale(logTable.inScale()).data()[0];
            long ls = trace.lookup(n.name() + "/log", logTable, new long[] {st})[0];
            for (int k = 0; k < g[1]; k++) {
              r[base + k * g[2]] = d[base + k * g[2]] - ls;
            }
            continue;
          }
          for (int k = 0; k < g[1]; k++) {
            r[base + k * g[2]] = FixedPoint.divRound(e[base + k * g[2]] << a, s);
          }
        }
      }
      trace.put(n.name() + "/max", new QTensor(new int[] {groups}, max, sx));
      trace.put(n.name() + "/shifted", shifted);
      trace.put(n.name() + "/exp", new QTensor(shape, e, a));
      trace.put(n.name() + "/sum", new QTensor(new int[] {groups}, sums, a));
      return one(new QTensor(shape, r, log ? sx : a));
    };
  }
}
