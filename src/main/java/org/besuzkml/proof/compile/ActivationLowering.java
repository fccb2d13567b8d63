package org.besuzkml.proof.compile;

import org.besuzkml.model.Node;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.quant.FixedPoint;
import org.besuzkml.model.quant.LookupTable;
import org.besuzkml.proof.gadget.Decomp;
import org.besuzkml.proof.gadget.Lookup;
import org.besuzkml.proof.gadget.ReduceSum;
import org.besuzkml.proof.gadget.TableInfo;
import org.besuzkml.proof.gadget.TensorKind;

/**
 * Activations (engine ActivationOps, SoftmaxOp): exact ones through signs (6.11), table ones as
 * FuncTable (6.13: Requant to the table scale, clamp through two signs, lookup), Softmax (6.14).
 */
final class ActivationLowering {
  private ActivationLowering() {}

  static void exact(Compiler c, Node n) {
    CircuitBuilder b = c.b;
    String out = n.outputs().get(0);
    int[] shape = c.model.graph().shape(out);
    int x = c.act(n.input(0));
    int y;
    switch (n.opType()) {
      case "Relu" -> {
        int s = b.sign(x, Decomp.ACT_BITS);
        y = b.poly(n.name() + "/relu", shape, new int[] {s, x}, new long[] {1},
            new int[][] {{0, 1}});
      }
      case "Abs" -> {
        int s = b.sign(x, Decomp.ACT_BITS);
        y = b.poly(n.name() + "/abs", shape, new int[] {s, x}, new long[] {2, -1},
            new int[][] {{0, 1}, {1}});
      }
      case "Neg" -> y = b.lin(n.name() + "/neg", shape, new int[] {x}, new long[] {-1}, 0);
      case "LeakyRelu", "PRelu" -> {
        String id = n.opType().equals("PRelu") ? n.name() + "/" + n.input(1) : n.name() + "/alpha";
        int a = c.param(n, id);
        int k = c.paramScale(id);
        int s = b.sign(x, Decomp.ACT_BITS);
        // (sel - s) * x * a, rescaled by 2^k: zero where x >= 0
        int neg = b.poly(n.name() + "/negpart", shape, new int[] {s, x, a}, new long[] {1, -1},
            new int[][] {{1, 2}, {0, 1, 2}});
        int negq = k > 0 ? b.requant(neg, k, n.name() + "/negq") : neg;
        y = b.poly(n.name() + "/leaky", shape, new int[] {s, x, negq}, new long[] {1, 1},
            new int[][] {{0, 1}, {2}});
      }
      default -> {
        double[] bounds = clipBounds(c, n);
        int sx = c.scale(n.input(0));
        long lo = FixedPoint.quantize(bounds[0], sx);
        long hi = FixedPoint.quantize(bounds[1], sx);
        int v1 = b.lin(n.name() + "/v1", shape, new int[] {x}, new long[] {1}, -lo);
        int v2 = b.lin(n.name() + "/v2", shape, new int[] {x}, new long[] {1}, -hi);
        int s1 = b.sign(v1, Decomp.DIFF_BITS);
        int s2 = b.sign(v2, Decomp.DIFF_BITS);
        y = b.poly(n.name() + "/clip", shape, new int[] {s1, v1, s2, v2},
            new long[] {lo, 1, -1}, new int[][] {{}, {0, 1}, {2, 3}});
      }
    }
    c.define(out, y);
  }

  private static double[] clipBounds(Compiler c, Node n) {
    var consts = c.model.graph().constants();
    Tensor lo = n.hasInput(1) ? consts.get(n.input(1)) : null;
    Tensor hi = n.hasInput(2) ? consts.get(n.input(2)) : null;
    return new double[] {
      lo != null ? lo.get(0) : n.attrs().getFloat("min", Double.NEGATIVE_INFINITY),
      hi != null ? hi.get(0) : n.attrs().getFloat("max", Double.POSITIVE_INFINITY)
    };
  }

  /** Registers an engine table as a function table with its output column (model constant). */
  static int registerTable(Compiler c, String id, LookupTable t) {
    long[] v = t.values();
    int col = c.b.constant(id + "/table", new int[] {v.length}, v);
    return c.b.table(new TableInfo(t.function(), v.length, t.lo(), col));
  }

  /**
   * 6.13 on x (at scale sx): Requant to the table scale, clamp index {@code s1 v1 - s2 v2} (or
   * {@code s1 v1} when the top is known not to clamp), lookup; returns the committed output.
   */
  static int funcTable(Compiler c, String name, int x, int sx, LookupTable t, int tableIdx,
      boolean noUpperClamp) {
    CircuitBuilder b = c.b;
    int[] shape = b.shape(x);
    int xt = b.rescale(x, sx, t.inScale(), name + "/lookup_in");
    if (xt != x) {
      b.traced(xt, name + "/lookup_in");
    }
    int v1 = b.lin(name + "/v1", shape, new int[] {xt}, new long[] {1}, -t.lo());
    int s1 = b.sign(v1, Decomp.DIFF_BITS);
    int idx;
    if (noUpperClamp) {
      idx = b.poly(name + "/idx", shape, new int[] {s1, v1}, new long[] {1}, new int[][] {{0, 1}});
    } else {
      int v2 = b.lin(name + "/v2", shape, new int[] {xt}, new long[] {1}, -t.hi());
      int s2 = b.sign(v2, Decomp.DIFF_BITS);
      idx = b.poly(name + "/idx", shape, new int[] {s1, v1, s2, v2}, new long[] {1, -1},
          new int[][] {{0, 1}, {2, 3}});
    }
    int y = b.tensor(name + "/y", TensorKind.COMMITTED, shape);
    b.add(new Lookup(idx, y, tableIdx));
    long min = Long.MAX_VALUE;
    for (long v : t.values()) {
      min = Math.min(min, v);
    }
    b.lowerBounds.put(y, min);
    return y;
  }

