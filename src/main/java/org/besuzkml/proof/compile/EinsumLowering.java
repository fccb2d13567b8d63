package org.besuzkml.proof.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.besuzkml.model.Node;
import org.besuzkml.proof.gadget.Contract;
import org.besuzkml.proof.gadget.ReduceSum;
import org.besuzkml.proof.gadget.TensorKind;

/**
 * Einsum, exactly as the engine's EinsumOp computes it. Two operands: a contraction. Every label is
 * a batch label (in both operands and the output), a row label (only in A, in the output), a
 * column label (only in B, in the output) or a summed label (not in the output); a Wire gathers A
 * into {@code (batch, rows, summed)} and B into {@code (batch, summed, columns)} (permutation,
 * diagonals of repeated labels, and replication where a label is missing or has size 1 in one
 * operand, which leaves the sum unchanged), one Contract multiplies, a Wire puts the product in the
 * output's label order, and the product is rescaled like MatMul's. A constant operand is permuted
 * at compile time instead. One operand: a Wire gathers {@code (output, summed)}, then ReduceSum
 * over the summed dimension (no rescale: the engine keeps the input's scale).
 */
final class EinsumLowering {
  private EinsumLowering() {}

  /** Label per axis of each operand and of the output; sizes per label. */
  private record Labels(int[][] in, int[] out, int[] sizes) {}

  static void lower(Compiler c, Node n) {
    int k = n.inputs().size();
    int[][] shapes = new int[k][];
    Compiler.Operand[] ops = new Compiler.Operand[k];
    for (int i = 0; i < k; i++) {
      ops[i] = c.operand(n, i);
      shapes[i] = c.b.shape(ops[i].id());
    }
    if (k < 1 || k > 2) {
      throw new CompileException(n.name(), n.opType(),
          "not implemented in proof v1: Einsum with " + k + " operands");
    }
    Labels p = parse(n, shapes);
    int nl = p.sizes().length;
    boolean[] inOut = new boolean[nl];
    for (int l : p.out()) {
      inOut[l] = true;
    }
    String out = n.outputs().get(0);
    int[] outShape = c.model.graph().shape(out);
    CircuitBuilder b = c.b;
    if (k == 1) {
      List<Integer> summed = new ArrayList<>();
      for (int l = 0; l < nl; l++) {
        if (!inOut[l]) {
          summed.add(l);
        }
      }
      int[] keep = p.out();
      int[] sum = toArray(summed);
      int rows = product(p.sizes(), keep);
      int taps = product(p.sizes(), sum);
      int x = gather(c, n, ops[0], shapes[0], p.in()[0], p.sizes(), new int[][] {keep, sum},
          new int[] {rows, taps}, "/taps");
      int y;
      if (taps == 1) {
        y = b.alias(x, outShape, n.name() + "/out");
      } else {
        int s = b.tensor(n.name() + "/sum", TensorKind.VIRTUAL, new int[] {rows, 1});
        b.add(new ReduceSum(s, x, new int[] {1}));
        y = b.alias(s, outShape, n.name() + "/sum_out");
      }
      c.define(out, y);
      return;
    }
    boolean[] inA = mask(p.in()[0], nl);
    boolean[] inB = mask(p.in()[1], nl);
    List<Integer> batch = new ArrayList<>();
    List<Integer> rows = new ArrayList<>();
    List<Integer> cols = new ArrayList<>();
    List<Integer> summed = new ArrayList<>();
    for (int l : p.out()) {
      (inA[l] && inB[l] ? batch : inA[l] ? rows : cols).add(l);
    }
    for (int l = 0; l < nl; l++) {
      if (!inOut[l]) {
        summed.add(l);
      }
    }
    int[] bl = toArray(batch);
    int[] il = toArray(rows);
    int[] jl = toArray(cols);
    int[] kl = toArray(summed);
    int bs = product(p.sizes(), bl);
    int is = product(p.sizes(), il);
    int js = product(p.sizes(), jl);
    int ks = product(p.sizes(), kl);
    boolean batched = bl.length > 0;
    int[] aShape = batched ? new int[] {bs, is, ks} : new int[] {is, ks};
    int[] bShape = batched ? new int[] {bs, ks, js} : new int[] {ks, js};
    int[] yShape = batched ? new int[] {bs, is, js} : new int[] {is, js};
    int[][] aGroups = batched ? new int[][] {bl, il, kl} : new int[][] {il, kl};
    int[][] bGroups = batched ? new int[][] {bl, kl, jl} : new int[][] {kl, jl};
    int[][] yGroups = batched ? new int[][] {bl, il, jl} : new int[][] {il, jl};
    int a = gather(c, n, ops[0], shapes[0], p.in()[0], p.sizes(), aGroups, aShape, "/a");
    int bm = gather(c, n, ops[1], shapes[1], p.in()[1], p.sizes(), bGroups, bShape, "/b");
    int acc = b.tensor(n.name() + "/prod", TensorKind.VIRTUAL, yShape);
    b.add(new Contract(acc, a, bm));
    // the product's element for each output element (output labels are batch, rows, columns)
    int[] yLabels = concat(yGroups);
    int[] ySizes = new int[yLabels.length];
    for (int i = 0; i < ySizes.length; i++) {
      ySizes[i] = p.sizes()[yLabels[i]];
    }
    int[] src = indexMap(p.sizes(), p.out(), yLabels, ySizes);
    int y = identity(src, b.info(acc).size())
        ? b.alias(acc, outShape, n.name() + "/prod_out")
        : MovementLowering.wire(b, n.name() + "/prod_out", outShape, new int[] {acc},
            new int[src.length], src, null);
    c.finishRescaled(n, y, ops[0].scale() + ops[1].scale());
  }

