package org.besuzkml.model.ops;

import static org.besuzkml.model.ops.OpSupport.one;

import java.util.Arrays;
import org.besuzkml.model.Node;
import org.besuzkml.model.Shapes;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.quant.IntOp;
import org.besuzkml.model.quant.QTensor;
import org.besuzkml.model.quant.QuantContext;
import org.besuzkml.model.ops.OpSupport.Operand;

/**
 * Conv over 1 or 2 spatial dimensions with strides, pads (zero), dilations and groups. Integer
 * semantics as for MatMul: zero padding, accumulator at s_x + s_w plus bias at that scale, one
 * rescale to the activation scale.
 */
final class ConvOp implements Op {
  private static Window window(Node n, int[] x, int[] w) {
    int r = x.length - 2;
    long[] ks = n.attrs().getInts("kernel_shape");
    int[] k = Arrays.copyOfRange(w, 2, w.length);
    // kernel_shape is optional; when present it must be the weights' (the loops index by it).
    if (ks != null && !Arrays.equals(ks, Arrays.stream(k).asLongStream().toArray())) {
      throw new IllegalArgumentException("kernel_shape " + Arrays.toString(ks)
          + " differs from the weights' spatial shape " + Arrays.toString(k));
    }
    return Window.of(n.attrs(), Arrays.copyOfRange(x, 2, x.length), k, false);
  }

  @Override
  public int[][] inferShapes(Node n, int[][] in, Tensor[] c) {
    int[] x = in[0];
    int[] w = in[1];
    if (x.length < 3 || x.length > 4 || w.length != x.length) {
      throw new Unsupported("Conv on a rank-" + x.length + " input (1-D and 2-D are supported)");
    }
    long g = n.attrs().getInt("group", 1);
    if (g < 1 || g > x[1]) {
      throw new IllegalArgumentException("group " + g + " must be in 1.." + x[1] + " (input channels)");
    }
    if (x[1] != (long) w[1] * g || w[0] % g != 0) {
      throw new IllegalArgumentException("channels do not match group " + g + ": input has " + x[1]
          + ", weights " + Shapes.str(w) + " (need input channels = W[1] * group, group | W[0])");
    }
    Window win = window(n, x, w);
    int[] o = win.outDims(x.length - 2);
    int[] out = new int[x.length];
    out[0] = x[0];
    out[1] = w[0];
    System.arraycopy(o, 0, out, 2, o.length);
    return one(out);
  }

  @Override
  public long macs(Node n, int[][] in, int[][] out) {
    int[] w = in[1];
    long perOut = 1;
    for (int i = 1; i < w.length; i++) {
      perOut *= w[i];
    }
    return Shapes.size(out[0]) * perOut;
  }

  /** out[b][oc][oy][ox] = sum over the group's channels and kernel of x * w (no bias). */
  private static final class Kernel {
    final int batch;
    final int cin;
    final int cout;
    final int groups;
    final Window win;

    Kernel(int[] x, int[] w, Window win, int groups) {
      this.batch = x[0];
      this.cin = x[1];
      this.cout = w[0];
      this.groups = groups;
      this.win = win;
    }

    int outSize() {
      return batch * cout * win.out()[0] * win.out()[1];
    }

    /**
     * Valid output range [lo, hi) along one axis for kernel tap k: outputs o with
     * 0 <= o * stride - pad + k * dil < in.
     */
    private static int[] span(int in, int out, int stride, int pad, int k, int dil) {
      int off = k * dil - pad;
      int lo = off >= 0 ? 0 : (-off + stride - 1) / stride;
      int hi = in - off <= 0 ? 0 : Math.min(out, (in - off - 1) / stride + 1);
      return new int[] {lo, Math.max(lo, hi)};
    }

    /** r[b, oc, oy, ox] += x[b, c, iy, ix] * w[oc, c, ky, kx], weight-stationary loop order. */
    void run(double[] x, double[] w, double[] r) {
      loop(x, w, r, null, null, null);
    }

    /** The same in exact long arithmetic (overflow throws). */
    void run(long[] x, long[] w, long[] r) {
      loop(null, null, null, x, w, r);
    }

