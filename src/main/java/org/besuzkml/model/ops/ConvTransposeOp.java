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
 * ConvTranspose over 1 or 2 spatial dimensions with strides, pads, dilations, output_padding and
 * groups (explicit pads; auto_pad NOTSET or VALID). Each input element scatters x * w into the
 * output; integer semantics as Conv: accumulator at s_x + s_w plus bias, one rescale.
 */
final class ConvTransposeOp implements Op {
  /** Geometry in 2-D form (1-D has height 1). */
  private record Geo(int n, int cin, int cout, int groups, int ih, int iw, int kh, int kw, int sh,
      int sw, int dh, int dw, int ph, int pw, int oh, int ow) {}

  private static Geo geo(Node n, int[] x, int[] w) {
    int r = x.length - 2;
    if (r < 1 || r > 2 || w.length != x.length) {
      throw new Unsupported("ConvTranspose on a rank-" + x.length + " input (1-D and 2-D only)");
    }
    String autoPad = n.attrs().getString("auto_pad", "NOTSET");
    if (!autoPad.equals("NOTSET") && !autoPad.equals("VALID")) {
      throw new Unsupported("ConvTranspose auto_pad " + autoPad);
    }
    if (n.attrs().has("output_shape")) {
      throw new Unsupported("ConvTranspose output_shape attribute");
    }
    long gl = n.attrs().getInt("group", 1);
    if (gl < 1 || gl > x[1]) {
      throw new IllegalArgumentException("group " + gl + " must be in 1.." + x[1] + " (input channels)");
    }
    int g = (int) gl;
    long[] st = Window.ints(n.attrs(), "strides", r, 1);
    long[] dl = Window.ints(n.attrs(), "dilations", r, 1);
    long[] pd = autoPad.equals("VALID") ? null : Window.ints(n.attrs(), "pads", 2 * r, 0);
    long[] op = Window.ints(n.attrs(), "output_padding", r, 0);
    int[] in = new int[2];
    int[] k = new int[2];
    int[] s = {1, 1};
    int[] d = {1, 1};
    int[] pb = new int[2];
    int[] pe = new int[2];
    int[] o = new int[2];
    in[0] = 1;
    k[0] = 1;
    for (int i = 0; i < r; i++) {
      int j = i + 2 - r;
      in[j] = x[2 + i];
      k[j] = w[2 + i];
      s[j] = st == null ? 1 : (int) st[i];
      d[j] = dl == null ? 1 : (int) dl[i];
      pb[j] = pd == null ? 0 : (int) pd[i];
      pe[j] = pd == null ? 0 : (int) pd[i + r];
      if (k[j] < 1) {
        throw new IllegalArgumentException("weights " + Shapes.str(w) + " have an empty kernel");
      }
      int outPad = (int) op[i];
      if (outPad >= Math.max(s[j], d[j])) {
        throw new IllegalArgumentException("output_padding " + outPad + " must be smaller than the"
            + " stride or the dilation");
      }
      long out = (long) s[j] * (in[j] - 1) + outPad + (long) (k[j] - 1) * d[j] + 1 - pb[j] - pe[j];
      if (out < 1 || out > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("pads " + java.util.Arrays.toString(pd)
            + " leave an output of size " + out + " on spatial axis " + i);
      }
      o[j] = (int) out;
    }
    if (r == 1) {
      o[0] = 1;
    }
    if (x[1] != w[0] || x[1] % g != 0) {
      throw new IllegalArgumentException("ConvTranspose channels do not match");
    }
    return new Geo(x[0], x[1], w[1] * g, g, in[0], in[1], k[0], k[1], s[0], s[1], d[0], d[1],
        pb[0], pb[1], o[0], o[1]);
  }

  @Override
  public int[][] inferShapes(Node n, int[][] in, Tensor[] c) {
    Geo g = geo(n, in[0], in[1]);
    return one(in[0].length == 3 ? new int[] {g.n(), g.cout(), g.ow()}
        : new int[] {g.n(), g.cout(), g.oh(), g.ow()});
  }

