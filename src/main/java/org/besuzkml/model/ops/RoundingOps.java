package org.besuzkml.model.ops;

import static org.besuzkml.model.ops.OpSupport.one;

import org.besuzkml.model.Attributes;
import org.besuzkml.model.Node;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.quant.IntOp;
import org.besuzkml.model.quant.QTensor;
import org.besuzkml.model.quant.QuantContext;

/**
 * Floor, Ceil, Round (half to even, as ONNX), Sign, and the boolean Not/And/Or/Xor. All exact on
 * fixed-point integers: Floor of q at scale s is floorDiv(q, 2^s) * 2^s, and so on; Sign gives
 * -1/0/1 at scale 0; booleans are 0/1 at scale 0.
 */
final class RoundingOps {
  private RoundingOps() {}

  static final class Unary extends ActivationOps.Unary {
    private final String kind;

    Unary(String kind) {
      this.kind = kind;
    }

    @Override
    java.util.function.DoubleUnaryOperator function(Attributes a) {
      return switch (kind) {
        case "Floor" -> Math::floor;
        case "Ceil" -> Math::ceil;
        case "Round" -> Math::rint;
        case "Sign" -> Math::signum;
        default -> v -> v == 0 ? 1 : 0;
      };
    }

    @Override
    public Tensor.ElemType[] outputTypes(Node n, Tensor.ElemType[] in) {
      return new Tensor.ElemType[] {kind.equals("Not") ? Tensor.ElemType.BOOL : in[0]};
    }

    @Override
    public Tensor[] evalFloat(Node n, Tensor[] in) {
      Tensor t = super.evalFloat(n, in)[0];
      return one(kind.equals("Not") ? t.withType(Tensor.ElemType.BOOL) : t);
    }

    static long apply(String kind, long q, int s) {
      if (s <= 0 || kind.equals("Not") || kind.equals("Sign")) {
        return switch (kind) {
          case "Sign" -> Long.signum(q);
          case "Not" -> q == 0 ? 1 : 0;
          default -> q;
        };
      }
      long unit = 1L << s;
      long fl = Math.floorDiv(q, unit);
      long rem = q - fl * unit;
      long r = switch (kind) {
        case "Floor" -> fl;
        case "Ceil" -> rem == 0 ? fl : fl + 1;
        default -> {
          long twice = 2 * rem;
          yield twice < unit ? fl : twice > unit ? fl + 1 : ((fl & 1) == 0 ? fl : fl + 1);
        }
      };
      return r * unit;
    }

    @Override
    public IntOp quantize(Node n, QuantContext ctx) {
      int s = kind.equals("Not") || kind.equals("Sign") ? 0 : ctx.scale(n.input(0));
      ctx.setScale(n.outputs().get(0), s);
      int sx = ctx.scale(n.input(0));
      return (in, trace) -> {
        long[] x = in[0].data();
        long[] r = new long[x.length];
        for (int i = 0; i < r.length; i++) {
          r[i] = apply(kind, x[i], sx);
        }
        return one(new QTensor(in[0].shape(), r, s));
      };
    }
  }

  /** And, Or, Xor on booleans. */
  static final class Logic implements Op {
    private final String kind;

    Logic(String kind) {
      this.kind = kind;
    }

    @Override
    public int[][] inferShapes(Node n, int[][] in, Tensor[] c) {
      return one(org.besuzkml.model.Shapes.broadcast(in[0], in[1]));
    }

    @Override
    public Tensor.ElemType[] outputTypes(Node n, Tensor.ElemType[] in) {
      return new Tensor.ElemType[] {Tensor.ElemType.BOOL};
    }

    private boolean f(boolean a, boolean b) {
      return switch (kind) {
        case "And" -> a && b;
        case "Or" -> a || b;
        default -> a ^ b;
      };
    }

    @Override
    public Tensor[] evalFloat(Node n, Tensor[] in) {
      int[] shape = org.besuzkml.model.Shapes.broadcast(in[0].shape(), in[1].shape());
      int[] ia = org.besuzkml.model.Shapes.broadcastIndex(shape, in[0].shape());
      int[] ib = org.besuzkml.model.Shapes.broadcastIndex(shape, in[1].shape());
      double[] r = new double[ia.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = f(in[0].get(ia[i]) != 0, in[1].get(ib[i]) != 0) ? 1 : 0;
      }
      return one(new Tensor(shape, r, Tensor.ElemType.BOOL));
    }

    @Override
    public IntOp quantize(Node n, QuantContext ctx) {
      OpSupport.Operand a = OpSupport.Operand.of(n, 0, ctx, 0, false);
      OpSupport.Operand b = OpSupport.Operand.of(n, 1, ctx, 0, false);
      int[] shape = ctx.shape(n.outputs().get(0));
      int[] ia = org.besuzkml.model.Shapes.broadcastIndex(shape, a.shape);
      int[] ib = org.besuzkml.model.Shapes.broadcastIndex(shape, b.shape);
      ctx.setScale(n.outputs().get(0), 0);
      return (in, trace) -> {
        long[] x = a.get(in).data();
        long[] y = b.get(in).data();
        long[] r = new long[ia.length];
        for (int i = 0; i < r.length; i++) {
          r[i] = f(x[ia[i]] != 0, y[ib[i]] != 0) ? 1 : 0;
        }
        return one(new QTensor(shape, r, 0));
      };
    }
  }
}
