package org.besuzkml.model.ops;

import static org.besuzkml.model.ops.OpSupport.one;

import java.util.Arrays;
import org.besuzkml.model.Node;
import org.besuzkml.model.Shapes;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.quant.FixedPoint;
import org.besuzkml.model.quant.IntOp;
import org.besuzkml.model.quant.QTensor;
import org.besuzkml.model.quant.QuantContext;

/**
 * MaxPool, AveragePool, GlobalMaxPool, GlobalAveragePool. Integer semantics: MaxPool takes the
 * maximum of the in-bounds elements (padding never wins; the prover shows it with range checks);
 * AveragePool divides the window sum by the public element count with round half up.
 */
final class PoolOps {
  private PoolOps() {}

  static final class Pool implements Op {
    private final boolean max;
    private final boolean global;

    Pool(boolean max, boolean global) {
      this.max = max;
      this.global = global;
    }

    private Window window(Node n, int[] x) {
      int r = x.length - 2;
      if (r < 1 || r > 2) {
        throw new Unsupported("pooling over " + r + " spatial dimensions (1 or 2 are supported)");
      }
      int[] spatial = Arrays.copyOfRange(x, 2, x.length);
      if (global) {
        return Window.of(org.besuzkml.model.Attributes.empty(), spatial, spatial, false);
      }
      long[] ks = n.attrs().getInts("kernel_shape");
      if (ks == null || ks.length != r) {
        throw new IllegalArgumentException("kernel_shape must have " + r + " entries, got "
            + (ks == null ? "none" : Arrays.toString(ks)));
      }
      int[] k = new int[r];
      for (int i = 0; i < r; i++) {
        if (ks[i] < 1 || ks[i] > Window.MAX_ATTR) {
          throw new IllegalArgumentException("kernel_shape must be in 1.." + Window.MAX_ATTR + ", got "
              + Arrays.toString(ks));
        }
        k[i] = (int) ks[i];
      }
      Window w = Window.of(n.attrs(), spatial, k, true);
      // A window wholly inside the padding would average no element (ONNX Runtime refuses it too).
      for (int i = 0; i < 2; i++) {
        if (w.padBegin()[i] >= w.kernel()[i] || w.padEnd()[i] >= w.kernel()[i]) {
          throw new IllegalArgumentException("pads " + Arrays.toString(n.attrs().getInts("pads"))
              + " must be smaller than kernel_shape " + Arrays.toString(ks));
        }
      }
      return w;
    }

    @Override
    public int[][] inferShapes(Node n, int[][] in, Tensor[] c) {
      if (n.outputs().size() > 1 && !n.outputs().get(1).isEmpty()) {
        throw new Unsupported("MaxPool indices output");
      }
      int[] x = in[0];
      Window w = window(n, x);
      int[] o = w.outDims(x.length - 2);
      int[] out = new int[x.length];
      out[0] = x[0];
      out[1] = x[1];
      System.arraycopy(o, 0, out, 2, o.length);
      return new int[][] {out};
    }

    @Override
    public long macs(Node n, int[][] in, int[][] out) {
      Window w = window(n, in[0]);
      return max ? 0 : (long) Shapes.size(out[0]) * w.kernel()[0] * w.kernel()[1];
    }

    private interface Visit {
      /** count = divisor for AveragePool; start/end of each window's in-bounds ranges. */
      void window(int out, int base, int y0, int y1, int x0, int x1, int count);
    }