  @Override
  public long macs(Node n, int[][] in, int[][] out) {
    int[] w = in[1];
    return (long) Shapes.size(in[0]) * Shapes.size(w) / w[0];
  }

  private interface Mac {
    void mac(int out, int x, int w);
  }

  private static void forEach(Geo g, Mac f) {
    int cpg = g.cin() / g.groups();
    int opg = g.cout() / g.groups();
    for (int b = 0; b < g.n(); b++) {
      for (int c = 0; c < g.cin(); c++) {
        int grp = c / cpg;
        for (int y = 0; y < g.ih(); y++) {
          for (int x = 0; x < g.iw(); x++) {
            int xi = ((b * g.cin() + c) * g.ih() + y) * g.iw() + x;
            for (int m = 0; m < opg; m++) {
              int oc = grp * opg + m;
              for (int ky = 0; ky < g.kh(); ky++) {
                int oy = y * g.sh() - g.ph() + ky * g.dh();
                if (oy < 0 || oy >= g.oh()) {
                  continue;
                }
                for (int kx = 0; kx < g.kw(); kx++) {
                  int ox = x * g.sw() - g.pw() + kx * g.dw();
                  if (ox < 0 || ox >= g.ow()) {
                    continue;
                  }
                  int wi = ((c * opg + m) * g.kh() + ky) * g.kw() + kx;
                  f.mac(((b * g.cout() + oc) * g.oh() + oy) * g.ow() + ox, xi, wi);
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
    int[] shape = inferShapes(n, new int[][] {in[0].shape(), in[1].shape()}, null)[0];
    Geo g = geo(n, in[0].shape(), in[1].shape());
    double[] r = new double[Shapes.size(shape)];
    double[] x = in[0].data();
    double[] w = in[1].data();
    forEach(g, (o, xi, wi) -> r[o] += x[xi] * w[wi]);
    if (in.length > 2 && in[2] != null) {
      int per = g.oh() * g.ow();
      for (int i = 0; i < r.length; i++) {
        r[i] += in[2].get((i / per) % g.cout());
      }
    }
    return one(new Tensor(shape, r));
  }

  @Override
  public IntOp quantize(Node n, QuantContext ctx) {
    if (ctx.isConst(n.input(0)) || !ctx.isConst(n.input(1))) {
      throw new Unsupported("ConvTranspose needs an activation input and constant weights");
    }
    Operand w = Operand.of(n, 1, ctx, ctx.weight(), true);
    int sx = ctx.scale(n.input(0));
    int prod = sx + w.scale;
    String out = n.outputs().get(0);
    int outScale = OpSupport.productTarget(prod, ctx, out);
    ctx.setScale(out, outScale);
    int[] shape = ctx.shape(out);
    Geo g = geo(n, ctx.shape(n.input(0)), w.shape);
    long[] bias = n.hasInput(2)
        ? ctx.param(n.name() + "/" + n.input(2), ctx.constant(n.input(2)), prod).data() : null;
    if (n.hasInput(2) && !ctx.isConst(n.input(2))) {
      throw new Unsupported("ConvTranspose needs a constant bias");
    }
    long[] wv = w.constant.data();
    return (in, trace) -> {
      long[] x = in[0].data();
      long[] r = new long[Shapes.size(shape)];
      forEach(g, (o, xi, wi) -> r[o] = Math.addExact(r[o], Math.multiplyExact(x[xi], wv[wi])));
      if (bias != null) {
        int per = g.oh() * g.ow();
        for (int i = 0; i < r.length; i++) {
          r[i] = Math.addExact(r[i], bias[(i / per) % g.cout()]);
        }
      }
      return one(OpSupport.rescaleRecorded(n, new QTensor(shape, r, prod), outScale, trace));
    };
  }
}
