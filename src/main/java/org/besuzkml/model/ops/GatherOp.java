package org.besuzkml.model.ops;

import static org.besuzkml.model.ops.OpSupport.one;

import org.besuzkml.model.Node;
import org.besuzkml.model.Shapes;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.quant.IntOp;
import org.besuzkml.model.quant.QTensor;
import org.besuzkml.model.quant.QuantContext;

/**
 * Gather. With constant indices it is data movement ({@link DataMovementOps#gather}). With
 * indices computed at run time (token ids of an integer graph input) over constant data it is an
 * embedding lookup: the data is quantized as a table of rows, and each index (an integer at scale
 * 0, negative counting from the end) selects one row; an index out of range is rejected.
 */
final class GatherOp implements Op {
  private final DataMovementOps.Move fixed = new DataMovementOps.Move(DataMovementOps::gather, false);

  private static int[] outShape(Node n, int[] data, int[] idx) {
    int r = data.length;
    int axis = Shapes.axis(n.attrs().getInt("axis", 0), r);
    int[] out = new int[r - 1 + idx.length];
    System.arraycopy(data, 0, out, 0, axis);
    System.arraycopy(idx, 0, out, axis, idx.length);
    System.arraycopy(data, axis + 1, out, axis + idx.length, r - axis - 1);
    return out;
  }

  @Override
  public int[][] inferShapes(Node n, int[][] in, Tensor[] c) {
    if (c != null && c[1] != null) {
      return fixed.inferShapes(n, in, c);
    }
    return one(outShape(n, in[0], in[1]));
  }

  @Override
  public Tensor[] evalFloat(Node n, Tensor[] in) {
    return fixed.evalFloat(n, in);
  }

  @Override
  public IntOp quantize(Node n, QuantContext ctx) {
    if (ctx.isConst(n.input(1))) {
      return fixed.quantize(n, ctx);
    }
    if (!ctx.isConst(n.input(0))) {
      throw new Unsupported("Gather with computed indices needs constant data");
    }
    if (ctx.scale(n.input(1)) != 0) {
      throw new Unsupported("Gather indices must be integers (an integer graph input)");
    }
    Tensor data = ctx.constant(n.input(0));
    String out = n.outputs().get(0);
    int s = ctx.target(out);
    QTensor table = ctx.actConst(n.name() + "/" + n.input(0), data, s);
    ctx.setScale(out, s);
    int[] ds = data.shape();
    int axis = Shapes.axis(n.attrs().getInt("axis", 0), ds.length);
    int outer = 1;
    for (int i = 0; i < axis; i++) {
      outer *= ds[i];
    }
    int inner = 1;
    for (int i = axis + 1; i < ds.length; i++) {
      inner *= ds[i];
    }
    int dim = ds[axis];
    int innerSize = inner;
    int outerSize = outer;
    int[] shape = ctx.shape(out);
    return (in, trace) -> {
      long[] idx = in[1].data();
      long[] t = table.data();
      long[] r = new long[Shapes.size(shape)];
      int o = 0;
      for (int a = 0; a < outerSize; a++) {
        for (long j : idx) {
          long k = j < 0 ? j + dim : j;
          if (k < 0 || k >= dim) {
            throw new ArithmeticException("Gather index " + j + " out of range [0, " + dim + ")");
          }
          System.arraycopy(t, (int) ((a * (long) dim + k) * innerSize), r, o, innerSize);
          o += innerSize;
        }
      }
      return one(new QTensor(shape, r, s));
    };
  }
}
