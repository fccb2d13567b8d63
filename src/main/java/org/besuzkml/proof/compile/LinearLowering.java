package org.besuzkml.proof.compile;

import java.util.Arrays;
import org.besuzkml.model.Node;
import org.besuzkml.model.Shapes;
import org.besuzkml.proof.gadget.Contract;
import org.besuzkml.proof.gadget.Conv;
import org.besuzkml.proof.gadget.TensorKind;

/**
 * MatMul, Gemm (Contract + Lin bias + Requant), Conv (Conv + Lin bias + Requant) and an unfolded
 * BatchNormalization (Poly + Lin + Requant), exactly as the engine's LinearOps, ConvOp and
 * BatchNormOp compute them.
 */
final class LinearLowering {
  private LinearLowering() {}

  static void matmul(Compiler c, Node n) {
    boolean gemm = n.opType().equals("Gemm");
    Compiler.Operand a = c.operand(n, 0);
    Compiler.Operand bm;
    if (gemm && c.isConst(n.input(1)) && !c.isConst(n.input(0))) {
      // the engine stores alpha * op(B) under this id
      String id = n.name() + "/" + n.input(1);
      bm = new Compiler.Operand(c.param(n, id), c.paramScale(id), true);
    } else {
      bm = c.operand(n, 1);
    }
    CircuitBuilder b = c.b;
    int[] as = b.shape(a.id());
    int[] bs = b.shape(bm.id());
    int ai = a.id();
    int bi = bm.id();
    if (as.length == 1) {
      ai = b.alias(ai, new int[] {1, as[0]}, b.info(ai).name() + "/row");
    }
    if (bs.length == 1) {
      bi = b.alias(bi, new int[] {bs[0], 1}, b.info(bi).name() + "/col");
    }
    int[] a2 = b.shape(ai);
    int[] b2 = b.shape(bi);
    int[] batch = Shapes.broadcast(Arrays.copyOf(a2, a2.length - 2), Arrays.copyOf(b2, b2.length - 2));
    int r = batch.length + 2;
    ai = b.lift(ai, r);
    bi = b.lift(bi, r);
    int[] ys = Arrays.copyOf(batch, r);
    ys[r - 2] = a2[a2.length - 2];
    ys[r - 1] = b2[b2.length - 1];
    int acc = b.tensor(n.name() + "/prod", TensorKind.VIRTUAL, ys);
    b.add(new Contract(acc, ai, bi));
    String out = n.outputs().get(0);
    int[] outShape = c.model.graph().shape(out);
    acc = b.alias(acc, outShape, n.name() + "/prod_out");
    int prod = a.scale() + bm.scale();
    if (gemm && n.hasInput(2)) {
      int bias = c.param(n, n.name() + "/" + n.input(2));
      acc = b.lin(n.name() + "/biased", outShape, new int[] {acc, bias}, new long[] {1, 1}, 0);
    }
    c.finishRescaled(n, acc, prod);
  }

