package org.besuzkml.model.ops;

import static org.besuzkml.model.ops.OpSupport.one;

import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.besuzkml.model.Attributes;
import org.besuzkml.model.Node;
import org.besuzkml.model.Shapes;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.quant.FixedPoint;
import org.besuzkml.model.quant.IntOp;
import org.besuzkml.model.quant.LookupTable;
import org.besuzkml.model.quant.QTensor;
import org.besuzkml.model.quant.QuantContext;
import org.besuzkml.model.quant.QuantContext.Domain;
import org.besuzkml.model.ops.OpSupport.Operand;

/**
 * Elementwise activations. Relu, LeakyRelu, PRelu, Clip, Abs and Neg are exact in fixed point
 * (comparisons, which the prover shows with range checks, and one rescaled product); every other
 * activation is a lookup table over a bounded domain.
 */
final class ActivationOps {
  private ActivationOps() {}

  /** Shape-preserving unary op with a float function of the node's attributes. */
  abstract static class Unary implements Op {
    abstract DoubleUnaryOperator function(Attributes a);

    @Override
    public int[][] inferShapes(Node n, int[][] in, Tensor[] c) {
      return one(in[0]);
    }

    @Override
    public Tensor[] evalFloat(Node n, Tensor[] in) {
      DoubleUnaryOperator f = function(n.attrs());
      double[] r = new double[in[0].size()];
      for (int i = 0; i < r.length; i++) {
        r[i] = f.applyAsDouble(in[0].get(i));
      }
      return one(new Tensor(in[0].shape(), r, in[0].type()));
    }
  }

  /** An activation evaluated by a lookup table. */
  static final class Table extends Unary {
    private final String name;
    private final Function<Attributes, DoubleUnaryOperator> f;
    private final Function<Attributes, Domain> domain;

    Table(String name, Function<Attributes, DoubleUnaryOperator> f, Function<Attributes, Domain> d) {
      this.name = name;
      this.f = f;
      this.domain = d;
    }

    @Override
    DoubleUnaryOperator function(Attributes a) {
      return f.apply(a);
    }

    @Override
    public IntOp quantize(Node n, QuantContext ctx) {
      return tableOp(n, ctx, name, f.apply(n.attrs()), domain.apply(n.attrs()), 0);
    }
  }

  static IntOp tableOp(
      Node n, QuantContext ctx, String fn, DoubleUnaryOperator f, Domain d, int inputIndex) {
    String x = n.input(inputIndex);
    int sx = ctx.scale(x);
    int out = ctx.target(n.outputs().get(0));
    ctx.setScale(n.outputs().get(0), out);
    LookupTable t = ctx.table(n.name(), fn, f, sx, ctx.range(x), d, out);
    IntOp op = lookup(n, t, sx);
    if (inputIndex == 0) {
      return op;
    }
    return (in, trace) -> op.eval(new QTensor[] {in[inputIndex]}, trace);
  }

  /** Brings input 0 to the table's scale (recorded as node/lookup_in when it moves) and looks up. */
  static IntOp lookup(Node n, LookupTable t, int sx) {
    return (in, trace) -> {
      QTensor x = in[0];
      QTensor xt = x.toScale(t.inScale());
      if (xt != x) {
        trace.put(n.name() + "/lookup_in", xt);
      }
      long[] y = trace.lookup(n.name(), t, xt.data());
      return one(new QTensor(x.shape(), y, t.outScale()));
    };
  }

  /** Relu, Abs, Neg: exact, scale-preserving. */
  static final class Exact extends Unary {
    private final String kind;

    Exact(String kind) {
      this.kind = kind;
    }

    @Override
    DoubleUnaryOperator function(Attributes a) {
      return switch (kind) {
        case "Relu" -> v -> Math.max(v, 0);
        case "Abs" -> Math::abs;
        default -> v -> -v;
      };
    }

    @Override
    public IntOp quantize(Node n, QuantContext ctx) {
      int s = ctx.scale(n.input(0));
      ctx.setScale(n.outputs().get(0), s);
      return (in, trace) -> {
        long[] x = in[0].data();
        long[] r = new long[x.length];
        for (int i = 0; i < r.length; i++) {
          r[i] = switch (kind) {
            case "Relu" -> Math.max(x[i], 0);
            case "Abs" -> Math.abs(x[i]);
            default -> -x[i];
          };
        }
        return one(new QTensor(in[0].shape(), r, s));
      };
    }
  }

  /** LeakyRelu (slope attribute) and PRelu (slope input, broadcast): x >= 0 ? x : slope * x. */
  static final class Leaky implements Op {
    private final boolean slopeInput;

    Leaky(boolean slopeInput) {
      this.slopeInput = slopeInput;
    }

    @Override
    public int[][] inferShapes(Node n, int[][] in, Tensor[] c) {
      return one(slopeInput ? Shapes.broadcast(in[0], in[1]) : in[0]);
    }

    private Tensor slope(Node n, Tensor[] in) {
      return slopeInput ? in[1] : Tensor.scalar(n.attrs().getFloat("alpha", 0.01));
    }

