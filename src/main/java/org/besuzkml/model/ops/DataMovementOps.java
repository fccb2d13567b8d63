package org.besuzkml.model.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.besuzkml.model.Node;
import org.besuzkml.model.Shapes;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.quant.FixedPoint;
import org.besuzkml.model.quant.IntOp;
import org.besuzkml.model.quant.QTensor;
import org.besuzkml.model.quant.QuantContext;

/**
 * Ops that only move data: every output element is a copy of one input element, or a padding
 * constant. Each op computes a {@link Mapping} per output from the shapes (and constant inputs such
 * as a Reshape's shape); float and integer evaluation then share it. In fixed point they are exact
 * (the prover sees a fixed wiring).
 */
final class DataMovementOps {
  private DataMovementOps() {}

  /** out[i] = input[src[i]][idx[i]], or the pad value where idx[i] < 0 (src null: input 0). */
  record Mapping(int[] shape, int[] src, int[] idx) {}

  /** Computes the mappings of one op from input shapes and its constant inputs. */
  interface Mapper {
    Mapping[] map(Node n, int[][] in, Tensor[] c);
  }

  static final class Move implements Op {
    private final Mapper mapper;
    private final boolean padded;

    Move(Mapper mapper, boolean padded) {
      this.mapper = mapper;
      this.padded = padded;
    }

    /** Inputs whose values are moved; the rest (shapes, axes, pads) only parameterize. */
    private int dataInputs(Node n) {
      return switch (n.opType()) {
        case "Concat" -> n.inputs().size();
        default -> 1;
      };
    }

    @Override
    public int[][] inferShapes(Node n, int[][] in, Tensor[] c) {
      Mapping[] m = mapper.map(n, in, c);
      int[][] r = new int[m.length][];
      for (int i = 0; i < m.length; i++) {
        r[i] = m[i].shape();
      }
      return r;
    }

    private static double padValue(Node n, Tensor[] in) {
      if (!n.opType().equals("Pad")) {
        return 0;
      }
      if (n.opset() >= 11) {
        return in.length > 2 && in[2] != null ? in[2].get(0) : 0;
      }
      return n.attrs().getFloat("value", 0);
    }

    @Override
    public Tensor[] evalFloat(Node n, Tensor[] in) {
      int[][] shapes = new int[in.length][];
      for (int i = 0; i < in.length; i++) {
        shapes[i] = in[i] == null ? null : in[i].shape();
      }
      Mapping[] ms = mapper.map(n, shapes, in);
      double pad = padded ? padValue(n, in) : 0;
      Tensor[] out = new Tensor[ms.length];
      for (int o = 0; o < ms.length; o++) {
        Mapping m = ms[o];
        double[] r = new double[m.idx().length];
        for (int i = 0; i < r.length; i++) {
          int s = m.src() == null ? 0 : m.src()[i];
          r[i] = m.idx()[i] < 0 ? pad : in[s].get(m.idx()[i]);
        }
        out[o] = new Tensor(m.shape(), r, in[0].type());
      }
      return out;
    }

    @Override
    public IntOp quantize(Node n, QuantContext ctx) {
      int k = dataInputs(n);
      int[][] shapes = new int[n.inputs().size()][];
      Tensor[] consts = new Tensor[shapes.length];
      int common = Integer.MIN_VALUE;
      for (int i = 0; i < shapes.length; i++) {
        if (n.hasInput(i)) {
          shapes[i] = ctx.shape(n.input(i));
          consts[i] = ctx.constant(n.input(i));
          if (i < k && consts[i] == null) {
            common = Math.max(common, ctx.scale(n.input(i)));
          }
        }
      }
      int scale = common;
      Mapping[] ms = mapper.map(n, shapes, consts);
      QTensor[] fixed = new QTensor[k];
      for (int i = 0; i < k; i++) {
        if (consts[i] != null) {
          fixed[i] = ctx.actConst(n.name() + "/" + n.input(i), consts[i], scale);
        }
      }
      long pad = padded ? FixedPoint.quantize(padValue(n, consts), scale) : 0;
      for (String o : n.outputs()) {
        ctx.setScale(o, scale);
      }
      return (in, trace) -> {
        long[][] src = new long[k][];
        for (int i = 0; i < k; i++) {
          src[i] = fixed[i] != null ? fixed[i].data() : in[i].toScale(scale).data();
        }
        QTensor[] out = new QTensor[ms.length];
        for (int o = 0; o < ms.length; o++) {
          Mapping m = ms[o];
          long[] r = new long[m.idx().length];
          for (int i = 0; i < r.length; i++) {
            int s = m.src() == null ? 0 : m.src()[i];
            r[i] = m.idx()[i] < 0 ? pad : src[s][m.idx()[i]];
          }
          out[o] = new QTensor(m.shape(), r, scale);
        }
        return out;
      };
    }
  }

