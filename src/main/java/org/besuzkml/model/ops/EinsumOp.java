package org.besuzkml.model.ops;

import static org.besuzkml.model.ops.OpSupport.one;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.besuzkml.model.Node;
import org.besuzkml.model.Shapes;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.quant.IntOp;
import org.besuzkml.model.quant.QTensor;
import org.besuzkml.model.quant.QuantContext;
import org.besuzkml.model.ops.OpSupport.Operand;

/**
 * Einsum with one or two operands (explicit or implicit output, "..." for leading dimensions,
 * repeated labels for diagonals). Integer semantics: with two operands, a MatMul-like sum of
 * products at s_a + s_b with one rescale; with one, an exact sum at the input's scale.
 */
final class EinsumOp implements Op {
  /** Label of every axis of every operand and of the output, with label sizes. */
  record Plan(int[][] in, int[] out, int[] sizes, int[] outShape) {
    long terms() {
      long t = 1;
      for (int s : sizes) {
        t *= s;
      }
      return t;
    }
  }

  static Plan plan(Node n, int[][] shapes) {
    String eq = n.attrs().getString("equation", "").replace(" ", "");
    String lhs = eq.contains("->") ? eq.substring(0, eq.indexOf("->")) : eq;
    String rhs = eq.contains("->") ? eq.substring(eq.indexOf("->") + 2) : null;
    String[] ops = lhs.split(",", -1);
    if (ops.length != shapes.length || ops.length > 2) {
      throw new Unsupported("Einsum with " + ops.length + " operands (1 or 2 are supported)");
    }
    int ell = 0;
    for (int k = 0; k < ops.length; k++) {
      if (ops[k].contains("...")) {
        ell = Math.max(ell, shapes[k].length - (ops[k].length() - 3));
      }
    }
    String ellLabels = "";
    for (int i = 0; i < ell; i++) {
      ellLabels += (char) ('\u0100' + i);
    }
    Map<Character, Integer> size = new LinkedHashMap<>();
    int[][] in = new int[ops.length][];
    for (int k = 0; k < ops.length; k++) {
      String o = ops[k];
      if (o.contains("...")) {
        int mine = shapes[k].length - (o.length() - 3);
        o = o.replace("...", ellLabels.substring(ell - mine));
      }
      if (o.length() != shapes[k].length) {
        throw new IllegalArgumentException("Einsum operand " + k + " rank does not match");
      }
      in[k] = new int[o.length()];
      for (int i = 0; i < o.length(); i++) {
        char c = o.charAt(i);
        int d = shapes[k][i];
        Integer prev = size.get(c);
        if (prev != null && prev != d && prev != 1 && d != 1) {
          throw new IllegalArgumentException("Einsum label " + c + " has sizes " + prev + ", " + d);
        }
        size.put(c, prev == null ? d : Math.max(prev, d));
      }
    }
    List<Character> labels = new ArrayList<>(size.keySet());
    for (int k = 0; k < ops.length; k++) {
      String o = ops[k].contains("...")
          ? ops[k].replace("...", ellLabels.substring(ell - (shapes[k].length - (ops[k].length()
              - 3)))) : ops[k];
      for (int i = 0; i < o.length(); i++) {
        in[k][i] = labels.indexOf(o.charAt(i));
      }
    }
    String outLabels;
    if (rhs != null) {
      outLabels = rhs.replace("...", ellLabels);
    } else {
      StringBuilder sb = new StringBuilder(ellLabels);
      String all = String.join("", ops).replace("...", "");
      all.chars().sorted().distinct().filter(c -> all.indexOf(c) == all.lastIndexOf(c))
          .forEach(c -> sb.append((char) c));
      outLabels = sb.toString();
    }
    int[] out = new int[outLabels.length()];
    int[] outShape = new int[out.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = labels.indexOf(outLabels.charAt(i));
      if (out[i] < 0) {
        throw new IllegalArgumentException("Einsum output label not in inputs");
      }
      outShape[i] = size.get(outLabels.charAt(i));
    }
    int[] sizes = labels.stream().mapToInt(size::get).toArray();
    return new Plan(in, out, sizes, outShape);
  }

  /** Calls f(outIndex, index per operand) for every combination of label values. */
  private static void forEach(Plan p, int[][] shapes, Visit f) {
    int l = p.sizes().length;
    int[] v = new int[l];
    int[][] strides = new int[shapes.length][];
    for (int k = 0; k < shapes.length; k++) {
      strides[k] = Shapes.strides(shapes[k]);
    }
    int[] outStrides = Shapes.strides(p.outShape());
    int[] idx = new int[shapes.length];
    long total = p.terms();
    for (long t = 0; t < total; t++) {
      int o = 0;
      for (int i = 0; i < p.out().length; i++) {
        o += v[p.out()[i]] * outStrides[i];
      }
      for (int k = 0; k < shapes.length; k++) {
        int s = 0;
        for (int i = 0; i < p.in()[k].length; i++) {
          int d = shapes[k][i];
          s += (d == 1 ? 0 : v[p.in()[k][i]]) * strides[k][i];
        }
        idx[k] = s;
      }
      f.visit(o, idx);
      for (int i = l - 1; i >= 0; i--) {
        if (++v[i] < p.sizes()[i]) {
          break;
        }
        v[i] = 0;
      }
    }
  }

  private interface Visit {
    void visit(int out, int[] idx);
  }

  @Override
  public int[][] inferShapes(Node n, int[][] in, Tensor[] c) {
    return one(plan(n, in).outShape());
  }

  @Override
  public long macs(Node n, int[][] in, int[][] out) {
    return in.length == 2 ? plan(n, in).terms() : 0;
  }

  @Override
  public Tensor[] evalFloat(Node n, Tensor[] in) {
    int[][] shapes = new int[in.length][];
    for (int k = 0; k < in.length; k++) {
      shapes[k] = in[k].shape();
    }
    Plan p = plan(n, shapes);
    double[] r = new double[Shapes.size(p.outShape())];
    forEach(p, shapes, (o, idx) -> {
      double v = in[0].get(idx[0]);
      if (in.length == 2) {
        v *= in[1].get(idx[1]);
      }
      r[o] += v;
    });
    return one(new Tensor(p.outShape(), r));
  }

  @Override
  public IntOp quantize(Node n, QuantContext ctx) {
    int k = n.inputs().size();
    Operand[] ops = new Operand[k];
    int[][] shapes = new int[k][];
    int prod = 0;
    for (int i = 0; i < k; i++) {
      ops[i] = Operand.of(n, i, ctx, ctx.weight(), true);
      shapes[i] = ops[i].shape;
      prod += ops[i].scale;
    }
    Plan p = plan(n, shapes);
    String out = n.outputs().get(0);
    int outScale = k == 2 ? OpSupport.productTarget(prod, ctx, out) : prod;
    int accScale = prod;
    ctx.setScale(out, outScale);
    return (in, trace) -> {
      long[] a = ops[0].get(in).data();
      long[] b = k == 2 ? ops[1].get(in).data() : null;
      long[] r = new long[Shapes.size(p.outShape())];
      forEach(p, shapes, (o, idx) -> {
        long v = b == null ? a[idx[0]] : Math.multiplyExact(a[idx[0]], b[idx[1]]);
        r[o] = Math.addExact(r[o], v);
      });
      return one(OpSupport.rescaleRecorded(n, new QTensor(p.outShape(), r, accScale), outScale,
          trace));
    };
  }
}
