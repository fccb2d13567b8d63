package org.besuzkml.model.ops;

import static org.besuzkml.model.ops.OpSupport.one;

import java.util.ArrayList;
import java.util.List;
import org.besuzkml.model.Node;
import org.besuzkml.model.Shapes;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.quant.IntOp;
import org.besuzkml.model.quant.QTensor;
import org.besuzkml.model.quant.QuantContext;

/**
 * Resize (opset 10+) and Upsample, modes nearest and linear (n-linear), with the half_pixel,
 * pytorch_half_pixel, align_corners and asymmetric coordinate transforms. Every output element is
 * a fixed weighted sum of input elements: for nearest one element with weight 1 (an exact copy);
 * for linear the weights are public constants quantized like weights, accumulated and rescaled
 * once.
 */
public final class ResizeOp implements Op {
  /** Per output element: source indices and weights. */
  record Taps(int[] shape, int[][] idx, double[][] w) {}

  private static String coordMode(Node n) {
    if (n.opType().equals("Upsample") || n.opset() < 11) {
      return "asymmetric";
    }
    return n.attrs().getString("coordinate_transformation_mode", "half_pixel");
  }

  static Taps taps(Node n, int[] in, Tensor[] c) {
    int r = in.length;
    String mode = n.attrs().getString("mode", "nearest");
    if (!mode.equals("nearest") && !mode.equals("linear")) {
      throw new Unsupported("Resize mode " + mode);
    }
    if (n.attrs().getInt("antialias", 0) != 0 || n.attrs().has("axes")) {
      throw new Unsupported("Resize with antialias or axes");
    }
    double[] scales = new double[r];
    int[] out = new int[r];
    Tensor sc;
    Tensor sz = null;
    if (n.opType().equals("Upsample") && n.attrs().has("scales")) {
      sc = new Tensor(new int[] {r}, n.attrs().getFloats("scales"));
    } else {
      int si = n.opType().equals("Upsample") || n.opset() < 11 ? 1 : 2;
      sc = c != null && si < c.length ? c[si] : null;
      if (n.hasInput(si) && sc == null) {
        throw new Unsupported("Resize scales must be constant");
      }
      if (si == 2 && n.hasInput(3)) {
        sz = c != null && c.length > 3 ? c[3] : null;
        if (sz == null) {
          throw new Unsupported("Resize sizes must be constant");
        }
      }
    }
    for (int i = 0; i < r; i++) {
      if (sz != null && sz.size() > 0) {
        out[i] = (int) sz.get(i);
        scales[i] = (double) out[i] / in[i];
      } else if (sc != null && sc.size() > 0) {
        scales[i] = sc.get(i);
        out[i] = (int) Math.floor(in[i] * scales[i]);
      } else {
        throw new Unsupported("Resize needs scales or sizes");
      }
    }
    String coord = coordMode(n);
    String nearest = n.attrs().getString("nearest_mode", "round_prefer_floor");
    if (n.opType().equals("Upsample") || n.opset() < 11) {
      nearest = "floor";
    }
    // 1-D taps per axis
    int[][][] ai = new int[r][][];
    double[][][] aw = new double[r][][];
    for (int d = 0; d < r; d++) {
      ai[d] = new int[out[d]][];
      aw[d] = new double[out[d]][];
      for (int o = 0; o < out[d]; o++) {
        double x = switch (coord) {
          case "half_pixel" -> (o + 0.5) / scales[d] - 0.5;
          case "pytorch_half_pixel" -> out[d] > 1 ? (o + 0.5) / scales[d] - 0.5 : 0;
          case "align_corners" -> out[d] == 1 ? 0 : o * (in[d] - 1.0) / (out[d] - 1.0);
          case "asymmetric" -> o / scales[d];
          default -> throw new Unsupported("coordinate_transformation_mode " + coord);
        };
        if (in[d] == out[d] && scales[d] == 1) {
          ai[d][o] = new int[] {o};
          aw[d][o] = new double[] {1};
        } else if (mode.equals("nearest")) {
          long k = switch (nearest) {
            case "floor" -> (long) Math.floor(x);
            case "ceil" -> (long) Math.ceil(x);
            case "round_prefer_ceil" -> (long) Math.floor(x + 0.5);
            default -> x == Math.floor(x) + 0.5 ? (long) Math.floor(x) : Math.round(x);
          };
          ai[d][o] = new int[] {(int) Math.max(0, Math.min(in[d] - 1, k))};
          aw[d][o] = new double[] {1};
        } else {
          double xc = Math.max(0, Math.min(in[d] - 1, x));
          int x0 = (int) Math.floor(xc);
          int x1 = Math.min(x0 + 1, in[d] - 1);
          double f = xc - x0;
          ai[d][o] = x1 == x0 ? new int[] {x0} : new int[] {x0, x1};
          aw[d][o] = x1 == x0 ? new double[] {1} : new double[] {1 - f, f};
        }
      }
    }
    int size = Shapes.size(out);
    int[] outStrides = Shapes.strides(out);
    int[] inStrides = Shapes.strides(in);
    int[][] idx = new int[size][];
    double[][] w = new double[size][];
    for (int e = 0; e < size; e++) {
      List<int[]> cur = new ArrayList<>();
      List<Double> cw = new ArrayList<>();
      cur.add(new int[] {0});
      cw.add(1.0);
      for (int d = 0; d < r; d++) {
        int o = (e / outStrides[d]) % out[d];
        List<int[]> next = new ArrayList<>();
        List<Double> nw = new ArrayList<>();
        for (int t = 0; t < cur.size(); t++) {
          for (int k = 0; k < ai[d][o].length; k++) {
            next.add(new int[] {cur.get(t)[0] + ai[d][o][k] * inStrides[d]});
            nw.add(cw.get(t) * aw[d][o][k]);
          }
        }
        cur = next;
        cw = nw;
      }
      idx[e] = cur.stream().mapToInt(a -> a[0]).toArray();
      w[e] = cw.stream().mapToDouble(Double::doubleValue).toArray();
    }
    return new Taps(out, idx, w);
  }

