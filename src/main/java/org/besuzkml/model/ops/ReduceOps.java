package org.besuzkml.model.ops;

import static org.besuzkml.model.ops.OpSupport.one;

import java.util.ArrayList;
import java.util.List;
import org.besuzkml.model.Node;
import org.besuzkml.model.Shapes;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.quant.FixedPoint;
import org.besuzkml.model.quant.IntOp;
import org.besuzkml.model.quant.QTensor;
import org.besuzkml.model.quant.QuantContext;

/**
 * ReduceSum, ReduceMean, ReduceMax, ReduceMin. Axes come from the attribute (older opsets) or a
 * constant second input (opset 18). Integer semantics: exact sums; ReduceMean divides the sum by
 * the public count with round half up; max/min are comparisons.
 */
final class ReduceOps {
  private ReduceOps() {}

  enum Kind {
    SUM,
    MEAN,
    MAX,
    MIN
  }

  /** For each input element, the output element it reduces into. */
  record Plan(int[] outShape, int[] target, int count) {}

  static Plan plan(Node n, int[] in, Tensor axesInput) {
    long[] axes = axesInput != null ? axesInput.asLongs() : n.attrs().getInts("axes");
    boolean keep = n.attrs().getInt("keepdims", 1) != 0;
    boolean[] red = new boolean[in.length];
    if (axes == null || axes.length == 0) {
      if (n.attrs().getInt("noop_with_empty_axes", 0) != 0) {
        return new Plan(in.clone(), identity(Shapes.size(in)), 1);
      }
      java.util.Arrays.fill(red, true);
    } else {
      for (long a : axes) {
        red[Shapes.axis(a, in.length)] = true;
      }
    }
    List<Integer> out = new ArrayList<>();
    int[] kept = new int[in.length];
    int count = 1;
    for (int i = 0; i < in.length; i++) {
      kept[i] = red[i] ? 1 : in[i];
      if (red[i]) {
        count *= in[i];
      }
      if (!red[i] || keep) {
        out.add(kept[i]);
      }
    }
    int[] outShape = out.stream().mapToInt(Integer::intValue).toArray();
    int[] inStrides = Shapes.strides(in);
    int[] keptStrides = Shapes.strides(kept);
    int size = Shapes.size(in);
    int[] target = new int[size];
    for (int e = 0; e < size; e++) {
      int t = 0;
      for (int d = 0; d < in.length; d++) {
        int c = (e / inStrides[d]) % in[d];
        if (!red[d]) {
          t += c * keptStrides[d];
        }
      }
      target[e] = t;
    }
    return new Plan(outShape, target, count);
  }

  private static int[] identity(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }

  static final class Reduce implements Op {
    private final Kind kind;

    Reduce(Kind kind) {
      this.kind = kind;
    }

    private static Tensor axes(Node n, Tensor[] c) {
      if (!n.hasInput(1)) {
        return null;
      }
      if (c == null || c[1] == null) {
        throw new Unsupported("reduction axes must be constant");
      }
      return c[1];
    }

    @Override
    public int[][] inferShapes(Node n, int[][] in, Tensor[] c) {
      return one(plan(n, in[0], axes(n, c)).outShape());
    }

    @Override
    public Tensor[] evalFloat(Node n, Tensor[] in) {
      Plan p = plan(n, in[0].shape(), axes(n, in));
      double[] r = new double[Shapes.size(p.outShape())];
      if (kind == Kind.MAX || kind == Kind.MIN) {
        java.util.Arrays.fill(r, kind == Kind.MAX ? Double.NEGATIVE_INFINITY
            : Double.POSITIVE_INFINITY);
      }
      for (int e = 0; e < p.target().length; e++) {
        double v = in[0].get(e);
        int t = p.target()[e];
        r[t] = switch (kind) {
          case MAX -> Math.max(r[t], v);
          case MIN -> Math.min(r[t], v);
          default -> r[t] + v;
        };
      }
      if (kind == Kind.MEAN) {
        for (int i = 0; i < r.length; i++) {
          r[i] /= p.count();
        }
      }
      return one(new Tensor(p.outShape(), r, in[0].type()));
    }

    @Override
    public IntOp quantize(Node n, QuantContext ctx) {
      Tensor ax = n.hasInput(1) ? ctx.constant(n.input(1)) : null;
      if (n.hasInput(1) && ax == null) {
        throw new Unsupported("reduction axes must be constant");
      }
      Plan p = plan(n, ctx.shape(n.input(0)), ax);
      int s = ctx.scale(n.input(0));
      // A mean carries more precision than its terms: divide sum * 2^extra by the count.
      int extra = kind == Kind.MEAN ? Math.max(0, ctx.target(n.outputs().get(0)) - s) : 0;
      int outScale = s + extra;
      ctx.setScale(n.outputs().get(0), outScale);
      return (in, trace) -> {
        long[] x = in[0].data();
        long[] r = new long[Shapes.size(p.outShape())];
        if (kind == Kind.MAX || kind == Kind.MIN) {
          java.util.Arrays.fill(r, kind == Kind.MAX ? Long.MIN_VALUE : Long.MAX_VALUE);
        }
        for (int e = 0; e < x.length; e++) {
          int t = p.target()[e];
          r[t] = switch (kind) {
            case MAX -> Math.max(r[t], x[e]);
            case MIN -> Math.min(r[t], x[e]);
            default -> Math.addExact(r[t], x[e]);
          };
        }
        if (kind == Kind.MEAN) {
          trace.put(n.name() + "/sum", new QTensor(p.outShape(), r.clone(), s));
          for (int i = 0; i < r.length; i++) {
            r[i] = FixedPoint.divRound(Math.multiplyExact(r[i], 1L << extra), p.count());
          }
        }
        return one(new QTensor(p.outShape(), r, outScale));
      };
    }
  }
}
