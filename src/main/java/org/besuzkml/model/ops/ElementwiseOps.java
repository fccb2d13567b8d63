package org.besuzkml.model.ops;

import static org.besuzkml.model.ops.OpSupport.one;

import org.besuzkml.model.Node;
import org.besuzkml.model.Shapes;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.Tensor.ElemType;
import org.besuzkml.model.quant.FixedPoint;
import org.besuzkml.model.quant.IntOp;
import org.besuzkml.model.quant.LookupTable;
import org.besuzkml.model.quant.QTensor;
import org.besuzkml.model.quant.QuantContext;
import org.besuzkml.model.quant.QuantContext.Domain;
import org.besuzkml.model.ops.OpSupport.Operand;

/**
 * Broadcasting binary ops: Add, Sub, Mul, Div, Pow, Max, Min and the comparisons.
 *
 * <p>Integer semantics: Add/Sub align both operands to the larger scale (exact shift); Mul
 * multiplies and rescales the product to the activation scale; Div by a constant multiplies by the
 * quantized reciprocal, Div by an activation is a rounded integer division; Pow with a constant
 * exponent is repeated Mul for 2 and 3, else a lookup table; comparisons give 0/1 at scale 0.
 */
final class ElementwiseOps {
  private ElementwiseOps() {}

  enum Kind {
    ADD,
    SUB,
    MUL,
    DIV,
    POW,
    MAX,
    MIN,
    EQUAL,
    LESS,
    GREATER,
    LESS_OR_EQUAL,
    GREATER_OR_EQUAL;

    boolean comparison() {
      return ordinal() >= EQUAL.ordinal();
    }
  }

  static final class Binary implements Op {
    private final Kind kind;

    Binary(Kind kind) {
      this.kind = kind;
    }

    @Override
    public int[][] inferShapes(Node n, int[][] in, Tensor[] c) {
      int[] s = in[0];
      for (int i = 1; i < in.length; i++) {
        s = Shapes.broadcast(s, in[i]);
      }
      return one(s);
    }

    @Override
    public ElemType[] outputTypes(Node n, ElemType[] in) {
      if (kind.comparison()) {
        return new ElemType[] {ElemType.BOOL};
      }
      boolean ints = in[0] != ElemType.FLOAT && in.length > 1 && in[1] != ElemType.FLOAT;
      return new ElemType[] {ints ? ElemType.INT : ElemType.FLOAT};
    }

    @Override
    public long macs(Node n, int[][] in, int[][] out) {
      return kind == Kind.MUL || kind == Kind.DIV || kind == Kind.POW ? Shapes.size(out[0]) : 0;
    }

    static double apply(Kind k, double a, double b, boolean ints) {
      switch (k) {
        case ADD:
          return a + b;
        case SUB:
          return a - b;
        case MUL:
          return a * b;
        case DIV:
          if (ints) {
            return b == 0 ? 0 : (double) ((long) a / (long) b);
          }
          return a / b;
        case POW:
          return Math.pow(a, b);
        case MAX:
          return Math.max(a, b);
        case MIN:
          return Math.min(a, b);
        case EQUAL:
          return a == b ? 1 : 0;
        case LESS:
          return a < b ? 1 : 0;
        case GREATER:
          return a > b ? 1 : 0;
        case LESS_OR_EQUAL:
          return a <= b ? 1 : 0;
        case GREATER_OR_EQUAL:
          return a >= b ? 1 : 0;
        default:
          throw new IllegalStateException();
      }
    }

    @Override
    public Tensor[] evalFloat(Node n, Tensor[] in) {
      Tensor acc = in[0];
      for (int j = 1; j < in.length; j++) {
        Tensor b = in[j];
        int[] shape = Shapes.broadcast(acc.shape(), b.shape());
        int[] ia = Shapes.broadcastIndex(shape, acc.shape());
        int[] ib = Shapes.broadcastIndex(shape, b.shape());
        boolean ints = acc.type() != ElemType.FLOAT && b.type() != ElemType.FLOAT;
        double[] r = new double[ia.length];
        for (int i = 0; i < r.length; i++) {
          r[i] = apply(kind, acc.get(ia[i]), b.get(ib[i]), ints);
        }
        ElemType t = kind.comparison() ? ElemType.BOOL : ints ? ElemType.INT : ElemType.FLOAT;
        acc = new Tensor(shape, r, t);
      }
      return one(acc);
    }

