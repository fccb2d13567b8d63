package org.besuzkml.model.ops;

import static org.besuzkml.model.ops.OpSupport.one;

import org.besuzkml.model.Node;
import org.besuzkml.model.Shapes;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.quant.IntOp;
import org.besuzkml.model.quant.QTensor;
import org.besuzkml.model.quant.QuantContext;
import org.besuzkml.model.ops.OpSupport.Operand;

/**
 * Where(cond, x, y) with broadcasting. Integer semantics: x and y at one scale (constants
 * quantized there, saturating: -inf becomes the activation bound), out = cond != 0 ? x : y, which
 * the prover writes as y + cond * (x - y).
 */
final class WhereOp implements Op {
  @Override
  public Tensor.ElemType[] outputTypes(Node n, Tensor.ElemType[] in) {
    return new Tensor.ElemType[] {in[1] != null ? in[1] : Tensor.ElemType.FLOAT};
  }

  @Override
  public int[][] inferShapes(Node n, int[][] in, Tensor[] c) {
    return one(Shapes.broadcast(in));
  }

  @Override
  public Tensor[] evalFloat(Node n, Tensor[] in) {
    int[] shape = Shapes.broadcast(new int[][] {in[0].shape(), in[1].shape(), in[2].shape()});
    int[] ic = Shapes.broadcastIndex(shape, in[0].shape());
    int[] ix = Shapes.broadcastIndex(shape, in[1].shape());
    int[] iy = Shapes.broadcastIndex(shape, in[2].shape());
    double[] r = new double[ic.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = in[0].get(ic[i]) != 0 ? in[1].get(ix[i]) : in[2].get(iy[i]);
    }
    return one(new Tensor(shape, r, in[1].type()));
  }

  @Override
  public IntOp quantize(Node n, QuantContext ctx) {
    int s = Integer.MIN_VALUE;
    for (int i = 1; i <= 2; i++) {
      if (!ctx.isConst(n.input(i))) {
        s = Math.max(s, ctx.scale(n.input(i)));
      }
    }
    if (s == Integer.MIN_VALUE) {
      s = ctx.act();
    }
    int scale = s;
    Operand c = Operand.of(n, 0, ctx, 0, false);
    Operand x = Operand.of(n, 1, ctx, scale, false);
    Operand y = Operand.of(n, 2, ctx, scale, false);
    int[] shape = ctx.shape(n.outputs().get(0));
    int[] ic = Shapes.broadcastIndex(shape, c.shape);
    int[] ix = Shapes.broadcastIndex(shape, x.shape);
    int[] iy = Shapes.broadcastIndex(shape, y.shape);
    ctx.setScale(n.outputs().get(0), scale);
    return (in, trace) -> {
      long[] cv = c.get(in).data();
      QTensor xq = x.get(in).toScale(scale);
      QTensor yq = y.get(in).toScale(scale);
      long[] r = new long[ic.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = cv[ic[i]] != 0 ? xq.data()[ix[i]] : yq.data()[iy[i]];
      }
      return one(new QTensor(shape, r, scale));
    };
  }
}
