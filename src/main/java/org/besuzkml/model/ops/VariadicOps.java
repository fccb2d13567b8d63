package org.besuzkml.model.ops;

import static org.besuzkml.model.ops.OpSupport.one;

import org.besuzkml.model.Node;
import org.besuzkml.model.Shapes;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.quant.FixedPoint;
import org.besuzkml.model.quant.IntOp;
import org.besuzkml.model.quant.QTensor;
import org.besuzkml.model.quant.QuantContext;
import org.besuzkml.model.ops.OpSupport.Operand;

/**
 * Sum, Mean, Max and Min over any number of broadcast inputs. Integer semantics: every operand at
 * the largest activation scale (constants quantized there), then exact sums or comparisons; Mean
 * divides the sum by the public input count with round half up.
 */
final class VariadicOps {
  private VariadicOps() {}

  enum Kind {
    SUM,
    MEAN,
    MAX,
    MIN
  }

  static final class Variadic implements Op {
    private final Kind kind;

    Variadic(Kind kind) {
      this.kind = kind;
    }

    @Override
    public int[][] inferShapes(Node n, int[][] in, Tensor[] c) {
      return one(Shapes.broadcast(in));
    }

    @Override
    public Tensor[] evalFloat(Node n, Tensor[] in) {
      int[][] shapes = new int[in.length][];
      for (int i = 0; i < in.length; i++) {
        shapes[i] = in[i].shape();
      }
      int[] shape = Shapes.broadcast(shapes);
      double[] r = new double[Shapes.size(shape)];
      for (int k = 0; k < in.length; k++) {
        int[] idx = Shapes.broadcastIndex(shape, in[k].shape());
        for (int i = 0; i < r.length; i++) {
          double v = in[k].get(idx[i]);
          r[i] = k == 0 ? v : switch (kind) {
            case MAX -> Math.max(r[i], v);
            case MIN -> Math.min(r[i], v);
            default -> r[i] + v;
          };
        }
      }
      if (kind == Kind.MEAN) {
        for (int i = 0; i < r.length; i++) {
          r[i] /= in.length;
        }
      }
      return one(new Tensor(shape, r, in[0].type()));
    }

    @Override
    public IntOp quantize(Node n, QuantContext ctx) {
      int k = n.inputs().size();
      int common = Integer.MIN_VALUE;
      for (int i = 0; i < k; i++) {
        if (!ctx.isConst(n.input(i))) {
          common = Math.max(common, ctx.scale(n.input(i)));
        }
      }
      int s = common;
      Operand[] ops = new Operand[k];
      String out = n.outputs().get(0);
      int[] shape = ctx.shape(out);
      int[][] idx = new int[k][];
      for (int i = 0; i < k; i++) {
        ops[i] = Operand.of(n, i, ctx, s, false);
        idx[i] = Shapes.broadcastIndex(shape, ops[i].shape);
      }
      ctx.setScale(out, s);
      return (in, trace) -> {
        long[] r = new long[Shapes.size(shape)];
        for (int j = 0; j < k; j++) {
          long[] v = ops[j].get(in).toScale(s).data();
          for (int i = 0; i < r.length; i++) {
            long x = v[idx[j][i]];
            r[i] = j == 0 ? x : switch (kind) {
              case MAX -> Math.max(r[i], x);
              case MIN -> Math.min(r[i], x);
              default -> Math.addExact(r[i], x);
            };
          }
        }
        if (kind == Kind.MEAN) {
          trace.put(n.name() + "/sum", new QTensor(shape, r.clone(), s));
          for (int i = 0; i < r.length; i++) {
            r[i] = FixedPoint.divRound(r[i], k);
          }
        }
        return one(new QTensor(shape, r, s));
      };
    }
  }
}
