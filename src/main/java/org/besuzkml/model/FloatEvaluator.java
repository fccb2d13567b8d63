package org.besuzkml.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs the float IR in double precision: the calibration reference for every tensor. */
public final class FloatEvaluator {
  private FloatEvaluator() {}

  /** Every tensor of one evaluation (constants, inputs, node outputs), by name. */
  public static Map<String, Tensor> run(Graph g, List<double[]> inputs) {
    Map<String, Tensor> env = new LinkedHashMap<>(g.constants());
    for (int i = 0; i < g.inputs().size(); i++) {
      Graph.Value v = g.inputs().get(i);
      env.put(v.name(), new Tensor(v.shape(), inputs.get(i).clone()));
    }
    for (Node n : g.nodes()) {
      Tensor[] in = new Tensor[n.inputs().size()];
      for (int i = 0; i < in.length; i++) {
        in[i] = n.hasInput(i) ? env.get(n.input(i)) : null;
      }
      Tensor[] out = n.op().evalFloat(n, in);
      for (int i = 0; i < n.outputs().size(); i++) {
        if (!n.outputs().get(i).isEmpty()) {
          env.put(n.outputs().get(i), out[i]);
        }
      }
    }
    return env;
  }

  /** The graph outputs of one evaluation. */
  public static double[][] outputs(Graph g, List<double[]> inputs) {
    Map<String, Tensor> env = run(g, inputs);
    double[][] r = new double[g.outputs().size()][];
    for (int i = 0; i < r.length; i++) {
      r[i] = env.get(g.outputs().get(i).name()).data().clone();
    }
    return r;
  }
}
