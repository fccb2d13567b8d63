package org.besuzkml.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.besuzkml.model.Attributes;
import org.besuzkml.model.Node;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.UnsupportedOpException;
import org.besuzkml.onnx.OnnxImporter.RawNode;
import org.besuzkml.onnx.proto.Onnx.GraphProto;

/**
 * Import-time rewrites: composite normalizations become the primitive ops that the integer engine
 * (and later the prover) already handles, and BatchNormalization folds into a preceding Conv.
 */
final class Lowering {
  private Lowering() {}

  /** The primitive nodes replacing r, or null when r stays as it is. */
  static List<RawNode> lower(RawNode r, Map<String, int[]> shapes, Map<String, Tensor> constants)
      throws UnsupportedOpException {
    return switch (r.opType()) {
      case "LayerNormalization" -> layerNorm(r, shapes, constants);
      case "InstanceNormalization" -> instanceNorm(r, shapes, constants);
      case "ReduceSumSquare", "ReduceL1", "ReduceL2" -> reduceNorm(r);
      case "GroupNormalization" -> groupNorm(r, shapes, constants);
      case "MeanVarianceNormalization" -> meanVarianceNorm(r, shapes, constants);
      case "LpNormalization" -> lpNorm(r, shapes);
      case "LRN" -> lrn(r, shapes, constants);
      case "Einsum" -> EinsumChain.split(r, shapes);
      default -> null;
    };
  }

  /**
   * LRN: y = x * (bias + alpha / size * S)^-beta with S the sum of x^2 over a window of channels,
   * computed as a 1x1 Conv with a 0/1 banded weight (exact), then Mul, Add, Pow (table), Mul.
   */
  private static List<RawNode> lrn(RawNode r, Map<String, int[]> shapes,
      Map<String, Tensor> constants) throws UnsupportedOpException {
    int[] xs = shapes.get(r.inputs().get(0));
    if (xs == null || xs.length != 4) {
      throw new UnsupportedOpException(r.name(), r.opType(), "LRN needs a 4-D input");
    }
    int size = (int) r.attrs().getInt("size", 1);
    double alpha = r.attrs().getFloat("alpha", 1e-4);
    double beta = r.attrs().getFloat("beta", 0.75);
    double bias = r.attrs().getFloat("bias", 1.0);
    int c = xs[1];
    double[] band = new double[c * c];
    for (int o = 0; o < c; o++) {
      for (int i = Math.max(0, o - (size - 1) / 2); i <= Math.min(c - 1, o + size / 2); i++) {
        band[o * c + i] = 1;
      }
    }
    String p = r.name() + "/";
    String x = r.inputs().get(0);
    put(constants, shapes, p + "band", new Tensor(new int[] {c, c, 1, 1}, band));
    put(constants, shapes, p + "alpha", Tensor.scalar(alpha / size));
    put(constants, shapes, p + "bias", Tensor.scalar(bias));
    put(constants, shapes, p + "exponent", Tensor.scalar(-beta));
    return List.of(
        node(p + "square", "Mul", List.of(x, x), p + "square", Map.of()),
        node(p + "window", "Conv", List.of(p + "square", p + "band"), p + "window", Map.of()),
        node(p + "scaled", "Mul", List.of(p + "window", p + "alpha"), p + "scaled", Map.of()),
        node(p + "shifted", "Add", List.of(p + "scaled", p + "bias"), p + "shifted", Map.of()),
        node(p + "power", "Pow", List.of(p + "shifted", p + "exponent"), p + "factor", Map.of()),
        node(p + "out", "Mul", List.of(x, p + "factor"), r.outputs().get(0), Map.of()));
  }

