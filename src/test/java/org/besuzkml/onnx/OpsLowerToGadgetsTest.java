package org.besuzkml.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.besuzkml.model.Graph;
import org.besuzkml.model.quant.Calibrator;
import org.besuzkml.model.quant.QuantizedModel;
import org.besuzkml.model.quant.Trace;
import org.besuzkml.proof.compile.CompileException;
import org.besuzkml.proof.compile.CompiledModel;
import org.besuzkml.proof.compile.Compiler;
import org.besuzkml.proof.witness.Witness;
import org.besuzkml.proof.witness.WitnessBuilder;
import org.besuzkml.proof.witness.WitnessChecker;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every single-op model of {@link OpsVsOrtTest} either lowers to gadgets whose witness reproduces
 * the engine's trace exactly with every relation holding, or is rejected with a
 * {@link CompileException} naming the node and its op (only for the ops version 1 does not prove).
 */
class OpsLowerToGadgetsTest {
  /** Ops that version 1 rejects at compile time (section 6.15 and docs). */
  static final Set<String> REJECTED = Set.of();

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> cases() {
    return OpsVsOrtTest.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void lowersWithEveryRelationHolding(String name, OpModels m, OpsVsOrtTest.In kind)
      throws Exception {
    byte[] bytes = m.build();
    Graph g = OnnxImporter.read(bytes);
    List<double[]> in = OpsVsOrtTest.inputs(g, kind, name.hashCode());
    QuantizedModel q = Calibrator.calibrate(g, List.of(in), null).model();
    String op = g.nodes().isEmpty() ? "" : g.nodes().get(g.nodes().size() - 1).opType();
    CompiledModel cm;
    try {
      cm = Compiler.compile(q);
    } catch (CompileException e) {
      assertTrue(REJECTED.contains(e.opType()) || e.getMessage().contains("not implemented"),
          name + ": unexpected rejection " + e.getMessage());
      assertTrue(e.getMessage().contains(e.node()) && e.getMessage().contains(e.opType()));
      System.out.println("rejected: " + name + ": " + e.getMessage());
      return;
    }
    Trace t = q.run(in);
    Witness w;
    try {
      w = WitnessBuilder.build(cm, t);
    } catch (IllegalStateException e) {
      throw new AssertionError(name + ": " + e.getMessage(), e);
    }
    assertEquals(List.of(), WitnessChecker.check(cm, w), name);
    for (int i = 0; i < cm.circuit().outputs().length; i++) {
      assertEquals(Arrays.toString(t.get(g.outputs().get(i).name()).data()),
          Arrays.toString(w.get(cm.circuit().outputs()[i])), name + " (" + op + ")");
    }
  }
}