  // ---- mappers ----

  static Mapping[] single(int[] shape, int[] idx) {
    return new Mapping[] {new Mapping(shape, null, idx)};
  }

  static int[] iota(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }

  static Tensor constInput(Node n, Tensor[] c, int i, String what) {
    if (c == null || i >= c.length || c[i] == null) {
      throw new Unsupported(what + " must be a constant");
    }
    return c[i];
  }

  static Mapping[] identity(Node n, int[][] in, Tensor[] c) {
    return single(in[0], iota(Shapes.size(in[0])));
  }

  /** Dropout at inference is the identity; its optional mask output is not supported. */
  static Mapping[] dropout(Node n, int[][] in, Tensor[] c) {
    if (n.outputs().size() > 1 && !n.outputs().get(1).isEmpty()) {
      throw new Unsupported("Dropout mask output");
    }
    return identity(n, in, c);
  }

  static Mapping[] reshape(Node n, int[][] in, Tensor[] c) {
    long[] target = constInput(n, c, 1, "Reshape's shape").asLongs();
    boolean allowZero = n.attrs().getInt("allowzero", 0) != 0;
    int[] out = new int[target.length];
    int size = Shapes.size(in[0]);
    int infer = -1;
    long known = 1;
    for (int i = 0; i < target.length; i++) {
      long t = target[i];
      if (t == 0 && !allowZero) {
        t = in[0][i];
      }
      if (t == -1) {
        if (infer >= 0) {
          throw new IllegalArgumentException("Reshape with two -1 dimensions");
        }
        infer = i;
        continue;
      }
      out[i] = (int) t;
      known *= t;
    }
    if (infer >= 0) {
      out[infer] = known == 0 ? 0 : (int) (size / known);
    }
    if (Shapes.size(out) != size) {
      throw new IllegalArgumentException(
          "cannot reshape " + Arrays.toString(in[0]) + " to " + Arrays.toString(target));
    }
    return single(out, iota(size));
  }

  static Mapping[] flatten(Node n, int[][] in, Tensor[] c) {
    int axis = (int) n.attrs().getInt("axis", 1);
    if (axis < 0) {
      axis += in[0].length;
    }
    int a = 1;
    for (int i = 0; i < axis; i++) {
      a *= in[0][i];
    }
    int size = Shapes.size(in[0]);
    return single(new int[] {a, a == 0 ? 0 : size / a}, iota(size));
  }

  private static long[] axesOf(Node n, Tensor[] c, String what) {
    if (n.hasInput(1)) {
      return constInput(n, c, 1, what).asLongs();
    }
    return n.attrs().getInts("axes");
  }

  static Mapping[] squeeze(Node n, int[][] in, Tensor[] c) {
    long[] axes = axesOf(n, c, "Squeeze's axes");
    boolean[] drop = new boolean[in[0].length];
    if (axes == null) {
      for (int i = 0; i < drop.length; i++) {
        drop[i] = in[0][i] == 1;
      }
    } else {
      for (long a : axes) {
        drop[Shapes.axis(a, in[0].length)] = true;
      }
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < drop.length; i++) {
      if (!drop[i]) {
        out.add(in[0][i]);
      }
    }
    return single(out.stream().mapToInt(Integer::intValue).toArray(),
        iota(Shapes.size(in[0])));
  }

  static Mapping[] unsqueeze(Node n, int[][] in, Tensor[] c) {
    long[] axes = axesOf(n, c, "Unsqueeze's axes");
    int r = in[0].length + axes.length;
    boolean[] added = new boolean[r];
    for (long a : axes) {
      added[Shapes.axis(a, r)] = true;
    }
    int[] out = new int[r];
    for (int i = 0, j = 0; i < r; i++) {
      out[i] = added[i] ? 1 : in[0][j++];
    }
    return single(out, iota(Shapes.size(in[0])));
  }

  static Mapping[] transpose(Node n, int[][] in, Tensor[] c) {
    int r = in[0].length;
    long[] p = n.attrs().getInts("perm");
    int[] perm = new int[r];
    for (int i = 0; i < r; i++) {
      perm[i] = p == null ? r - 1 - i : (int) p[i];
    }
    int[] out = new int[r];
    for (int i = 0; i < r; i++) {
      out[i] = in[0][perm[i]];
    }
    int[] inStrides = Shapes.strides(in[0]);
    int[] strides = new int[r];
    for (int i = 0; i < r; i++) {
      strides[i] = inStrides[perm[i]];
    }
    return single(out, walk(out, strides, 0));
  }