    @Override
    public IntOp quantize(Node n, QuantContext ctx) {
      if (n.inputs().size() != 2) {
        throw new Unsupported(n.inputs().size() + " inputs (only 2 are supported)");
      }
      String out = n.outputs().get(0);
      int[] outShape = ctx.shape(out);
      switch (kind) {
        case ADD:
        case SUB:
        case MAX:
        case MIN:
        case EQUAL:
        case LESS:
        case GREATER:
        case LESS_OR_EQUAL:
        case GREATER_OR_EQUAL:
          return aligned(n, ctx, outShape);
        case MUL:
          return multiply(n, ctx, outShape, false);
        case DIV:
          return ctx.isConst(n.input(1)) ? multiply(n, ctx, outShape, true) : divide(n, ctx, outShape);
        case POW:
          return power(n, ctx, outShape);
        default:
          throw new IllegalStateException();
      }
    }

    /** Ops that compare or add after bringing both operands to one scale. */
    private IntOp aligned(Node n, QuantContext ctx, int[] outShape) {
      String a = n.input(0);
      String b = n.input(1);
      int actScale = ctx.isConst(a) ? ctx.scale(b) : ctx.isConst(b) ? ctx.scale(a)
          : Math.max(ctx.scale(a), ctx.scale(b));
      Operand x = Operand.of(n, 0, ctx, actScale, false);
      Operand y = Operand.of(n, 1, ctx, actScale, false);
      int common = Math.max(x.scale, y.scale);
      int outScale = kind.comparison() ? 0 : Math.min(common, ctx.target(n.outputs().get(0)));
      ctx.setScale(n.outputs().get(0), outScale);
      int[] ix = Shapes.broadcastIndex(outShape, x.shape);
      int[] iy = Shapes.broadcastIndex(outShape, y.shape);
      return (in, trace) -> {
        long[] xv = x.get(in).data();
        long[] yv = y.get(in).data();
        long[] r = new long[ix.length];
        for (int i = 0; i < r.length; i++) {
          long p = FixedPoint.align(xv[ix[i]], x.scale, common);
          long q = FixedPoint.align(yv[iy[i]], y.scale, common);
          switch (kind) {
            case ADD -> r[i] = Math.addExact(p, q);
            case SUB -> r[i] = Math.subtractExact(p, q);
            case MAX -> r[i] = Math.max(p, q);
            case MIN -> r[i] = Math.min(p, q);
            case EQUAL -> r[i] = p == q ? 1 : 0;
            case LESS -> r[i] = p < q ? 1 : 0;
            case GREATER -> r[i] = p > q ? 1 : 0;
            case LESS_OR_EQUAL -> r[i] = p <= q ? 1 : 0;
            default -> r[i] = p >= q ? 1 : 0;
          }
        }
        QTensor t = new QTensor(outShape, r, kind.comparison() ? 0 : common);
        return one(t.scale() == outScale ? t : OpSupport.rescaleRecorded(n, t, outScale, trace));
      };
    }

    /** Mul, and Div by a constant (multiplication by its reciprocal). */
    private IntOp multiply(Node n, QuantContext ctx, int[] outShape, boolean reciprocal) {
      Operand x;
      Operand y;
      if (reciprocal) {
        Tensor c = ctx.constant(n.input(1));
        double[] inv = new double[c.size()];
        for (int i = 0; i < inv.length; i++) {
          inv[i] = 1.0 / c.get(i);
        }
        Tensor ct = new Tensor(c.shape(), inv);
        int s = OpSupport.exactScale(ct, ctx.weightScale(ct));
        x = Operand.of(n, 0, ctx, ctx.act(), false);
        QTensor q = ctx.param(n.name() + "/reciprocal", ct, s);
        y = Operand.ofConstant(1, q);
      } else {
        x = Operand.of(n, 0, ctx, ctx.weight(), true);
        y = Operand.of(n, 1, ctx, ctx.weight(), true);
      }
      int prodScale = x.scale + y.scale;
      int outScale = OpSupport.productTarget(prodScale, ctx, n.outputs().get(0));
      ctx.setScale(n.outputs().get(0), outScale);
      int[] ix = Shapes.broadcastIndex(outShape, x.shape);
      int[] iy = Shapes.broadcastIndex(outShape, y.shape);
      return (in, trace) -> {
        long[] xv = x.get(in).data();
        long[] yv = y.get(in).data();
        long[] r = new long[ix.length];
        for (int i = 0; i < r.length; i++) {
          r[i] = Math.multiplyExact(xv[ix[i]], yv[iy[i]]);
        }
        return one(OpSupport.rescaleRecorded(n, new QTensor(outShape, r, prodScale), outScale, trace));
      };
    }

