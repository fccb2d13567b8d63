package org.besuzkml.model.ops;

import static org.besuzkml.model.ops.OpSupport.one;

import org.besuzkml.model.Node;
import org.besuzkml.model.Shapes;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.quant.IntOp;
import org.besuzkml.model.quant.QuantContext;

/**
 * NonZero: the indices of the non-zero elements, shape {@code (rank, count)}, in row-major order.
 * Its output shape depends on the values, so it runs only at import, on a constant (the usual case:
 * masks of exported GPT-style models), and everything downstream that becomes constant folds with
 * it. On a computed tensor it is refused: the engine has static shapes.
 */
final class NonZeroOp implements Op {
  @Override
  public int[][] inferShapes(Node n, int[][] in, Tensor[] c) {
    if (c == null || c.length < 1 || c[0] == null) {
      throw new Unsupported("not implemented in proof v1: NonZero of a data-dependent tensor"
          + " (node " + n.name() + ")");
    }
    return one(evalFloat(n, c)[0].shape());
  }

  @Override
  public Tensor.ElemType[] outputTypes(Node n, Tensor.ElemType[] in) {
    return new Tensor.ElemType[] {Tensor.ElemType.INT};
  }

  @Override
  public Tensor[] evalFloat(Node n, Tensor[] in) {
    int[] shape = in[0].shape();
    double[] x = in[0].data();
    int count = 0;
    for (double v : x) {
      count += v != 0 ? 1 : 0;
    }
    int rank = shape.length;
    int[] strides = Shapes.strides(shape);
    double[] r = new double[rank * count];
    int j = 0;
    for (int e = 0; e < x.length; e++) {
      if (x[e] != 0) {
        for (int d = 0; d < rank; d++) {
          r[d * count + j] = (e / strides[d]) % shape[d];
        }
        j++;
      }
    }
    return one(new Tensor(new int[] {rank, count}, r, Tensor.ElemType.INT));
  }

  @Override
  public IntOp quantize(Node n, QuantContext ctx) {
    throw new Unsupported("not implemented in proof v1: NonZero of a data-dependent tensor"
        + " (node " + n.name() + ")");
  }
}