  /** Source offsets for every element of shape, given per-dimension source strides. */
  static int[] walk(int[] shape, int[] strides, int base) {
    int n = Shapes.size(shape);
    int[] idx = new int[n];
    int[] ctr = new int[shape.length];
    int cur = base;
    for (int k = 0; k < n; k++) {
      idx[k] = cur;
      for (int d = shape.length - 1; d >= 0; d--) {
        ctr[d]++;
        cur += strides[d];
        if (ctr[d] < shape[d]) {
          break;
        }
        cur -= strides[d] * ctr[d];
        ctr[d] = 0;
      }
    }
    return idx;
  }

  static Mapping[] concat(Node n, int[][] in, Tensor[] c) {
    int r = in[0].length;
    int axis = Shapes.axis(n.attrs().getInt("axis", 0), r);
    int[] out = in[0].clone();
    out[axis] = 0;
    for (int[] s : in) {
      out[axis] += s[axis];
    }
    int outer = 1;
    for (int i = 0; i < axis; i++) {
      outer *= out[i];
    }
    int inner = 1;
    for (int i = axis + 1; i < r; i++) {
      inner *= out[i];
    }
    int size = Shapes.size(out);
    int[] src = new int[size];
    int[] idx = new int[size];
    int o = 0;
    for (int a = 0; a < outer; a++) {
      for (int t = 0; t < in.length; t++) {
        int len = in[t][axis] * inner;
        for (int e = 0; e < len; e++, o++) {
          src[o] = t;
          idx[o] = a * len + e;
        }
      }
    }
    return new Mapping[] {new Mapping(out, src, idx)};
  }

  static Mapping[] slice(Node n, int[][] in, Tensor[] c) {
    int r = in[0].length;
    long[] starts;
    long[] ends;
    long[] axes;
    long[] steps = null;
    if (n.opset() < 10) {
      starts = n.attrs().getInts("starts");
      ends = n.attrs().getInts("ends");
      axes = n.attrs().getInts("axes");
    } else {
      starts = constInput(n, c, 1, "Slice's starts").asLongs();
      ends = constInput(n, c, 2, "Slice's ends").asLongs();
      axes = n.hasInput(3) ? constInput(n, c, 3, "Slice's axes").asLongs() : null;
      steps = n.hasInput(4) ? constInput(n, c, 4, "Slice's steps").asLongs() : null;
    }
    int[] begin = new int[r];
    int[] step = new int[r];
    int[] out = in[0].clone();
    Arrays.fill(step, 1);
    for (int i = 0; i < starts.length; i++) {
      int ax = axes == null ? i : Shapes.axis(axes[i], r);
      int dim = in[0][ax];
      long st = steps == null ? 1 : steps[i];
      if (st == 0) {
        throw new IllegalArgumentException("Slice step 0");
      }
      long s = starts[i] < 0 ? starts[i] + dim : starts[i];
      long e = ends[i] < 0 ? ends[i] + dim : ends[i];
      if (st > 0) {
        s = Math.max(0, Math.min(s, dim));
        e = Math.max(0, Math.min(e, dim));
        out[ax] = (int) Math.max(0, (e - s + st - 1) / st);
      } else {
        s = Math.max(-1, Math.min(s, dim - 1));
        e = Math.max(-1, Math.min(e, dim - 1));
        out[ax] = (int) Math.max(0, (s - e + (-st) - 1) / (-st));
      }
      begin[ax] = (int) s;
      step[ax] = (int) st;
    }
    int[] inStrides = Shapes.strides(in[0]);
    int base = 0;
    int[] strides = new int[r];
    for (int i = 0; i < r; i++) {
      base += begin[i] * inStrides[i];
      strides[i] = step[i] * inStrides[i];
    }
    return single(out, walk(out, strides, base));
  }

  static Mapping[] split(Node n, int[][] in, Tensor[] c) {
    int r = in[0].length;
    int axis = Shapes.axis(n.attrs().getInt("axis", 0), r);
    int parts = n.outputs().size();
    long[] sizes = n.hasInput(1) ? constInput(n, c, 1, "Split's sizes").asLongs()
        : n.attrs().getInts("split");
    int dim = in[0][axis];
    if (sizes == null) {
      sizes = new long[parts];
      int chunk = (dim + parts - 1) / parts;
      for (int i = 0; i < parts; i++) {
        sizes[i] = Math.max(0, Math.min(chunk, dim - (long) chunk * i));
      }
    }
    int[] inStrides = Shapes.strides(in[0]);
    Mapping[] ms = new Mapping[parts];
    int off = 0;
    for (int p = 0; p < parts; p++) {
      int[] out = in[0].clone();
      out[axis] = (int) sizes[p];
      ms[p] = new Mapping(out, null, walk(out, inStrides, off * inStrides[axis]));
      off += sizes[p];
    }
    return ms;
  }