    private void loop(double[] xd, double[] wd, double[] rd, long[] xl, long[] wl, long[] rl) {
      int ih = win.in()[0];
      int iw = win.in()[1];
      int kh = win.kernel()[0];
      int kw = win.kernel()[1];
      int oh = win.out()[0];
      int ow = win.out()[1];
      int sy = win.strides()[0];
      int sx = win.strides()[1];
      int cpg = cin / groups;
      int opg = cout / groups;
      for (int b = 0; b < batch; b++) {
        for (int oc = 0; oc < cout; oc++) {
          int g = oc / opg;
          int ro = (b * cout + oc) * oh * ow;
          for (int c = 0; c < cpg; c++) {
            int xc = (b * cin + g * cpg + c) * ih * iw;
            for (int ky = 0; ky < kh; ky++) {
              int[] ys = span(ih, oh, sy, win.padBegin()[0], ky, win.dilations()[0]);
              int yoff = ky * win.dilations()[0] - win.padBegin()[0];
              for (int kx = 0; kx < kw; kx++) {
                int[] xs = span(iw, ow, sx, win.padBegin()[1], kx, win.dilations()[1]);
                int xoff = kx * win.dilations()[1] - win.padBegin()[1];
                int wi = ((oc * cpg + c) * kh + ky) * kw + kx;
                for (int oy = ys[0]; oy < ys[1]; oy++) {
                  int xrow = xc + (oy * sy + yoff) * iw + xoff;
                  int rrow = ro + oy * ow;
                  if (rd != null) {
                    double wv = wd[wi];
                    for (int ox = xs[0]; ox < xs[1]; ox++) {
                      rd[rrow + ox] += wv * xd[xrow + ox * sx];
                    }
                  } else {
                    long wv = wl[wi];
                    for (int ox = xs[0]; ox < xs[1]; ox++) {
                      rl[rrow + ox] = Math.addExact(rl[rrow + ox],
                          Math.multiplyExact(wv, xl[xrow + ox * sx]));
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }


  @Override
  public Tensor[] evalFloat(Node n, Tensor[] in) {
    int[] outShape = inferShapes(n, new int[][] {in[0].shape(), in[1].shape()}, null)[0];
    Kernel k = new Kernel(in[0].shape(), in[1].shape(), window(n, in[0].shape(), in[1].shape()),
        (int) n.attrs().getInt("group", 1));
    double[] r = new double[k.outSize()];
    double[] x = in[0].data();
    double[] w = in[1].data();
    k.run(x, w, r);
    if (in.length > 2 && in[2] != null) {
      int per = r.length / (k.batch * k.cout);
      for (int i = 0; i < r.length; i++) {
        r[i] += in[2].get((i / per) % k.cout);
      }
    }
    return one(new Tensor(outShape, r));
  }

  @Override
  public IntOp quantize(Node n, QuantContext ctx) {
    if (ctx.isConst(n.input(0)) || !ctx.isConst(n.input(1))) {
      throw new Unsupported("Conv needs an activation input and constant weights");
    }
    Operand w = Operand.of(n, 1, ctx, ctx.weight(), true);
    int sx = ctx.scale(n.input(0));
    int prod = sx + w.scale;
    int outScale = OpSupport.productTarget(prod, ctx, n.outputs().get(0));
    String out = n.outputs().get(0);
    ctx.setScale(out, outScale);
    int[] xs = ctx.shape(n.input(0));
    int[] outShape = ctx.shape(out);
    Kernel k = new Kernel(xs, w.shape, window(n, xs, w.shape), (int) n.attrs().getInt("group", 1));
    long[] bias;
    if (n.hasInput(2)) {
      if (!ctx.isConst(n.input(2))) {
        throw new Unsupported("Conv needs a constant bias");
      }
      bias = ctx.param(n.name() + "/" + n.input(2), ctx.constant(n.input(2)), prod).data();
    } else {
      bias = null;
    }
    long[] wv = w.constant.data();
    return (in, trace) -> {
      long[] x = in[0].data();
      long[] r = new long[k.outSize()];
      k.run(x, wv, r);
      if (bias != null) {
        int per = r.length / (k.batch * k.cout);
        for (int i = 0; i < r.length; i++) {
          r[i] = Math.addExact(r[i], bias[(i / per) % k.cout]);
        }
      }
      return one(OpSupport.rescaleRecorded(n, new QTensor(outShape, r, prod), outScale, trace));
    };
  }
}
