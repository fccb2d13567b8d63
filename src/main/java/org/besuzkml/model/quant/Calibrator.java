package org.besuzkml.model.quant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.besuzkml.model.Accuracy;
import org.besuzkml.model.FloatEvaluator;
import org.besuzkml.model.Graph;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.ModelException;

/**
 * Chooses the scales from calibration inputs. The float graph runs on each input to give every
 * tensor's range (which sets the lookup domains). Then, for activation scale A = 8, 9, ..., 16
 * (weights at the same scale), the integer model runs on the same inputs; the first A is taken
 * for which no activation overflows, no lookup input leaves a non-saturating table, argmax agrees
 * and the error is at most half the tolerance of {@link Accuracy}. If none qualifies, the best
 * overflow-free candidate is returned (no clamping before meeting the tolerance before lower
 * error); {@code satisfied} says whether it meets the tolerance without clamping, and the report
 * gives each scale's reason otherwise.
 */
public final class Calibrator {
  private Calibrator() {}

  public static final int MIN_SCALE = 8;

  /** The outcome of calibration. */
  public record Result(QuantizedModel model, Accuracy accuracy, boolean satisfied, String report) {}

  public static Map<String, double[]> ranges(Graph g, List<List<double[]>> inputs) {
    Map<String, double[]> ranges = new HashMap<>();
    for (List<double[]> in : inputs) {
      addRanges(ranges, FloatEvaluator.run(g, in));
    }
    return ranges;
  }

  private static void addRanges(Map<String, double[]> ranges, Map<String, Tensor> env) {
    for (Map.Entry<String, Tensor> e : env.entrySet()) {
      double[] r = ranges.computeIfAbsent(e.getKey(),
          k -> new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
      for (double v : e.getValue().data()) {
        if (Double.isFinite(v)) {
          r[0] = Math.min(r[0], v);
          r[1] = Math.max(r[1], v);
        }
      }
    }
    ranges.values().removeIf(r -> r[0] > r[1]);
  }

  /** Calibrates over candidate scales; {@code fixedScale} (non-null) forces one. */
  public static Result calibrate(Graph g, List<List<double[]>> inputs, Integer fixedScale)
      throws ModelException {
    Map<String, double[]> ranges = new HashMap<>();
    List<double[][]> reference = new ArrayList<>();
    for (List<double[]> in : inputs) {
      Map<String, Tensor> env = FloatEvaluator.run(g, in);
      addRanges(ranges, env);
      double[][] out = new double[g.outputs().size()][];
      for (int i = 0; i < out.length; i++) {
        out[i] = env.get(g.outputs().get(i).name()).data();
      }
      reference.add(out);
    }
    int lo = fixedScale != null ? fixedScale : MIN_SCALE;
    int hi = fixedScale != null ? fixedScale : FixedPoint.MAX_SCALE;
    Result best = null;
    double bestRank = Double.POSITIVE_INFINITY;
    StringBuilder why = new StringBuilder();
    String first = null;
    for (int a = lo; a <= hi; a++) {
      QuantizedModel m = QuantizedModel.quantize(g, a, a, ranges);
      Accuracy worst = null;
      String problem = null;
      try {
        for (int i = 0; i < inputs.size(); i++) {
          Trace t = m.run(inputs.get(i));
          if (!t.clamped().isEmpty()) {
            problem = "lookup inputs outside their tables at " + t.clamped();
          }
          Accuracy acc = Accuracy.compare(reference.get(i), m.outputs(t));
          worst = worst == null ? acc : new Accuracy(Math.max(worst.maxAbsErr(), acc.maxAbsErr()),
              Math.max(worst.relErr(), acc.relErr()), worst.argmaxMatch() && acc.argmaxMatch());
        }
      } catch (ArithmeticException e) {
        why.append("scale ").append(a).append(": ").append(e.getMessage()).append("; ");
        first = first == null ? e.getMessage() : first;
        continue;
      }
      boolean ok = problem == null && worst.passes();
      if (ok && worst.relErr() <= Accuracy.TOLERANCE / 2) {
        return new Result(m, worst, true, "scale " + a + " meets the tolerance with margin");
      }
      why.append("scale ").append(a).append(": ")
          .append(problem != null ? problem : "rel_err " + worst.relErr()
              + (worst.argmaxMatch() ? "" : ", argmax differs")).append("; ");
      // Rank: clamping is worst, then a failed criterion, then the error itself.
      double rank = (problem != null ? 4 : 0) + (worst.passes() ? 0 : 2)
          + Math.min(1, Double.isNaN(worst.relErr()) ? 1 : worst.relErr());
      if (rank < bestRank) {
        bestRank = rank;
        best = new Result(m, worst, ok, ok ? "scale " + a + " meets the tolerance" : null);
      }
    }
    if (best == null) {
      // One line: the overflow at the coarsest scale tried (finer ones only add bits), which
      // names the node.
      throw new ModelException("no scale keeps activations in bounds (tried 2^-" + lo
          + (hi > lo ? " .. 2^-" + hi : "") + "); at 2^-" + lo + ": " + first);
    }
    if (best.satisfied()) {
      return best;
    }
    return new Result(best.model(), best.accuracy(), false,
        "no scale satisfies both accuracy and table domains: " + why);
  }
}