  static Mapping[] gather(Node n, int[][] in, Tensor[] c) {
    Tensor indices = constInput(n, c, 1, "Gather's indices");
    int r = in[0].length;
    int axis = Shapes.axis(n.attrs().getInt("axis", 0), r);
    int[] ish = indices.shape();
    int[] out = new int[r - 1 + ish.length];
    System.arraycopy(in[0], 0, out, 0, axis);
    System.arraycopy(ish, 0, out, axis, ish.length);
    System.arraycopy(in[0], axis + 1, out, axis + ish.length, r - axis - 1);
    int outer = 1;
    for (int i = 0; i < axis; i++) {
      outer *= in[0][i];
    }
    int inner = 1;
    for (int i = axis + 1; i < r; i++) {
      inner *= in[0][i];
    }
    int dim = in[0][axis];
    int[] idx = new int[Shapes.size(out)];
    int o = 0;
    for (int a = 0; a < outer; a++) {
      for (int k = 0; k < indices.size(); k++) {
        long j = (long) indices.get(k);
        if (j < 0) {
          j += dim;
        }
        if (j < 0 || j >= dim) {
          throw new IllegalArgumentException("Gather index " + indices.get(k) + " out of range");
        }
        for (int e = 0; e < inner; e++) {
          idx[o++] = (a * dim + (int) j) * inner + e;
        }
      }
    }
    return single(out, idx);
  }

  static Mapping[] expand(Node n, int[][] in, Tensor[] c) {
    long[] target = constInput(n, c, 1, "Expand's shape").asLongs();
    int[] t = new int[target.length];
    for (int i = 0; i < t.length; i++) {
      t[i] = Shapes.dim(target[i], "Expand's shape");
    }
    int[] out = Shapes.broadcast(in[0], t);
    return single(out, Shapes.broadcastIndex(out, in[0]));
  }

  static Mapping[] tile(Node n, int[][] in, Tensor[] c) {
    long[] reps = constInput(n, c, 1, "Tile's repeats").asLongs();
    int r = in[0].length;
    if (reps.length != r) {
      throw new IllegalArgumentException("Tile's repeats has " + reps.length + " entries, the input rank is " + r);
    }
    int[] out = new int[r];
    for (int i = 0; i < r; i++) {
      // in long: an int product wraps around (2^16 * 2^16 = 0) and would pass as a small tensor
      out[i] = Shapes.dim(in[0][i] * Math.max(-1, Math.min(reps[i], 1L << 32)), "Tile's output");
    }
    int[] inStrides = Shapes.strides(in[0]);
    int[] idx = new int[Shapes.size(out)];
    int[] outStrides = Shapes.strides(out);
    for (int k = 0; k < idx.length; k++) {
      int s = 0;
      for (int d = 0; d < r; d++) {
        s += ((k / outStrides[d]) % out[d] % in[0][d]) * inStrides[d];
      }
      idx[k] = s;
    }
    return single(out, idx);
  }

  static Mapping[] pad(Node n, int[][] in, Tensor[] c) {
    int r = in[0].length;
    long[] pads;
    if (n.opset() < 11) {
      pads = n.attrs().getInts("pads");
    } else {
      pads = constInput(n, c, 1, "Pad's pads").asLongs();
    }
    long[] full = new long[2 * r];
    if (n.opset() >= 18 && n.hasInput(3)) {
      long[] axes = constInput(n, c, 3, "Pad's axes").asLongs();
      for (int i = 0; i < axes.length; i++) {
        int a = Shapes.axis(axes[i], r);
        full[a] = pads[i];
        full[a + r] = pads[i + axes.length];
      }
    } else {
      full = pads;
    }
    String mode = n.attrs().getString("mode", "constant");
    int[] out = new int[r];
    for (int i = 0; i < r; i++) {
      out[i] = Shapes.dim(in[0][i] + Math.max(-(1L << 32), Math.min(full[i], 1L << 32))
          + Math.max(-(1L << 32), Math.min(full[i + r], 1L << 32)), "Pad's output");
    }
    int[] inStrides = Shapes.strides(in[0]);
    int[] outStrides = Shapes.strides(out);
    int[] idx = new int[Shapes.size(out)];
    for (int k = 0; k < idx.length; k++) {
      int s = 0;
      for (int d = 0; d < r && s >= 0; d++) {
        int p = (k / outStrides[d]) % out[d] - (int) full[d];
        int dim = in[0][d];
        if (p < 0 || p >= dim) {
          switch (mode) {
            case "constant" -> p = -1;
            case "edge" -> p = Math.max(0, Math.min(p, dim - 1));
            case "reflect" -> {
              int period = 2 * (dim - 1);
              p = period == 0 ? 0 : Math.floorMod(p, period);
              if (p >= dim) {
                p = period - p;
              }
            }
            default -> throw new Unsupported("Pad mode " + mode);
          }
        }
        s = p < 0 ? -1 : s + p * inStrides[d];
      }
      idx[k] = s;
    }
    return single(out, idx);
  }