  /** A table activation (Sigmoid, Exp, Sqrt, Pow by a table, ...). */
  static void table(Compiler c, Node n) {
    LookupTable t = c.model.tables().get(n.name());
    // Pow with a constant base looks up its exponent (input 1)
    int in = c.isConst(n.input(0)) && n.inputs().size() > 1 ? 1 : 0;
    String xn = n.input(in);
    int tIdx = registerTable(c, n.name(), t);
    int y = funcTable(c, n.name(), c.act(xn), c.scale(xn), t, tIdx, false);
    c.define(n.outputs().get(0), y);
  }

  /**
   * 6.14: MaxReduce, shift, exp table, row sum, DivTensor. LogSoftmax shares everything up to the
   * row sum, then looks up the engine's log table on it (6.13, both clamps) and subtracts.
   */
  static void softmax(Compiler c, Node n) {
    CircuitBuilder b = c.b;
    int x = c.act(n.input(0));
    int[] shape = b.shape(x);
    boolean coerce = n.opset() < 13;
    int r = shape.length;
    long ax = n.attrs().getInt("axis", coerce ? 1 : -1);
    int axis = (int) (ax < 0 ? ax + r : ax);
    int outer = 1;
    int len = 1;
    int inner = 1;
    for (int i = 0; i < r; i++) {
      if (i < axis) {
        outer *= shape[i];
      } else if (i == axis || coerce) {
        len *= shape[i];
      } else {
        inner *= shape[i];
      }
    }
    // rows (outer, inner) x taps (len) through a gather
    int[] rowsShape = {outer, inner, 1};
    int[] uShape = {outer, inner, len};
    int[] srcIdx = new int[outer * inner * len];
    int[] srcIn = new int[srcIdx.length];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        for (int k = 0; k < len; k++) {
          srcIdx[(o * inner + i) * len + k] = (o * len + k) * inner + i;
        }
      }
    }
    int u = MovementLowering.wire(b, n.name() + "/rows", uShape, new int[] {x}, srcIn, srcIdx,
        null);
    int m = PoolLowering.maxReduce(b, u, n.name() + "/max");
    b.traced(b.alias(m, new int[] {outer * inner}, n.name() + "/max_flat"), n.name() + "/max");
    int sx = c.scale(n.input(0));
    int dlt = b.lin(n.name() + "/shifted_rows", uShape, new int[] {u, m}, new long[] {1, -1}, 0);
    LookupTable t = c.model.tables().get(n.name());
    int tIdx = registerTable(c, n.name(), t);
    int e = funcTable(c, n.name(), dlt, sx, t, tIdx, true);
    int sum = b.tensor(n.name() + "/sum_rows", TensorKind.VIRTUAL, rowsShape);
    b.add(new ReduceSum(sum, e, new int[] {2}));
    b.traced(b.alias(sum, new int[] {outer * inner}, n.name() + "/sum_flat"), n.name() + "/sum");
    int a = c.model.actScale();
    int yRows;
    if (n.opType().equals("LogSoftmax")) {
      // y = dlt - log(S / 2^A): the engine's log table on S (scale A), at the input's scale
      LookupTable lt = c.model.tables().get(n.name() + "/log");
      if (lt == null || lt.values().length < 2) {
        throw new CompileException(n.name(), n.opType(), "a group of one element (log table of"
            + " one entry; the output is 0)");
      }
      int lIdx = registerTable(c, n.name() + "/log", lt);
      int ls = funcTable(c, n.name() + "/log", sum, a, lt, lIdx, false);
      yRows = b.lin(n.name() + "/y_rows", uShape, new int[] {dlt, ls}, new long[] {1, -1}, 0);
    } else {
      int num = b.lin(n.name() + "/num", uShape, new int[] {e}, new long[] {1L << a}, 0);
      int den = b.lin(n.name() + "/den", uShape, new int[] {sum}, new long[] {1}, 0);
      int dBits = 64 - Long.numberOfLeadingZeros(2L * len * Math.max(1, maxOf(t)));
      yRows = ElementwiseLowering.divTensor(b, num, den, dBits, n.name() + "/y_rows");
    }
    // back to the input layout
    int[] back = new int[srcIdx.length];
    for (int i = 0; i < srcIdx.length; i++) {
      back[srcIdx[i]] = i;
    }
    int y = MovementLowering.wire(b, n.outputs().get(0), shape, new int[] {yRows},
        new int[back.length], back, null);
    c.define(n.outputs().get(0), y);
    // the engine records its shifted input in the input layout, not the rows layout
    b.traceNames.values().remove(n.name() + "/lookup_in");
  }

  private static long maxOf(LookupTable t) {
    long m = 0;
    for (long v : t.values()) {
      m = Math.max(m, v);
    }
    return m;
  }
}