    private void forEach(Node n, int[] x, Visit v) {
      Window w = window(n, x);
      boolean includePad = n.attrs().getInt("count_include_pad", 0) != 0;
      int planes = x[0] * x[1];
      int ih = w.in()[0];
      int iw = w.in()[1];
      int o = 0;
      for (int p = 0; p < planes; p++) {
        for (int oy = 0; oy < w.out()[0]; oy++) {
          for (int ox = 0; ox < w.out()[1]; ox++, o++) {
            int ys = oy * w.strides()[0] - w.padBegin()[0];
            int xs = ox * w.strides()[1] - w.padBegin()[1];
            int ye = ys + (w.kernel()[0] - 1) * w.dilations()[0] + 1;
            int xe = xs + (w.kernel()[1] - 1) * w.dilations()[1] + 1;
            int count;
            if (includePad) {
              int pys = Math.max(ys, -w.padBegin()[0]);
              int pye = Math.min(ye, ih + w.padEnd()[0]);
              int pxs = Math.max(xs, -w.padBegin()[1]);
              int pxe = Math.min(xe, iw + w.padEnd()[1]);
              count = countTaps(pys, pye, ys, w.dilations()[0]) * countTaps(pxs, pxe, xs,
                  w.dilations()[1]);
            } else {
              count = countTaps(Math.max(ys, 0), Math.min(ye, ih), ys, w.dilations()[0])
                  * countTaps(Math.max(xs, 0), Math.min(xe, iw), xs, w.dilations()[1]);
            }
            v.window(o, p * ih * iw, ys, ye, xs, xe, count);
          }
        }
      }
    }

    /** Kernel taps start, start+d, ... that fall in [lo, hi). */
    private static int countTaps(int lo, int hi, int start, int d) {
      int c = 0;
      for (int t = start; t < hi; t += d) {
        if (t >= lo) {
          c++;
        }
      }
      return c;
    }

    @Override
    public Tensor[] evalFloat(Node n, Tensor[] in) {
      int[] x = in[0].shape();
      int[] outShape = inferShapes(n, new int[][] {x}, null)[0];
      double[] r = new double[Shapes.size(outShape)];
      double[] xv = in[0].data();
      Window w = window(n, x);
      int ih = w.in()[0];
      int iw = w.in()[1];
      int dy = w.dilations()[0];
      int dx = w.dilations()[1];
      forEach(n, x, (o, base, y0, y1, x0, x1, count) -> {
        double acc = max ? Double.NEGATIVE_INFINITY : 0;
        for (int y = y0; y < y1; y += dy) {
          for (int xx = x0; xx < x1; xx += dx) {
            if (y >= 0 && y < ih && xx >= 0 && xx < iw) {
              double v = xv[base + y * iw + xx];
              acc = max ? Math.max(acc, v) : acc + v;
            }
          }
        }
        r[o] = max ? acc : acc / count;
      });
      return one(new Tensor(outShape, r));
    }

    @Override
    public IntOp quantize(Node n, QuantContext ctx) {
      int s = ctx.scale(n.input(0));
      String out = n.outputs().get(0);
      int extra = max ? 0 : Math.max(0, ctx.target(out) - s);
      int outScale = s + extra;
      ctx.setScale(out, outScale);
      int[] x = ctx.shape(n.input(0));
      int[] outShape = ctx.shape(out);
      Window w = window(n, x);
      int ih = w.in()[0];
      int iw = w.in()[1];
      int dy = w.dilations()[0];
      int dx = w.dilations()[1];
      return (in, trace) -> {
        long[] xv = in[0].data();
        long[] r = new long[Shapes.size(outShape)];
        long[] sums = max ? null : new long[r.length];
        forEach(n, x, (o, base, y0, y1, x0, x1, count) -> {
          long acc = max ? Long.MIN_VALUE : 0;
          for (int y = y0; y < y1; y += dy) {
            for (int xx = x0; xx < x1; xx += dx) {
              if (y >= 0 && y < ih && xx >= 0 && xx < iw) {
                long v = xv[base + y * iw + xx];
                acc = max ? Math.max(acc, v) : Math.addExact(acc, v);
              }
            }
          }
          if (max) {
            r[o] = acc == Long.MIN_VALUE ? 0 : acc;
          } else {
            sums[o] = acc;
            r[o] = FixedPoint.divRound(Math.multiplyExact(acc, 1L << extra), count);
          }
        });
        if (!max) {
          trace.put(n.name() + "/sum", new QTensor(outShape, sums, s));
        }
        return one(new QTensor(outShape, r, outScale));
      };
    }
  }
}