  static Mapping[] trilu(Node n, int[][] in, Tensor[] c) {
    long k = n.hasInput(1) ? constInput(n, c, 1, "Trilu's k").asLongs()[0] : 0;
    boolean upper = n.attrs().getInt("upper", 1) != 0;
    int r = in[0].length;
    int rows = in[0][r - 2];
    int cols = in[0][r - 1];
    int size = Shapes.size(in[0]);
    int[] idx = new int[size];
    for (int e = 0; e < size; e++) {
      int j = e % cols;
      int i = (e / cols) % rows;
      boolean keep = upper ? j - i >= k : j - i <= k;
      idx[e] = keep ? e : -1;
    }
    return single(in[0], idx);
  }

  /** DepthToSpace (DCR or CRD) and SpaceToDepth on [N, C, H, W]. */
  static Mapping[] depthToSpace(Node n, int[][] in, Tensor[] c) {
    int[] x = in[0];
    int b = blocksize(n, x);
    boolean crd = n.attrs().getString("mode", "DCR").equals("CRD");
    if (x[1] % (b * b) != 0) {
      throw new IllegalArgumentException(x[1] + " channels are not a multiple of blocksize^2 = " + b * b);
    }
    int oc = x[1] / (b * b);
    int[] out = {x[0], oc, x[2] * b, x[3] * b}; // as many elements as the input: no overflow
    int[] idx = new int[Shapes.size(out)];
    int o = 0;
    for (int nn = 0; nn < x[0]; nn++) {
      for (int ch = 0; ch < oc; ch++) {
        for (int h = 0; h < out[2]; h++) {
          for (int w = 0; w < out[3]; w++, o++) {
            int bh = h % b;
            int bw = w % b;
            int src = crd ? ch * b * b + bh * b + bw : (bh * b + bw) * oc + ch;
            idx[o] = ((nn * x[1] + src) * x[2] + h / b) * x[3] + w / b;
          }
        }
      }
    }
    return single(out, idx);
  }

  static Mapping[] spaceToDepth(Node n, int[][] in, Tensor[] c) {
    int[] x = in[0];
    int b = blocksize(n, x);
    if (x[2] % b != 0 || x[3] % b != 0) {
      throw new IllegalArgumentException("spatial size " + x[2] + "x" + x[3] + " is not a multiple of blocksize " + b);
    }
    int[] out = {x[0], x[1] * b * b, x[2] / b, x[3] / b};
    int[] idx = new int[Shapes.size(out)];
    int o = 0;
    for (int nn = 0; nn < out[0]; nn++) {
      for (int ch = 0; ch < out[1]; ch++) {
        int blk = ch / x[1];
        int src = ch % x[1];
        for (int h = 0; h < out[2]; h++) {
          for (int w = 0; w < out[3]; w++, o++) {
            idx[o] = ((nn * x[1] + src) * x[2] + h * b + blk / b) * x[3] + w * b + blk % b;
          }
        }
      }
    }
    return single(out, idx);
  }

  /**
   * The blocksize attribute of DepthToSpace / SpaceToDepth on an [N, C, H, W] input, at most 2^12
   * so that b * b cannot overflow (the output has as many elements as the input).
   */
  private static int blocksize(Node n, int[] x) {
    if (x.length != 4) {
      throw new IllegalArgumentException("needs an [N, C, H, W] input, not rank " + x.length);
    }
    long b = n.attrs().getInt("blocksize", 1);
    if (b < 1 || b > MAX_BLOCKSIZE) {
      throw new IllegalArgumentException("blocksize must be in 1.." + MAX_BLOCKSIZE + ", got " + b);
    }
    return (int) b;
  }

  private static final int MAX_BLOCKSIZE = 1 << 12;
}
