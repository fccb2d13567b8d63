package org.besuzkml.model.ops;

import static org.besuzkml.model.ops.OpSupport.one;

import org.besuzkml.model.Node;
import org.besuzkml.model.Shapes;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.quant.IntOp;
import org.besuzkml.model.quant.QTensor;
import org.besuzkml.model.quant.QuantContext;

/**
 * BatchNormalization (inference form): per channel c, y = x * a[c] + b[c] with a = gamma /
 * sqrt(var + eps) and b = beta - mean * a. The importer folds it into a preceding Conv or Gemm when
 * it can; otherwise it is this affine op: a quantized as a weight, b at the product scale, one
 * rescale.
 */
final class BatchNormOp implements Op {
  @Override
  public int[][] inferShapes(Node n, int[][] in, Tensor[] c) {
    if (n.outputs().size() > 1) {
      throw new Unsupported("BatchNormalization in training mode");
    }
    return one(in[0]);
  }

  @Override
  public long macs(Node n, int[][] in, int[][] out) {
    return Shapes.size(out[0]);
  }

  /** {a, b} per channel. */
  static double[][] affine(Node n, Tensor gamma, Tensor beta, Tensor mean, Tensor var) {
    double eps = n.attrs().getFloat("epsilon", 1e-5);
    int c = gamma.size();
    double[] a = new double[c];
    double[] b = new double[c];
    for (int i = 0; i < c; i++) {
      a[i] = gamma.get(i) / Math.sqrt(var.get(i) + eps);
      b[i] = beta.get(i) - mean.get(i) * a[i];
    }
    return new double[][] {a, b};
  }

  private static int per(int[] shape) {
    int p = 1;
    for (int i = 2; i < shape.length; i++) {
      p *= shape[i];
    }
    return p;
  }

  @Override
  public Tensor[] evalFloat(Node n, Tensor[] in) {
    double[][] ab = affine(n, in[1], in[2], in[3], in[4]);
    int c = ab[0].length;
    int per = per(in[0].shape());
    double[] r = new double[in[0].size()];
    for (int i = 0; i < r.length; i++) {
      int ch = (i / per) % c;
      r[i] = in[0].get(i) * ab[0][ch] + ab[1][ch];
    }
    return one(new Tensor(in[0].shape(), r));
  }

  @Override
  public IntOp quantize(Node n, QuantContext ctx) {
    for (int i = 1; i < 5; i++) {
      if (!ctx.isConst(n.input(i))) {
        throw new Unsupported("BatchNormalization needs constant statistics");
      }
    }
    double[][] ab = affine(n, ctx.constant(n.input(1)), ctx.constant(n.input(2)),
        ctx.constant(n.input(3)), ctx.constant(n.input(4)));
    int c = ab[0].length;
    Tensor at = new Tensor(new int[] {c}, ab[0]);
    int sa = OpSupport.exactScale(at, ctx.weightScale(at));
    long[] a = ctx.param(n.name() + "/scale", at, sa).data();
    int sx = ctx.scale(n.input(0));
    int prod = sx + sa;
    long[] b = ctx.param(n.name() + "/shift", new Tensor(new int[] {c}, ab[1]), prod).data();
    int outScale = OpSupport.productTarget(prod, ctx, n.outputs().get(0));
    ctx.setScale(n.outputs().get(0), outScale);
    int[] shape = ctx.shape(n.input(0));
    int per = per(shape);
    return (in, trace) -> {
      long[] x = in[0].data();
      long[] r = new long[x.length];
      for (int i = 0; i < r.length; i++) {
        int ch = (i / per) % c;
        r[i] = Math.addExact(Math.multiplyExact(x[i], a[ch]), b[ch]);
      }
      return one(OpSupport.rescaleRecorded(n, new QTensor(shape, r, prod), outScale, trace));
    };
  }
}
