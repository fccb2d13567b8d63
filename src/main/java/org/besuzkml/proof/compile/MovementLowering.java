package org.besuzkml.proof.compile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.besuzkml.model.Node;
import org.besuzkml.model.quant.QTensor;
import org.besuzkml.model.quant.QuantizedModel;
import org.besuzkml.model.quant.Trace;
import org.besuzkml.proof.gadget.Alias;
import org.besuzkml.proof.gadget.TensorKind;
import org.besuzkml.proof.gadget.Wire;

/**
 * Data movement (6.8): Reshape, Transpose, Slice, Pad, Concat, Split, Gather with constant
 * indices, Expand, Tile, Resize nearest, ... The gather map is read off the engine op itself by
 * probing: the op runs on inputs whose elements are distinct markers, twice with different marker
 * bases; an output element that moves with the markers is a copy of that input element, one that
 * stays fixed is a constant (Pad value, constant Concat part). An op that is not pure data movement
 * (an output that is neither) is rejected.
 */
final class MovementLowering {
  private MovementLowering() {}

  private static final long BASE1 = 1L << 29;
  private static final long BASE2 = -(1L << 29);
  private static final int INPUT_STRIDE = 1 << 24;

  /** Emits a Wire gather (constant null means all taps come from inputs). */
  static int wire(CircuitBuilder b, String name, int[] shape, int[] xs, int[] srcIn, int[] srcIdx,
      long[] constant) {
    int y = b.tensor(name, TensorKind.VIRTUAL, shape);
    b.add(new Wire(y, xs.clone(), srcIn.clone(), srcIdx.clone(),
        constant == null ? new long[srcIn.length] : constant.clone()));
    return y;
  }

  static void move(Compiler c, Node n) {
    CircuitBuilder b = c.b;
    int k = n.inputs().size();
    List<Integer> live = new ArrayList<>();
    int outScale = Integer.MIN_VALUE;
    for (String o : n.outputs()) {
      if (!o.isEmpty()) {
        outScale = c.scale(o);
      }
    }
    int[] ids = new int[k];
    for (int i = 0; i < k; i++) {
      if (n.hasInput(i) && !c.isConst(n.input(i))) {
        int x = c.act(n.input(i));
        int sx = c.scale(n.input(i));
        if (sx > outScale) {
          throw new CompileException(n.name(), n.opType(), "data movement lowers a scale");
        }
        ids[i] = b.rescale(x, sx, outScale, n.name() + "/in" + i);
        live.add(i);
      }
    }
    if (live.isEmpty()) {
      throw new CompileException(n.name(), n.opType(), "no activation input");
    }
    if (live.size() > 31) {
      throw new CompileException(n.name(), n.opType(), "too many inputs");
    }
    QTensor[] p1 = probe(c, n, live, outScale, BASE1, false);
    QTensor[] p2 = probe(c, n, live, outScale, BASE2, true);
    for (int o = 0; o < n.outputs().size(); o++) {
      String out = n.outputs().get(o);
      if (out.isEmpty()) {
        continue;
      }
      long[] a = p1[o].data();
      long[] d = p2[o].data();
      int[] srcIn = new int[a.length];
      int[] srcIdx = new int[a.length];
      long[] cst = new long[a.length];
      boolean identity = true;
      int firstInput = live.get(0);
      for (int i = 0; i < a.length; i++) {
        long m1 = a[i] - BASE1;
        long m2 = d[i] - BASE2;
        boolean copy = m1 >= 0 && m1 / INPUT_STRIDE < live.size()
            && m2 == shuffled(m1, b.info(ids[live.get((int) (m1 / INPUT_STRIDE))]).size());
        if (copy) {
          int which = (int) (m1 / INPUT_STRIDE);
          int idx = (int) (m1 % INPUT_STRIDE);
          if (idx >= b.info(ids[live.get(which)]).size()) {
            throw new CompileException(n.name(), n.opType(), "probe read outside its input");
          }
          srcIn[i] = which;
          srcIdx[i] = idx;
          identity &= which == 0 && idx == i;
        } else if (a[i] == d[i]) {
          srcIn[i] = -1;
          cst[i] = a[i];
          identity = false;
        } else {
          throw new CompileException(n.name(), n.opType(),
              "not pure data movement (output " + i + " is neither an input element nor a constant)");
        }
      }
      int[] shape = c.model.graph().shape(out);
      int x0 = ids[firstInput];
      int y;
      if (identity && b.info(x0).size() == a.length && live.size() == 1) {
        y = b.alias(x0, shape, out);
      } else {
        int[] xs = new int[live.size()];
        for (int j = 0; j < xs.length; j++) {
          xs[j] = ids[live.get(j)];
        }
        y = wire(b, out, shape, xs, srcIn, srcIdx, cst);
      }
      c.define(out, y);
    }
  }

  /**
   * The second probe's marker for first-probe marker m: the element index e goes through the
   * bijection e -> (e * 40503 + 17) mod size, so a weighted combination of inputs (an
   * interpolation) cannot pass for a copy in both probes.
   */
  private static long shuffled(long m, long size) {
    long e = m % INPUT_STRIDE;
    long a = 40503;
    while (gcd(a, size) != 1) {
      a++;
    }
    return m - e + Math.floorMod(e * a + 17, size);
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  private static QTensor[] probe(Compiler c, Node n, List<Integer> live, int scale, long base,
      boolean shuffle) {
    QTensor[] in = new QTensor[n.inputs().size()];
    for (int j = 0; j < live.size(); j++) {
      int i = live.get(j);
      int[] shape = c.model.graph().shape(n.input(i));
      long[] v = new long[Arrays.stream(shape).reduce(1, (x, y) -> x * y)];
      if (v.length >= INPUT_STRIDE) {
        throw new CompileException(n.name(), n.opType(), "input too large to probe");
      }
      for (int e = 0; e < v.length; e++) {
        long m = (long) j * INPUT_STRIDE + e;
        v[e] = base + (shuffle ? shuffled(m, v.length) : m);
      }
      in[i] = new QTensor(shape, v, scale);
    }
    QuantizedModel.Step step = null;
    for (QuantizedModel.Step s : c.model.steps()) {
      if (s.node() == n) {
        step = s;
      }
    }
    Trace t = new Trace();
    QTensor[] out;
    try {
      out = step.op().eval(in, t);
    } catch (ArithmeticException e) {
      // An op that reads its input as numbers (indices, counts) fails on markers: it is not a
      // fixed gather map.
      throw new CompileException(n.name(), n.opType(),
          "not pure data movement (the op uses its input values: " + e.getMessage() + ")");
    }
    if (!t.tensors().isEmpty()) {
      throw new CompileException(n.name(), n.opType(), "not pure data movement (it computes "
          + t.tensors().keySet() + ")");
    }
    return out;
  }

  /** True when the two shapes may alias (6.8 free reshape). */
  static boolean free(int[] a, int[] b) {
    return Alias.bitCompatible(a, b);
  }
}
