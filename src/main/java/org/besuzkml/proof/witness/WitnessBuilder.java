package org.besuzkml.proof.witness;

import java.util.Arrays;
import java.util.Map;
import org.besuzkml.model.quant.QTensor;
import org.besuzkml.model.quant.Trace;
import org.besuzkml.proof.compile.CompiledModel;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.Gadget;
import org.besuzkml.proof.gadget.TableInfo;

/**
 * Builds the witness of a compiled model from the engine's trace: public inputs from the trace,
 * constants from the compiled model, every other tensor by evaluating the gadgets in order
 * ({@link GadgetEvaluator}). Without a tamper hook, every tensor that the engine also records is
 * compared with the trace, so a lowering that differs from the engine fails here, naming the
 * tensor.
 */
public final class WitnessBuilder {
  private WitnessBuilder() {}

  /**
   * Test hook run after each gadget's evaluation: it may edit that gadget's outputs (or anything
   * already computed); later gadgets are evaluated from the edited values, so a tamper breaks only
   * the relations that read the edit as a committed/defined value, as a cheating prover would.
   */
  @FunctionalInterface
  public interface Tamper {
    /** Called with gadgetIndex -1 and g null once the inputs and constants are set. */
    void after(int gadgetIndex, Gadget g, Witness w);
  }

  public static Witness build(CompiledModel m, Trace trace) {
    return build(m, trace, null);
  }

  public static Witness build(CompiledModel m, Trace trace, Tamper tamper) {
    Circuit c = m.circuit();
    Witness w = new Witness(c);
    var inputs = m.model().graph().inputs();
    for (int i = 0; i < c.inputs().length; i++) {
      w.set(c.inputs()[i], trace.get(inputs.get(i).name()).data().clone());
    }
    for (Map.Entry<Integer, long[]> e : m.constants().entrySet()) {
      w.set(e.getKey(), e.getValue().clone());
    }
    long[][] tables = tableValues(m);
    if (tamper != null) {
      tamper.after(-1, null, w);
    }
    for (int i = 0; i < c.gadgets().size(); i++) {
      Gadget g = c.gadgets().get(i);
      try {
        GadgetEvaluator.evaluate(g, w, c, tables);
      } catch (ArithmeticException e) {
        throw new ArithmeticException("gadget " + i + " (" + g.kind() + ", output "
            + c.tensor(g.outputs()[0]).name() + "): " + e.getMessage());
      }
      if (tamper != null) {
        tamper.after(i, g, w);
      }
    }
    if (tamper == null) {
      for (Map.Entry<Integer, String> e : m.traceNames().entrySet()) {
        QTensor t = trace.get(e.getValue());
        if (t == null || !w.has(e.getKey())) {
          continue;
        }
        if (!Arrays.equals(t.data(), w.get(e.getKey()))) {
          throw new IllegalStateException("lowering differs from the engine at "
              + e.getValue() + " (tensor " + c.tensor(e.getKey()).name() + ")");
        }
      }
    }
    return w;
  }

  /** Values of each function table (the committed F_out columns). */
  static long[][] tableValues(CompiledModel m) {
    long[][] t = new long[m.circuit().tables().size()][];
    for (int i = 0; i < t.length; i++) {
      TableInfo info = m.circuit().tables().get(i);
      t[i] = m.constants().get(info.values());
    }
    return t;
  }
}
