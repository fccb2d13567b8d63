package org.besuzkml.model.quant;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.besuzkml.model.Graph;
import org.besuzkml.model.ModelException;
import org.besuzkml.model.Node;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.UnsupportedOpException;
import org.besuzkml.model.ops.Unsupported;

/**
 * The integer model: each node of the float graph with its integer op, the scale of every
 * activation, the quantized parameters and the lookup tables. {@link #run} gives the full trace.
 */
public final class QuantizedModel {
  /** One node and its integer semantics. */
  public record Step(Node node, IntOp op) {}

  private final Graph graph;
  private final int act;
  private final int weight;
  private final List<Step> steps;
  private final Map<String, Integer> scales;
  private final Map<String, QTensor> params;
  private final Map<String, LookupTable> tables;
  private final Map<String, QTensor> constantOutputs;

  private QuantizedModel(Graph graph, int act, int weight, List<Step> steps,
      Map<String, Integer> scales, QuantContext ctx, Map<String, QTensor> constantOutputs) {
    this.graph = graph;
    this.act = act;
    this.weight = weight;
    this.steps = List.copyOf(steps);
    this.scales = Collections.unmodifiableMap(scales);
    this.params = ctx.params();
    this.tables = ctx.tables();
    this.constantOutputs = constantOutputs;
  }

  /**
   * Quantizes g with activation scale 2^act and weight scale 2^weight; lookup domains come from
   * the calibrated float ranges of their inputs.
   */
  public static QuantizedModel quantize(Graph g, int act, int weight, Map<String, double[]> ranges)
      throws ModelException {
    QuantContext ctx = new QuantContext(g, act, weight, ranges);
    Map<String, Integer> scales = new LinkedHashMap<>();
    for (Graph.Value v : g.inputs()) {
      // Integer and boolean inputs (token ids, masks) are exact integers at scale 0.
      int s = g.type(v.name()) == Tensor.ElemType.FLOAT ? ctx.target(v.name()) : 0;
      ctx.setScale(v.name(), s);
      scales.put(v.name(), s);
    }
    List<Step> steps = new ArrayList<>();
    for (Node n : g.nodes()) {
      IntOp op;
      try {
        op = n.op().quantize(n, ctx);
      } catch (Unsupported e) {
        throw new UnsupportedOpException(n.name(), n.opType(), e.getMessage());
      } catch (QuantContext.BadConstant e) {
        String c = e.id().startsWith(n.name() + "/") ? e.id().substring(n.name().length() + 1) : e.id();
        throw new ModelException("node '" + n.name() + "' (op " + n.opType() + "): constant '" + c
            + "' " + e.getMessage());
      }
      steps.add(new Step(n, op));
      for (String o : n.outputs()) {
        if (!o.isEmpty()) {
          scales.put(o, ctx.scale(o));
        }
      }
    }
    Map<String, QTensor> constOut = new LinkedHashMap<>();
    for (Graph.Value v : g.outputs()) {
      if (g.isConstant(v.name())) {
        var t = g.constants().get(v.name());
        constOut.put(v.name(), QTensor.quantize(t.shape(), t.data(), act));
        scales.put(v.name(), act);
      }
    }
    return new QuantizedModel(g, act, weight, steps, scales, ctx, constOut);
  }

  public Graph graph() {
    return graph;
  }

  public int actScale() {
    return act;
  }

  public int weightScale() {
    return weight;
  }

  public List<Step> steps() {
    return steps;
  }

  /** Static scale exponent of every activation tensor. */
  public Map<String, Integer> scales() {
    return scales;
  }

  public Map<String, QTensor> params() {
    return params;
  }

  public Map<String, LookupTable> tables() {
    return tables;
  }

  /** Quantizes float inputs at their scales (round half up) and runs. */
  public Trace run(List<double[]> inputs) {
    return runQuantized(quantizeInputs(inputs));
  }

  /** The graph inputs at their scales (round half up), as {@link #run} quantizes them. */
  public List<long[]> quantizeInputs(List<double[]> inputs) {
    List<long[]> q = new ArrayList<>();
    for (int k = 0; k < inputs.size(); k++) {
      double[] in = inputs.get(k);
      int s = scales.get(graph.inputs().get(k).name());
      long[] r = new long[in.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = FixedPoint.quantize(in[i], s);
      }
      q.add(r);
    }
    return q;
  }

  /**
   * Runs on already quantized inputs. Throws {@link ArithmeticException} when a value overflows a
   * long or an activation leaves the {@link FixedPoint#ACT_BITS} bound.
   */
  public Trace runQuantized(List<long[]> inputs) {
    Trace trace = new Trace();
    for (int i = 0; i < graph.inputs().size(); i++) {
      Graph.Value v = graph.inputs().get(i);
      trace.put(v.name(), new QTensor(v.shape(), inputs.get(i).clone(), scales.get(v.name())));
    }
    for (Step s : steps) {
      Node n = s.node();
      QTensor[] in = new QTensor[n.inputs().size()];
      for (int i = 0; i < in.length; i++) {
        in[i] = n.hasInput(i) && !graph.isConstant(n.input(i)) ? trace.get(n.input(i)) : null;
      }
      try {
        QTensor[] out = s.op().eval(in, trace);
        for (int i = 0; i < n.outputs().size(); i++) {
          String o = n.outputs().get(i);
          if (o.isEmpty()) {
            continue;
          }
          for (long x : out[i].data()) {
            FixedPoint.checkAct(x);
          }
          trace.put(o, out[i]);
        }
      } catch (StepOverflow e) {
        throw e;
      } catch (ArithmeticException e) {
        throw new StepOverflow(n, e);
      }
    }
    for (Map.Entry<String, QTensor> e : constantOutputs.entrySet()) {
      trace.put(e.getKey(), e.getValue());
    }
    return trace;
  }

  /** An overflow in one node's integer evaluation, naming the node. */
  public static final class StepOverflow extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    StepOverflow(Node n, ArithmeticException cause) {
      super("node '" + n.name() + "' (op " + n.opType() + "): " + cause.getMessage());
      initCause(cause);
    }
  }

  /** The graph outputs of a trace, dequantized. */
  public double[][] outputs(Trace t) {
    double[][] r = new double[graph.outputs().size()][];
    for (int i = 0; i < r.length; i++) {
      r[i] = t.get(graph.outputs().get(i).name()).dequantize();
    }
    return r;
  }
}
