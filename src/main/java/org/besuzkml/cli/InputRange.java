package org.besuzkml.cli;

import java.util.List;
import org.besuzkml.model.Graph;
import org.besuzkml.model.ModelException;
import org.besuzkml.model.quant.FixedPoint;
import org.besuzkml.model.quant.QuantizedModel;

/**
 * Inputs beyond the fixed-point range of their scale would be saturated to +-(2^31-1)/2^s by the
 * engine, and the proof would then be about another input than the one given: refused unless the
 * user passes {@code --clamp-inputs}, which clamps with a warning. (NaN and infinities are refused
 * by the input parser in any case.)
 */
final class InputRange {
  private InputRange() {}

  static final String FLAG = "--clamp-inputs";

  static void check(QuantizedModel qm, List<double[]> inputs, boolean clamp) throws ModelException {
    Graph g = qm.graph();
    long clamped = 0;
    String firstClamped = null;
    for (int k = 0; k < inputs.size(); k++) {
      String name = g.inputs().get(k).name();
      int s = qm.scales().get(name);
      double[] in = inputs.get(k);
      for (int i = 0; i < in.length; i++) {
        double x = Math.floor(Math.scalb(in[i], s) + 0.5);
        if (x <= FixedPoint.MAX_ACT && x >= -FixedPoint.MAX_ACT) {
          continue;
        }
        String what = "input '" + name + "' index " + i + " is " + in[i] + ", outside the fixed-point range +-"
            + Math.scalb((double) FixedPoint.MAX_ACT, -s) + " ((2^31-1)/2^" + s + ")";
        if (!clamp) {
          throw new ModelException(what + "; pass " + FLAG + " to clamp it");
        }
        clamped++;
        firstClamped = firstClamped == null ? what : firstClamped;
      }
    }
    if (clamped > 0) {
      System.err.println("warning: " + FLAG + ": " + clamped + " input value(s) clamped; the first: "
          + firstClamped);
    }
  }
}