  /** (x - mean) / sqrt(var + 1e-9) over the axes attribute (default 0, 2, 3). */
  private static List<RawNode> meanVarianceNorm(RawNode r, Map<String, int[]> shapes,
      Map<String, Tensor> constants) {
    long[] axes = r.attrs().getInts("axes");
    if (axes == null) {
      axes = new long[] {0, 2, 3};
    }
    Map<String, Object> a = new java.util.LinkedHashMap<>(r.attrs().asMap());
    a.put("epsilon", 1e-9);
    RawNode rr = new RawNode(r.name(), r.opType(), r.inputs(), r.outputs(), new Attributes(a));
    return normalize(rr, axes, null, null, shapes, constants);
  }

  /** x / ReduceL2(x) (p = 2) or x / ReduceL1(x) (p = 1) along one axis. */
  private static List<RawNode> lpNorm(RawNode r, Map<String, int[]> shapes)
      throws UnsupportedOpException {
    long p = r.attrs().getInt("p", 2);
    if (p != 1 && p != 2) {
      throw new UnsupportedOpException(r.name(), r.opType(), "p = " + p);
    }
    int[] xs = shapes.get(r.inputs().get(0));
    long axis = r.attrs().getInt("axis", -1);
    long a = axis < 0 ? axis + xs.length : axis;
    String x = r.inputs().get(0);
    String norm = r.name() + "/norm";
    return List.of(
        node(norm, p == 2 ? "ReduceL2" : "ReduceL1", List.of(x), norm,
            Map.of("axes", new long[] {a}, "keepdims", 1L)),
        node(r.name() + "/div", "Div", List.of(x, norm), r.outputs().get(0), Map.of()));
  }

  /**
   * GroupNormalization: reshape to [N, G, rest], normalize over the last axis, reshape back, then
   * per-channel scale and bias (given per group before opset 21, per channel from 21).
   */
  private static List<RawNode> groupNorm(RawNode r, Map<String, int[]> shapes,
      Map<String, Tensor> constants) throws UnsupportedOpException {
    int[] xs = shapes.get(r.inputs().get(0));
    Tensor scale = constants.get(r.inputs().get(1));
    Tensor bias = constants.get(r.inputs().get(2));
    if (xs == null || scale == null || bias == null || xs.length < 3) {
      throw new UnsupportedOpException(r.name(), r.opType(), "needs constant scale and bias");
    }
    int groups = (int) r.attrs().getInt("num_groups", 1);
    int c = xs[1];
    if (groups <= 0 || c % groups != 0) {
      throw new UnsupportedOpException(r.name(), r.opType(), "channels not divisible by groups");
    }
    int rest = 1;
    for (int i = 2; i < xs.length; i++) {
      rest *= xs[i];
    }
    String p = r.name() + "/";
    long[] grouped = {xs[0], groups, (long) (c / groups) * rest};
    long[] back = new long[xs.length];
    for (int i = 0; i < xs.length; i++) {
      back[i] = xs[i];
    }
    double[] gamma = new double[c];
    double[] beta = new double[c];
    for (int ch = 0; ch < c; ch++) {
      int src = scale.size() == c ? ch : ch / (c / groups);
      gamma[ch] = scale.get(src);
      beta[ch] = bias.get(bias.size() == c ? ch : ch / (c / groups));
    }
    int[] cshape = new int[xs.length - 1];
    java.util.Arrays.fill(cshape, 1);
    cshape[0] = c;
    put(constants, shapes, p + "grouped_shape", longs(grouped));
    put(constants, shapes, p + "shape", longs(back));
    put(constants, shapes, p + "gamma", new Tensor(cshape, gamma));
    put(constants, shapes, p + "beta", new Tensor(cshape, beta));
    List<RawNode> out = new ArrayList<>();
    out.add(node(p + "group", "Reshape", List.of(r.inputs().get(0), p + "grouped_shape"),
        p + "grouped", Map.of()));
    RawNode inner = new RawNode(p + "norm", "GroupNormalization", List.of(p + "grouped"),
        List.of(p + "normalized"), r.attrs());
    out.addAll(normalize(inner, new long[] {2}, null, null, shapes, constants));
    out.add(node(p + "ungroup", "Reshape", List.of(p + "normalized", p + "shape"), p + "restored",
        Map.of()));
    out.add(node(p + "scale", "Mul", List.of(p + "restored", p + "gamma"), p + "scaled",
        Map.of()));
    out.add(node(p + "shift", "Add", List.of(p + "scaled", p + "beta"), r.outputs().get(0),
        Map.of()));
    return out;
  }