  /** Window geometry as the engine computes it (ONNX pads, auto_pad, ceil_mode for pools). */
  record Geometry(int[] in, int[] kernel, int[] strides, int[] dilations, int[] padBegin,
      int[] padEnd, int[] out) {
    static Geometry of(Node n, int[] spatial, int[] kernel, boolean ceilAllowed) {
      int r = spatial.length;
      if (r < 1 || r > 2) {
        throw new CompileException(n.name(), n.opType(), r + " spatial dimensions");
      }
      long[] st = n.attrs().getInts("strides");
      long[] dl = n.attrs().getInts("dilations");
      long[] pd = n.attrs().getInts("pads");
      String autoPad = n.attrs().getString("auto_pad", "NOTSET");
      boolean ceil = ceilAllowed && n.attrs().getInt("ceil_mode", 0) != 0;
      int[] s = new int[2];
      int[] d = new int[2];
      int[] pb = new int[2];
      int[] pe = new int[2];
      int[] o = new int[2];
      int[] in = new int[2];
      int[] k = new int[2];
      Arrays.fill(s, 1);
      Arrays.fill(d, 1);
      Arrays.fill(o, 1);
      Arrays.fill(in, 1);
      Arrays.fill(k, 1);
      for (int j = 0; j < r; j++) {
        int i = j + 2 - r;
        in[i] = spatial[j];
        k[i] = kernel[j];
        s[i] = st == null ? 1 : (int) st[j];
        d[i] = dl == null ? 1 : (int) dl[j];
        int span = (k[i] - 1) * d[i] + 1;
        if (autoPad.equals("SAME_UPPER") || autoPad.equals("SAME_LOWER")) {
          o[i] = (in[i] + s[i] - 1) / s[i];
          int total = Math.max((o[i] - 1) * s[i] + span - in[i], 0);
          int small = total / 2;
          pb[i] = autoPad.equals("SAME_UPPER") ? small : total - small;
          pe[i] = total - pb[i];
          continue;
        }
        if (!autoPad.equals("VALID") && pd != null) {
          pb[i] = (int) pd[j];
          pe[i] = (int) pd[j + r];
        }
        int num = in[i] + pb[i] + pe[i] - span;
        o[i] = (ceil ? (num + s[i] - 1) / s[i] : num / s[i]) + 1;
        if (ceil && (o[i] - 1) * s[i] >= in[i] + pb[i]) {
          o[i]--;
        }
      }
      return new Geometry(in, k, s, d, pb, pe, o);
    }
  }

  static void conv(Compiler c, Node n) {
    if (c.isConst(n.input(0)) || !c.isConst(n.input(1))) {
      throw new CompileException(n.name(), n.opType(), "needs an activation input and constant weights");
    }
    CircuitBuilder b = c.b;
    int x = c.act(n.input(0));
    int[] xs = b.shape(x);
    Compiler.Operand w = c.operand(n, 1);
    int[] ws = b.shape(w.id());
    if (xs[0] != 1) {
      throw new CompileException(n.name(), n.opType(), "batch size " + xs[0]);
    }
    int r = xs.length - 2;
    long[] ks = n.attrs().getInts("kernel_shape");
    int[] k = new int[r];
    for (int i = 0; i < r; i++) {
      k[i] = ks != null ? (int) ks[i] : ws[2 + i];
    }
    Geometry g = Geometry.of(n, Arrays.copyOfRange(xs, 2, xs.length), k, false);
    int groups = (int) n.attrs().getInt("group", 1);
    String out = n.outputs().get(0);
    int[] outShape = c.model.graph().shape(out);
    int acc = b.tensor(n.name() + "/conv", TensorKind.VIRTUAL, outShape);
    b.add(new Conv(acc, x, w.id(), groups, g.in(), g.kernel(), g.out(), g.strides(),
        g.padBegin(), g.dilations()));
    int prod = c.scale(n.input(0)) + w.scale();
    if (n.hasInput(2)) {
      int bias = c.param(n, n.name() + "/" + n.input(2));
      int[] bshape = new int[outShape.length];
      Arrays.fill(bshape, 1);
      bshape[1] = outShape[1];
      int bb = b.alias(bias, bshape, n.name() + "/bias");
      acc = b.lin(n.name() + "/biased", outShape, new int[] {acc, bb}, new long[] {1, 1}, 0);
    }
    c.finishRescaled(n, acc, prod);
  }

  static void batchNorm(Compiler c, Node n) {
    CircuitBuilder b = c.b;
    int x = c.act(n.input(0));
    int[] xs = b.shape(x);
    String sid = n.name() + "/scale";
    int a = c.param(n, sid);
    int sh = c.param(n, n.name() + "/shift");
    int[] cs = new int[xs.length];
    Arrays.fill(cs, 1);
    cs[1] = xs[1];
    int a4 = b.alias(a, cs, n.name() + "/scale_b");
    int sh4 = b.alias(sh, cs, n.name() + "/shift_b");
    int prod = b.poly(n.name() + "/prod", xs, new int[] {x, a4}, new long[] {1},
        new int[][] {{0, 1}});
    int acc = b.lin(n.name() + "/affine", xs, new int[] {prod, sh4}, new long[] {1, 1}, 0);
    c.finishRescaled(n, acc, c.scale(n.input(0)) + c.paramScale(sid));
  }
}