  /**
   * Operand x (labels xl, shape xs) laid out as {@code shape}, whose dimension d runs over the
   * label values of groups[d] (row-major within the group).
   */
  private static int gather(Compiler c, Node n, Compiler.Operand x, int[] xs, int[] xl,
      int[] sizes, int[][] groups, int[] shape, String suffix) {
    CircuitBuilder b = c.b;
    int[] labels = concat(groups);
    int[] src = indexMap(sizes, labels, xl, xs);
    String name = n.name() + suffix;
    if (identity(src, b.info(x.id()).size())) {
      return b.alias(x.id(), shape, name);
    }
    if (x.constant()) {
      long[] v = c.b.constants.get(x.id());
      long[] r = new long[src.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = v[src[i]];
      }
      return b.constant(name, shape, r);
    }
    return MovementLowering.wire(b, name, shape, new int[] {x.id()}, new int[src.length], src,
        null);
  }

  /**
   * For each element of a tensor whose flat row-major index enumerates the
   * values of {@code labels} (in that order), the flat index of the element of a tensor with axis
   * labels {@code xl} and shape {@code xs} (a size-1 axis is broadcast: index 0).
   */
  private static int[] indexMap(int[] sizes, int[] labels, int[] xl, int[] xs) {
    int total = product(sizes, labels);
    int[] v = new int[sizes.length];
    int[] strides = new int[xs.length];
    int st = 1;
    for (int d = xs.length - 1; d >= 0; d--) {
      strides[d] = st;
      st *= xs[d];
    }
    int[] r = new int[total];
    for (int e = 0; e < total; e++) {
      int rem = e;
      for (int i = labels.length - 1; i >= 0; i--) {
        v[labels[i]] = rem % sizes[labels[i]];
        rem /= sizes[labels[i]];
      }
      int s = 0;
      for (int d = 0; d < xl.length; d++) {
        s += (xs[d] == 1 ? 0 : v[xl[d]]) * strides[d];
      }
      r[e] = s;
    }
    return r;
  }

  /** The engine's label assignment ("..." aligned from the right, implicit output sorted). */
  private static Labels parse(Node n, int[][] shapes) {
    String eq = n.attrs().getString("equation", "").replace(" ", "");
    String lhs = eq.contains("->") ? eq.substring(0, eq.indexOf("->")) : eq;
    String rhs = eq.contains("->") ? eq.substring(eq.indexOf("->") + 2) : null;
    String[] terms = lhs.split(",", -1);
    if (terms.length != shapes.length) {
      throw new CompileException(n.name(), n.opType(), "equation does not match the inputs");
    }
    int ell = 0;
    for (int t = 0; t < terms.length; t++) {
      if (terms[t].contains("...")) {
        ell = Math.max(ell, shapes[t].length - (terms[t].length() - 3));
      }
    }
    StringBuilder ellLabels = new StringBuilder();
    for (int i = 0; i < ell; i++) {
      ellLabels.append((char) ('\u0100' + i));
    }
    Map<Character, Integer> size = new LinkedHashMap<>();
    String[] expanded = new String[terms.length];
    for (int t = 0; t < terms.length; t++) {
      String o = terms[t];
      if (o.contains("...")) {
        int mine = shapes[t].length - (o.length() - 3);
        o = o.replace("...", ellLabels.substring(ell - mine));
      }
      if (o.length() != shapes[t].length) {
        throw new CompileException(n.name(), n.opType(), "operand rank does not match");
      }
      expanded[t] = o;
      for (int i = 0; i < o.length(); i++) {
        size.merge(o.charAt(i), shapes[t][i], Math::max);
      }
    }
    List<Character> all = new ArrayList<>(size.keySet());
    int[][] in = new int[terms.length][];
    for (int t = 0; t < terms.length; t++) {
      in[t] = new int[expanded[t].length()];
      for (int i = 0; i < in[t].length; i++) {
        in[t][i] = all.indexOf(expanded[t].charAt(i));
      }
    }
    String outLabels;
    if (rhs != null) {
      outLabels = rhs.replace("...", ellLabels);
    } else {
      StringBuilder sb = new StringBuilder(ellLabels);
      String joined = String.join("", terms).replace("...", "");
      joined.chars().sorted().distinct()
          .filter(ch -> joined.indexOf(ch) == joined.lastIndexOf(ch))
          .forEach(ch -> sb.append((char) ch));
      outLabels = sb.toString();
    }
    int[] out = new int[outLabels.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = all.indexOf(outLabels.charAt(i));
      if (out[i] < 0) {
        throw new CompileException(n.name(), n.opType(), "output label not in the inputs");
      }
    }
    int[] sizes = new int[all.size()];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = size.get(all.get(i));
    }
    return new Labels(in, out, sizes);
  }

  private static boolean identity(int[] src, long size) {
    if (src.length != size) {
      return false;
    }
    for (int i = 0; i < src.length; i++) {
      if (src[i] != i) {
        return false;
      }
    }
    return true;
  }

  private static boolean[] mask(int[] labels, int n) {
    boolean[] m = new boolean[n];
    for (int l : labels) {
      m[l] = true;
    }
    return m;
  }

  private static int product(int[] sizes, int[] labels) {
    int p = 1;
    for (int l : labels) {
      p = Math.multiplyExact(p, sizes[l]);
    }
    return p;
  }

  private static int[] concat(int[][] groups) {
    int len = 0;
    for (int[] g : groups) {
      len += g.length;
    }
    int[] r = new int[len];
    int o = 0;
    for (int[] g : groups) {
      System.arraycopy(g, 0, r, o, g.length);
      o += g.length;
    }
    return r;
  }

  private static int[] toArray(List<Integer> l) {
    return l.stream().mapToInt(Integer::intValue).toArray();
  }
}