  @Override
  public int[][] inferShapes(Node n, int[][] in, Tensor[] c) {
    return one(taps(n, in[0], c).shape());
  }

  @Override
  public long macs(Node n, int[][] in, int[][] out) {
    return n.attrs().getString("mode", "nearest").equals("linear") ? Shapes.size(out[0]) : 0;
  }

  @Override
  public Tensor[] evalFloat(Node n, Tensor[] in) {
    Taps t = taps(n, in[0].shape(), in);
    double[] r = new double[t.idx().length];
    for (int e = 0; e < r.length; e++) {
      double s = 0;
      for (int k = 0; k < t.idx()[e].length; k++) {
        s += t.w()[e][k] * in[0].get(t.idx()[e][k]);
      }
      r[e] = s;
    }
    return one(new Tensor(t.shape(), r));
  }

  /**
   * The engine's integer weights: per output element its source indices and weights quantized
   * at scale {@code sw} (0 and all weights 1 when every output is a copy).
   */
  public record QTaps(int[] shape, int[][] idx, long[][] qw, int sw, boolean copy) {}

  /** The quantized taps of Resize node n on an input of shape in (consts: its constant inputs). */
  public static QTaps quantized(Node n, int[] in, Tensor[] consts, int weightScale) {
    Taps t = taps(n, in, consts);
    boolean copy = true;
    List<Double> all = new ArrayList<>();
    for (double[] ws : t.w()) {
      for (double v : ws) {
        copy &= v == 1;
        all.add(v);
      }
    }
    int sw = copy ? 0 : OpSupport.exactScale(new Tensor(new int[] {all.size()},
        all.stream().mapToDouble(Double::doubleValue).toArray()), weightScale);
    long[][] qw = new long[t.w().length][];
    for (int e = 0; e < qw.length; e++) {
      qw[e] = new long[t.w()[e].length];
      for (int k = 0; k < qw[e].length; k++) {
        qw[e][k] = org.besuzkml.model.quant.FixedPoint.quantizeParam(t.w()[e][k], sw);
      }
    }
    return new QTaps(t.shape(), t.idx(), qw, sw, copy);
  }

  /** The constant inputs of n (scales, sizes) as the quantizer sees them. */
  public static Tensor[] constants(Node n, java.util.function.Function<String, Tensor> constant) {
    Tensor[] consts = new Tensor[n.inputs().size()];
    for (int i = 1; i < consts.length; i++) {
      consts[i] = n.hasInput(i) ? constant.apply(n.input(i)) : null;
    }
    return consts;
  }

  @Override
  public IntOp quantize(Node n, QuantContext ctx) {
    QTaps t = quantized(n, ctx.shape(n.input(0)), constants(n, ctx::constant), ctx.weight());
    int sx = ctx.scale(n.input(0));
    long[][] qw = t.qw();
    int prod = sx + t.sw();
    int outScale = t.copy() ? sx : OpSupport.productTarget(prod, ctx, n.outputs().get(0));
    ctx.setScale(n.outputs().get(0), outScale);
    return (in, trace) -> {
      long[] x = in[0].data();
      long[] r = new long[t.idx().length];
      for (int e = 0; e < r.length; e++) {
        long s = 0;
        for (int k = 0; k < t.idx()[e].length; k++) {
          s = Math.addExact(s, Math.multiplyExact(qw[e][k], x[t.idx()[e][k]]));
        }
        r[e] = s;
      }
      return one(OpSupport.rescaleRecorded(n, new QTensor(t.shape(), r, prod), outScale, trace));
    };
  }
}