    @Override
    public Tensor[] evalFloat(Node n, Tensor[] in) {
      Tensor a = slope(n, in);
      int[] shape = Shapes.broadcast(in[0].shape(), a.shape());
      int[] ix = Shapes.broadcastIndex(shape, in[0].shape());
      int[] ia = Shapes.broadcastIndex(shape, a.shape());
      double[] r = new double[ix.length];
      for (int i = 0; i < r.length; i++) {
        double v = in[0].get(ix[i]);
        r[i] = v >= 0 ? v : v * a.get(ia[i]);
      }
      return one(new Tensor(shape, r));
    }

    @Override
    public IntOp quantize(Node n, QuantContext ctx) {
      Operand slope;
      if (slopeInput) {
        if (!ctx.isConst(n.input(1))) {
          throw new Unsupported("PRelu needs a constant slope");
        }
        slope = Operand.of(n, 1, ctx, ctx.weight(), true);
      } else {
        Tensor a = Tensor.scalar(n.attrs().getFloat("alpha", 0.01));
        int s = OpSupport.exactScale(a, ctx.weightScale(a));
        slope = Operand.ofConstant(1, ctx.param(n.name() + "/alpha", a, s));
      }
      int sx = ctx.scale(n.input(0));
      int[] outShape = ctx.shape(n.outputs().get(0));
      int[] ix = Shapes.broadcastIndex(outShape, ctx.shape(n.input(0)));
      int[] ia = Shapes.broadcastIndex(outShape, slope.shape);
      ctx.setScale(n.outputs().get(0), sx);
      long[] a = slope.constant.data();
      int k = slope.scale;
      return (in, trace) -> {
        long[] x = in[0].data();
        long[] r = new long[ix.length];
        for (int i = 0; i < r.length; i++) {
          long v = x[ix[i]];
          r[i] = v >= 0 ? v : FixedPoint.rescale(Math.multiplyExact(v, a[ia[i]]), k);
        }
        return one(new QTensor(outShape, r, sx));
      };
    }
  }

  /** Clip: min/max from inputs 1 and 2 (opset 11+) or attributes (older opsets). */
  static final class Clip extends Unary {
    @Override
    DoubleUnaryOperator function(Attributes a) {
      double lo = a.getFloat("min", Double.NEGATIVE_INFINITY);
      double hi = a.getFloat("max", Double.POSITIVE_INFINITY);
      return v -> Math.min(Math.max(v, lo), hi);
    }

    private static double[] bounds(Node n, Tensor lo, Tensor hi) {
      return new double[] {
        lo != null ? lo.get(0) : n.attrs().getFloat("min", Double.NEGATIVE_INFINITY),
        hi != null ? hi.get(0) : n.attrs().getFloat("max", Double.POSITIVE_INFINITY)
      };
    }

    @Override
    public Tensor[] evalFloat(Node n, Tensor[] in) {
      double[] b = bounds(n, in.length > 1 ? in[1] : null, in.length > 2 ? in[2] : null);
      double[] r = new double[in[0].size()];
      for (int i = 0; i < r.length; i++) {
        r[i] = Math.min(Math.max(in[0].get(i), b[0]), b[1]);
      }
      return one(new Tensor(in[0].shape(), r, in[0].type()));
    }

    @Override
    public IntOp quantize(Node n, QuantContext ctx) {
      for (int i = 1; i <= 2; i++) {
        if (n.hasInput(i) && !ctx.isConst(n.input(i))) {
          throw new Unsupported("Clip needs constant bounds");
        }
      }
      Tensor lo = n.hasInput(1) ? ctx.constant(n.input(1)) : null;
      Tensor hi = n.hasInput(2) ? ctx.constant(n.input(2)) : null;
      double[] b = bounds(n, lo, hi);
      int s = ctx.scale(n.input(0));
      long qlo = FixedPoint.quantize(b[0], s);
      long qhi = FixedPoint.quantize(b[1], s);
      ctx.setScale(n.outputs().get(0), s);
      return (in, trace) -> {
        long[] x = in[0].data();
        long[] r = new long[x.length];
        for (int i = 0; i < r.length; i++) {
          r[i] = Math.min(Math.max(x[i], qlo), qhi);
        }
        return one(new QTensor(in[0].shape(), r, s));
      };
    }
  }

  static double erf(double x) {
    // Abramowitz-Stegun 7.1.26 is too coarse for a reference; use a series/continued fraction.
    double t = Math.abs(x);
    double r;
    if (t < 2.5) {
      double sum = t;
      double term = t;
      double t2 = t * t;
      for (int k = 1; k < 60; k++) {
        term *= -t2 / k;
        double add = term / (2 * k + 1);
        sum += add;
        if (Math.abs(add) < 1e-17) {
          break;
        }
      }
      r = 2 / Math.sqrt(Math.PI) * sum;
    } else {
      // erfc continued fraction (Lentz), accurate for t >= 2.5
      double f = t;
      double c = t;
      double d = 0;
      for (int k = 1; k < 200; k++) {
        double ak = k / 2.0;
        d = t + ak * d;
        d = d == 0 ? 1e-300 : 1 / d;
        c = t + ak / c;
        double delta = c * d;
        f *= delta;
        if (Math.abs(delta - 1) < 1e-16) {
          break;
        }
      }
      r = 1 - Math.exp(-t * t) / Math.sqrt(Math.PI) / f;
    }
    return x < 0 ? -r : r;
  }

  static double sigmoid(double x) {
    return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
  }

  static double softplus(double x) {
    return x > 30 ? x : Math.log1p(Math.exp(x));
  }
}