    /** a / b with b an activation: round half up of the exact quotient, at the activation scale. */
    private IntOp divide(Node n, QuantContext ctx, int[] outShape) {
      Operand x = Operand.of(n, 0, ctx, ctx.act(), false);
      Operand y = Operand.of(n, 1, ctx, ctx.act(), false);
      int outScale = ctx.target(n.outputs().get(0));
      ctx.setScale(n.outputs().get(0), outScale);
      int e = outScale + y.scale - x.scale;
      int[] ix = Shapes.broadcastIndex(outShape, x.shape);
      int[] iy = Shapes.broadcastIndex(outShape, y.shape);
      return (in, trace) -> {
        long[] xv = x.get(in).data();
        long[] yv = y.get(in).data();
        long[] r = new long[ix.length];
        for (int i = 0; i < r.length; i++) {
          long num = xv[ix[i]];
          long den = yv[iy[i]];
          if (e >= 0) {
            num = Math.multiplyExact(num, 1L << e);
          } else {
            den = Math.multiplyExact(den, 1L << -e);
          }
          r[i] = FixedPoint.divRound(num, den);
        }
        return one(new QTensor(outShape, r, outScale));
      };
    }

    private IntOp power(Node n, QuantContext ctx, int[] outShape) {
      if (!ctx.isConst(n.input(1))) {
        if (ctx.isConst(n.input(0))) {
          Tensor base = ctx.constant(n.input(0));
          double c = uniform(base, "Pow with an activation exponent needs a uniform constant base");
          return ActivationOps.tableOp(
              n, ctx, "pow" + c + "^x", x -> Math.pow(c, x), Domain.all(), 1);
        }
        throw new Unsupported("Pow needs a constant exponent");
      }
      double p = uniform(ctx.constant(n.input(1)), "Pow needs a uniform constant exponent");
      String xn = n.input(0);
      int sx = ctx.scale(xn);
      int outScale = ctx.target(n.outputs().get(0));
      ctx.setScale(n.outputs().get(0), outScale);
      if (p == 1) {
        return (in, trace) -> one(in[0].toScale(outScale));
      }
      if (p == 2 || p == 3) {
        int times = (int) p;
        return (in, trace) -> {
          QTensor x = in[0];
          QTensor acc = x;
          for (int k = 1; k < times; k++) {
            long[] r = new long[x.size()];
            for (int i = 0; i < r.length; i++) {
              r[i] = Math.multiplyExact(acc.data()[i], x.data()[i]);
            }
            QTensor prod = new QTensor(x.shape(), r, acc.scale() + x.scale());
            trace.put(n.name() + "/acc" + k, prod);
            acc = prod.toScale(outScale);
          }
          return one(acc);
        };
      }
      boolean integral = p == Math.rint(p);
      Domain d = integral ? Domain.all() : Domain.valid(0, Double.POSITIVE_INFINITY);
      if (p < 0) {
        d = integral ? Domain.all() : Domain.valid(Double.MIN_VALUE, Double.POSITIVE_INFINITY);
      }
      LookupTable t =
          ctx.table(n.name(), "pow" + p, v -> Math.pow(v, p), sx, ctx.range(xn), d, outScale);
      return ActivationOps.lookup(n, t, sx);
    }
  }

  static double uniform(Tensor t, String why) {
    double v = t.get(0);
    for (double x : t.data()) {
      if (x != v) {
        throw new Unsupported(why);
      }
    }
    return v;
  }
}