  private static Tensor longs(long[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return new Tensor(new int[] {v.length}, d, Tensor.ElemType.INT);
  }

  private static void put(Map<String, Tensor> constants, Map<String, int[]> shapes, String name,
      Tensor t) {
    constants.put(name, t);
    shapes.put(name, t.shape());
  }

  /**
   * ReduceSumSquare = ReduceSum(x * x); ReduceL1 = ReduceSum(|x|); ReduceL2 = Sqrt(ReduceSum(x *
   * x)). Axes (attribute or input) and keepdims carry over to the ReduceSum.
   */
  private static List<RawNode> reduceNorm(RawNode r) {
    String p = r.name() + "/";
    String x = r.inputs().get(0);
    String y = r.outputs().get(0);
    List<RawNode> out = new ArrayList<>();
    String term = p + "term";
    if (r.opType().equals("ReduceL1")) {
      out.add(node(p + "abs", "Abs", List.of(x), term, Map.of()));
    } else {
      out.add(node(p + "square", "Mul", List.of(x, x), term, Map.of()));
    }
    List<String> in = new ArrayList<>(r.inputs());
    in.set(0, term);
    String sum = r.opType().equals("ReduceL2") ? p + "sum" : y;
    out.add(new RawNode(p + "sum", "ReduceSum", in, List.of(sum), r.attrs()));
    if (r.opType().equals("ReduceL2")) {
      out.add(node(p + "sqrt", "Sqrt", List.of(sum), y, Map.of()));
    }
    return out;
  }

  private static RawNode node(String name, String op, List<String> in, String out,
      Map<String, Object> attrs) {
    return new RawNode(name, op, in, List.of(out), new Attributes(attrs));
  }

  /**
   * y = (x - mean) / sqrt(mean((x - mean)^2) + eps) * scale + bias, over the given axes; scale and
   * bias are already broadcastable to x.
   */
  private static List<RawNode> normalize(RawNode r, long[] axes, String scale, String bias,
      Map<String, int[]> shapes, Map<String, Tensor> constants) {
    String p = r.name() + "/";
    double eps = r.attrs().getFloat("epsilon", 1e-5);
    String x = r.inputs().get(0);
    String y = r.outputs().get(0);
    constants.put(p + "epsilon", Tensor.scalar(eps));
    shapes.put(p + "epsilon", new int[0]);
    Map<String, Object> red = Map.of("axes", axes, "keepdims", 1L);
    List<RawNode> out = new ArrayList<>();
    out.add(node(p + "mean", "ReduceMean", List.of(x), p + "mean", red));
    out.add(node(p + "centered", "Sub", List.of(x, p + "mean"), p + "centered", Map.of()));
    out.add(node(p + "square", "Mul", List.of(p + "centered", p + "centered"), p + "square",
        Map.of()));
    out.add(node(p + "variance", "ReduceMean", List.of(p + "square"), p + "variance", red));
    out.add(node(p + "var_eps", "Add", List.of(p + "variance", p + "epsilon"), p + "var_eps",
        Map.of()));
    out.add(node(p + "std", "Sqrt", List.of(p + "var_eps"), p + "std", Map.of()));
    String norm = scale == null && bias == null ? y : p + "normalized";
    out.add(node(p + "normalized", "Div", List.of(p + "centered", p + "std"), norm, Map.of()));
    if (scale != null) {
      String scaled = bias == null ? y : p + "scaled";
      out.add(node(p + "scaled", "Mul", List.of(norm, scale), scaled, Map.of()));
      norm = scaled;
    }
    if (bias != null) {
      out.add(node(p + "shifted", "Add", List.of(norm, bias), y, Map.of()));
    }
    return out;
  }

  private static void onlyFirstOutput(RawNode r) throws UnsupportedOpException {
    for (int i = 1; i < r.outputs().size(); i++) {
      if (!r.outputs().get(i).isEmpty()) {
        throw new UnsupportedOpException(r.name(), r.opType(), "optional statistics outputs");
      }
    }
  }

  private static List<RawNode> layerNorm(RawNode r, Map<String, int[]> shapes,
      Map<String, Tensor> constants) throws UnsupportedOpException {
    onlyFirstOutput(r);
    int[] xs = shapes.get(r.inputs().get(0));
    if (xs == null) {
      return null;
    }
    int rank = xs.length;
    int a = org.besuzkml.model.Shapes.axis(r.attrs().getInt("axis", -1), rank);
    long[] axes = new long[rank - a];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = a + i;
    }
    String scale = r.inputs().size() > 1 && !r.inputs().get(1).isEmpty() ? r.inputs().get(1) : null;
    String bias = r.inputs().size() > 2 && !r.inputs().get(2).isEmpty() ? r.inputs().get(2) : null;
    return normalize(r, axes, scale, bias, shapes, constants);
  }

