package org.besuzkml.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The float graph IR after import: static shapes for every tensor, constants already folded, nodes
 * in topological order. Only nodes that compute on graph inputs remain.
 */
public final class Graph {
  /** A graph input or output: name and static shape. */
  public record Value(String name, int[] shape) {}

  private final List<Value> inputs;
  private final List<Value> outputs;
  private final Map<String, Tensor> constants;
  private final List<Node> nodes;
  private final Map<String, int[]> shapes;
  private final Map<String, Tensor.ElemType> types;
  private final List<String> notices;

  /**
   * {@code notices}: one-line remarks for the user about choices made on import (a dynamic
   * dimension set to 1); the commands print them on stderr.
   */
  public Graph(
      List<Value> inputs,
      List<Value> outputs,
      Map<String, Tensor> constants,
      List<Node> nodes,
      Map<String, int[]> shapes,
      Map<String, Tensor.ElemType> types,
      List<String> notices) {
    this.types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
    this.constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
    this.nodes = List.copyOf(nodes);
    Map<String, int[]> all = new LinkedHashMap<>(shapes);
    // A constant's shape is its tensor's (constants made after shape inference, such as the
    // weights of a Conv with a BatchNormalization folded in, have no entry of their own).
    for (Map.Entry<String, Tensor> e : constants.entrySet()) {
      all.put(e.getKey(), e.getValue().shape());
    }
    this.shapes = Collections.unmodifiableMap(all);
    this.notices = List.copyOf(notices);
  }

  public List<String> notices() {
    return notices;
  }

  public List<Value> inputs() {
    return inputs;
  }

  public List<Value> outputs() {
    return outputs;
  }

  public Map<String, Tensor> constants() {
    return constants;
  }

  public List<Node> nodes() {
    return nodes;
  }

  public int[] shape(String name) {
    int[] s = shapes.get(name);
    return s == null ? null : s.clone();
  }

  /** Element type of a tensor (FLOAT when unknown). */
  public Tensor.ElemType type(String name) {
    Tensor c = constants.get(name);
    if (c != null) {
      return c.type();
    }
    return types.getOrDefault(name, Tensor.ElemType.FLOAT);
  }

  public boolean isConstant(String name) {
    return constants.containsKey(name);
  }

  /** Multiply-accumulates of one node. */
  public long macs(Node n) {
    int[][] in = new int[n.inputs().size()][];
    for (int i = 0; i < in.length; i++) {
      in[i] = n.hasInput(i) ? shapes.get(n.input(i)) : null;
    }
    int[][] out = new int[n.outputs().size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = shapes.get(n.outputs().get(i));
    }
    return n.op().macs(n, in, out);
  }

  /** Parameters of one node: elements of its constant inputs. */
  public long params(Node n) {
    long p = 0;
    for (String i : n.inputs()) {
      Tensor t = constants.get(i);
      if (t != null && t.type() == Tensor.ElemType.FLOAT) {
        p += t.size();
      }
    }
    return p;
  }

  public long totalMacs() {
    long s = 0;
    for (Node n : nodes) {
      s += macs(n);
    }
    return s;
  }

  /** Float constants used by the remaining nodes (each counted once). */
  public long totalParams() {
    java.util.Set<String> seen = new java.util.HashSet<>();
    long p = 0;
    for (Node n : nodes) {
      for (String i : n.inputs()) {
        Tensor t = constants.get(i);
        if (t != null && t.type() == Tensor.ElemType.FLOAT && seen.add(i)) {
          p += t.size();
        }
      }
    }
    return p;
  }
}
