package org.besuzkml.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.besuzkml.model.Attributes;
import org.besuzkml.model.UnsupportedOpException;
import org.besuzkml.onnx.OnnxImporter.RawNode;

/**
 * Einsum with more than two operands becomes a chain of two-operand Einsums, which the engine and
 * the prover already handle (each a contraction with its own rescale). The order is greedy: at
 * each step the pair whose result has the fewest elements (the first such pair on ties); a label
 * is kept in a partial result while the output or another remaining operand still uses it, and
 * summed as soon as no one else does. "..." becomes explicit labels first.
 */
final class EinsumChain {
  private EinsumChain() {}

  /** The two-operand Einsums replacing r, or null when r has at most two operands. */
  static List<RawNode> split(RawNode r, Map<String, int[]> shapes) throws UnsupportedOpException {
    String eq = r.attrs().getString("equation", "").replace(" ", "");
    String lhs = eq.contains("->") ? eq.substring(0, eq.indexOf("->")) : eq;
    String[] ops = lhs.split(",", -1);
    if (ops.length <= 2) {
      return null;
    }
    if (ops.length != r.inputs().size()) {
      throw new UnsupportedOpException(r.name(), r.opType(), "equation has " + ops.length
          + " operands, the node " + r.inputs().size());
    }
    int[][] sh = new int[ops.length][];
    for (int k = 0; k < ops.length; k++) {
      sh[k] = shapes.get(r.inputs().get(k));
      if (sh[k] == null) {
        throw new UnsupportedOpException(r.name(), r.opType(), "operand " + k + " has no shape");
      }
    }
    // explicit output first (implicit: the labels used once, sorted), then "..." spelled out
    String out;
    if (eq.contains("->")) {
      out = eq.substring(eq.indexOf("->") + 2);
    } else {
      String all = lhs.replace("...", "").replace(",", "");
      StringBuilder sb = new StringBuilder(lhs.contains("...") ? "..." : "");
      all.chars().sorted().distinct().filter(c -> all.indexOf(c) == all.lastIndexOf(c))
          .forEach(c -> sb.append((char) c));
      out = sb.toString();
    }
    int ell = 0;
    for (int k = 0; k < ops.length; k++) {
      if (ops[k].contains("...")) {
        ell = Math.max(ell, sh[k].length - (ops[k].length() - 3));
      }
    }
    StringBuilder free = new StringBuilder();
    for (char c = 'A'; free.length() < ell && c <= 'z'; c++) {
      if (Character.isLetter(c) && eq.indexOf(c) < 0) {
        free.append(c);
      }
    }
    String el = free.toString();
    List<String> labels = new ArrayList<>();
    for (int k = 0; k < ops.length; k++) {
      String o = ops[k];
      if (o.contains("...")) {
        int mine = sh[k].length - (o.length() - 3);
        o = o.replace("...", el.substring(ell - mine));
      }
      if (o.length() != sh[k].length) {
        throw new UnsupportedOpException(r.name(), r.opType(), "operand " + k
            + " rank does not match its labels");
      }
      labels.add(o);
    }
    out = out.replace("...", el);
    Map<Character, Integer> size = new TreeMap<>();
    for (int k = 0; k < ops.length; k++) {
      for (int i = 0; i < sh[k].length; i++) {
        size.merge(labels.get(k).charAt(i), sh[k][i], Math::max);
      }
    }
    List<String> names = new ArrayList<>(r.inputs());
    List<RawNode> chain = new ArrayList<>();
    for (int step = 0; labels.size() > 2; step++) {
      int bi = -1;
      int bj = -1;
      String best = null;
      long bestSize = Long.MAX_VALUE;
      for (int i = 0; i < labels.size(); i++) {
        for (int j = i + 1; j < labels.size(); j++) {
          String kept = kept(labels, i, j, out);
          long s = 1;
          for (char c : kept.toCharArray()) {
            s *= size.get(c);
          }
          if (s < bestSize) {
            bestSize = s;
            best = kept;
            bi = i;
            bj = j;
          }
        }
      }
      String name = r.name() + "/pair" + step;
      chain.add(einsum(name, names.get(bi), names.get(bj),
          labels.get(bi) + "," + labels.get(bj) + "->" + best, name));
      labels.remove(bj);
      labels.remove(bi);
      names.remove(bj);
      names.remove(bi);
      labels.add(best);
      names.add(name);
    }
    chain.add(einsum(r.name(), names.get(0), names.get(1),
        labels.get(0) + "," + labels.get(1) + "->" + out, r.outputs().get(0)));
    return chain;
  }

  /** Labels of operands i and j (first appearance order) that the output or another operand uses. */
  private static String kept(List<String> labels, int i, int j, String out) {
    StringBuilder sb = new StringBuilder();
    for (char c : (labels.get(i) + labels.get(j)).toCharArray()) {
      if (sb.indexOf(String.valueOf(c)) >= 0) {
        continue;
      }
      boolean used = out.indexOf(c) >= 0;
      for (int k = 0; k < labels.size() && !used; k++) {
        used = k != i && k != j && labels.get(k).indexOf(c) >= 0;
      }
      if (used) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static RawNode einsum(String name, String a, String b, String eq, String out) {
    return new RawNode(name, "Einsum", List.of(a, b), List.of(out),
        new Attributes(Map.of("equation", eq)));
  }
}