  private static List<RawNode> instanceNorm(RawNode r, Map<String, int[]> shapes,
      Map<String, Tensor> constants) throws UnsupportedOpException {
    int[] xs = shapes.get(r.inputs().get(0));
    Tensor scale = constants.get(r.inputs().get(1));
    Tensor bias = constants.get(r.inputs().get(2));
    if (xs == null || scale == null || bias == null) {
      throw new UnsupportedOpException(r.name(), r.opType(), "needs constant scale and bias");
    }
    int rank = xs.length;
    long[] axes = new long[rank - 2];
    int[] cshape = new int[rank - 1];
    cshape[0] = xs[1];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = 2 + i;
      cshape[i + 1] = 1;
    }
    String p = r.name() + "/";
    constants.put(p + "gamma", scale.reshape(cshape));
    constants.put(p + "beta", bias.reshape(cshape));
    shapes.put(p + "gamma", cshape);
    shapes.put(p + "beta", cshape);
    return normalize(r, axes, p + "gamma", p + "beta", shapes, constants);
  }

  /**
   * Gemm (constant B, 2-D output [M, N]) followed by BatchNormalization over N: scales B's
   * output columns by a and makes the bias beta * C * a + b.
   */
  private static Node foldIntoGemm(Node gemm, Node bn, Map<String, Tensor> constants) {
    Tensor[] st = new Tensor[4];
    for (int i = 0; i < 4; i++) {
      st[i] = constants.get(bn.input(i + 1));
      if (st[i] == null) {
        return null;
      }
    }
    if (gemm.hasInput(2) && !constants.containsKey(gemm.input(2))) {
      return null;
    }
    boolean tb = gemm.attrs().getInt("transB", 0) != 0;
    Tensor b = constants.get(gemm.input(1));
    if (b.rank() != 2) {
      return null;
    }
    int n = tb ? b.dim(0) : b.dim(1);
    int k = tb ? b.dim(1) : b.dim(0);
    if (st[0].size() != n) {
      return null;
    }
    double eps = bn.attrs().getFloat("epsilon", 1e-5);
    double beta = gemm.attrs().getFloat("beta", 1);
    double[] nb = b.data().clone();
    double[] bias = new double[n];
    Tensor c = gemm.hasInput(2) ? constants.get(gemm.input(2)) : null;
    int[] ci = c == null ? null
        : org.besuzkml.model.Shapes.broadcastIndex(new int[] {n}, c.size() == 1 ? new int[] {1}
            : new int[] {c.size()});
    if (c != null && c.size() != 1 && c.size() != n) {
      return null;
    }
    for (int j = 0; j < n; j++) {
      double a = st[0].get(j) / Math.sqrt(st[3].get(j) + eps);
      for (int p = 0; p < k; p++) {
        nb[tb ? j * k + p : p * n + j] *= a;
      }
      double c0 = c == null ? 0 : beta * c.get(ci[j]);
      bias[j] = (c0 - st[2].get(j)) * a + st[1].get(j);
    }
    String wn = gemm.name() + "/bn_folded_weight";
    String bname = gemm.name() + "/bn_folded_bias";
    constants.put(wn, new Tensor(b.shape(), nb));
    constants.put(bname, new Tensor(new int[] {n}, bias));
    Map<String, Object> attrs = new java.util.LinkedHashMap<>(gemm.attrs().asMap());
    attrs.put("beta", 1.0);
    return new Node(gemm.name(), "Gemm", List.of(gemm.input(0), wn, bname),
        List.of(bn.outputs().get(0)), new Attributes(attrs), gemm.op(), gemm.opset());
  }

  /** Replaces Conv -> BatchNormalization by one Conv with scaled weights and shifted bias. */
  static List<Node> foldBatchNorm(List<Node> nodes, Map<String, Tensor> constants, GraphProto g) {
    Map<String, Integer> uses = new HashMap<>();
    for (Node n : nodes) {
      for (String i : n.inputs()) {
        uses.merge(i, 1, Integer::sum);
      }
    }
    for (var o : g.getOutputList()) {
      uses.merge(o.getName(), 1, Integer::sum);
    }
    Map<String, Node> producer = new HashMap<>();
    for (Node n : nodes) {
      for (String o : n.outputs()) {
        producer.put(o, n);
      }
    }
    List<Node> out = new ArrayList<>(nodes);
    for (Node bn : nodes) {
      if (!bn.opType().equals("BatchNormalization") || bn.outputs().size() != 1) {
        continue;
      }
      Node conv = producer.get(bn.input(0));
      if (conv == null || uses.get(bn.input(0)) != 1 || !constants.containsKey(conv.input(1))) {
        continue;
      }
      if (conv.opType().equals("Gemm")) {
        Node fused = foldIntoGemm(conv, bn, constants);
        if (fused != null) {
          out.set(out.indexOf(conv), fused);
          out.remove(bn);
        }
        continue;
      }
      if (!conv.opType().equals("Conv")) {
        continue;
      }
      Tensor[] st = new Tensor[4];
      boolean ok = true;
      for (int i = 0; i < 4; i++) {
        st[i] = constants.get(bn.input(i + 1));
        ok &= st[i] != null;
      }
      if (!ok || (conv.hasInput(2) && !constants.containsKey(conv.input(2)))) {
        continue;
      }
      double eps = bn.attrs().getFloat("epsilon", 1e-5);
      Tensor w = constants.get(conv.input(1));
      int cout = w.dim(0);
      int per = w.size() / cout;
      double[] nw = w.data().clone();
      double[] nb = new double[cout];
      for (int c = 0; c < cout; c++) {
        double a = st[0].get(c) / Math.sqrt(st[3].get(c) + eps);
        for (int k = 0; k < per; k++) {
          nw[c * per + k] *= a;
        }
        double b0 = conv.hasInput(2) ? constants.get(conv.input(2)).get(c) : 0;
        nb[c] = (b0 - st[2].get(c)) * a + st[1].get(c);
      }
      String wn = conv.name() + "/bn_folded_weight";
      String bname = conv.name() + "/bn_folded_bias";
      constants.put(wn, new Tensor(w.shape(), nw));
      constants.put(bname, new Tensor(new int[] {cout}, nb));
      Node fused = new Node(conv.name(), "Conv", List.of(conv.input(0), wn, bname),
          List.of(bn.outputs().get(0)), conv.attrs(), conv.op(), conv.opset());
      out.set(out.indexOf(conv), fused);
      out.remove(bn);
    }
    return out;
  }
}
