package org.besuzkml.model.ops;

import static org.besuzkml.model.ops.OpSupport.one;

import org.besuzkml.model.Node;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.Tensor.ElemType;
import org.besuzkml.model.quant.FixedPoint;
import org.besuzkml.model.quant.IntOp;
import org.besuzkml.model.quant.QuantContext;

/**
 * Ops that the importer folds away: Constant, Shape, Size, ConstantOfShape, Range, and Cast (which
 * on an activation is an identity when it casts to a float type).
 */
final class ConstantOps {
  private ConstantOps() {}

  /** Ops that only ever run at import time on constants. */
  abstract static class FoldOnly implements Op {
    @Override
    public int[][] inferShapes(Node n, int[][] in, Tensor[] c) {
      Tensor[] inputs = c == null ? new Tensor[0] : c;
      for (int i = 0; i < in.length; i++) {
        if (n.hasInput(i) && (i >= inputs.length || inputs[i] == null)) {
          throw new Unsupported("input " + n.input(i) + " must be a constant");
        }
      }
      Tensor[] r = evalFloat(n, inputs);
      int[][] s = new int[r.length][];
      for (int i = 0; i < r.length; i++) {
        s[i] = r[i].shape();
      }
      return s;
    }

    @Override
    public IntOp quantize(Node n, QuantContext ctx) {
      throw new Unsupported("only constant inputs are supported");
    }
  }

  static final class Constant extends FoldOnly {
    @Override
    public Tensor[] evalFloat(Node n, Tensor[] in) {
      var a = n.attrs();
      if (a.has("value")) {
        return one(a.getTensor("value"));
      }
      if (a.has("value_float")) {
        return one(Tensor.scalar(a.getFloat("value_float", 0)));
      }
      if (a.has("value_int")) {
        return one(Tensor.scalar(a.getInt("value_int", 0)).withType(ElemType.INT));
      }
      if (a.has("value_floats")) {
        double[] v = a.getFloats("value_floats");
        return one(new Tensor(new int[] {v.length}, v));
      }
      if (a.has("value_ints")) {
        long[] v = a.getInts("value_ints");
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
          d[i] = v[i];
        }
        return one(new Tensor(new int[] {v.length}, d, ElemType.INT));
      }
      throw new Unsupported("Constant without a numeric value");
    }
  }

  static final class ConstantOfShape extends FoldOnly {
    @Override
    public Tensor[] evalFloat(Node n, Tensor[] in) {
      long[] s = in[0].asLongs();
      int[] shape = new int[s.length];
      for (int i = 0; i < s.length; i++) {
        shape[i] = (int) s[i];
      }
      Tensor v = n.attrs().getTensor("value");
      double fill = v == null ? 0 : v.get(0);
      double[] d = new double[org.besuzkml.model.Shapes.size(shape)];
      java.util.Arrays.fill(d, fill);
      return one(new Tensor(shape, d, v == null ? ElemType.FLOAT : v.type()));
    }
  }

  static final class Range extends FoldOnly {
    @Override
    public Tensor[] evalFloat(Node n, Tensor[] in) {
      double start = in[0].get(0);
      double limit = in[1].get(0);
      double delta = in[2].get(0);
      int count = (int) Math.max(Math.ceil((limit - start) / delta), 0);
      double[] d = new double[count];
      for (int i = 0; i < count; i++) {
        d[i] = start + i * delta;
      }
      return one(new Tensor(new int[] {count}, d, in[0].type()));
    }
  }

  /** Shape and Size are folded by the importer from static shapes; this is their float form. */
  static final class ShapeOf extends FoldOnly {
    private final boolean size;

    ShapeOf(boolean size) {
      this.size = size;
    }

    @Override
    public int[][] inferShapes(Node n, int[][] in, Tensor[] c) {
      return one(size ? new int[0] : new int[] {shapeOf(n, in[0]).length});
    }

    static int[] shapeOf(Node n, int[] s) {
      int r = s.length;
      int start = (int) n.attrs().getInt("start", 0);
      int end = (int) n.attrs().getInt("end", r);
      start = Math.max(0, Math.min(r, start < 0 ? start + r : start));
      end = Math.max(start, Math.min(r, end < 0 ? end + r : end));
      return java.util.Arrays.copyOfRange(s, start, end);
    }

    /** The folded value for an input of the given static shape. */
    Tensor fold(Node n, int[] s) {
      if (size) {
        return Tensor.scalar(org.besuzkml.model.Shapes.size(s)).withType(ElemType.INT);
      }
      int[] sub = shapeOf(n, s);
      double[] d = new double[sub.length];
      for (int i = 0; i < d.length; i++) {
        d[i] = sub[i];
      }
      return new Tensor(new int[] {d.length}, d, ElemType.INT);
    }

    @Override
    public Tensor[] evalFloat(Node n, Tensor[] in) {
      return one(fold(n, in[0].shape()));
    }
  }

  static final class Cast implements Op {
    private static ElemType target(Node n) {
      int to = (int) n.attrs().getInt("to", 1);
      return switch (to) {
        case 1, 10, 11, 16 -> ElemType.FLOAT;
        case 9 -> ElemType.BOOL;
        case 2, 3, 4, 5, 6, 7, 12, 13 -> ElemType.INT;
        default -> throw new Unsupported("Cast to data type " + to);
      };
    }

    @Override
    public ElemType[] outputTypes(Node n, ElemType[] in) {
      return new ElemType[] {target(n)};
    }

    @Override
    public int[][] inferShapes(Node n, int[][] in, Tensor[] c) {
      target(n);
      return one(in[0]);
    }

    @Override
    public Tensor[] evalFloat(Node n, Tensor[] in) {
      ElemType t = target(n);
      double[] d = in[0].data().clone();
      for (int i = 0; i < d.length; i++) {
        if (t == ElemType.INT) {
          d[i] = d[i] < 0 ? Math.ceil(d[i]) : Math.floor(d[i]);
        } else if (t == ElemType.BOOL) {
          d[i] = d[i] != 0 ? 1 : 0;
        } else {
          d[i] = (float) d[i];
        }
      }
      return one(new Tensor(in[0].shape(), d, t));
    }

    /**
     * To a float type: identity. To an integer type: truncation toward zero, q / 2^s rounded
     * toward 0, at scale 0. To bool: q != 0 at scale 0. All exact.
     */
    @Override
    public IntOp quantize(Node n, QuantContext ctx) {
      ElemType t = target(n);
      int s = ctx.scale(n.input(0));
      if (t == ElemType.FLOAT) {
        ctx.setScale(n.outputs().get(0), s);
        return (in, trace) -> one(in[0]);
      }
      ctx.setScale(n.outputs().get(0), 0);
      return (in, trace) -> {
        long[] x = in[0].data();
        long[] r = new long[x.length];
        for (int i = 0; i < r.length; i++) {
          if (t == ElemType.BOOL) {
            r[i] = x[i] != 0 ? 1 : 0;
          } else if (s <= 0) {
            r[i] = FixedPoint.align(x[i], s, 0);
          } else {
            long q = Math.abs(x[i]) >> s;
            r[i] = x[i] < 0 ? -q : q;
          }
        }
        return one(new org.besuzkml.model.quant.QTensor(in[0].shape(), r, 0));
      };
    }
  }
}
