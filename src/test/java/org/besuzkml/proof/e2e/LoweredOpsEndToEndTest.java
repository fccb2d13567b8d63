package org.besuzkml.proof.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.besuzkml.model.Accuracy;
import org.besuzkml.model.Graph;
import org.besuzkml.model.Shapes;
import org.besuzkml.model.quant.Calibrator;
import org.besuzkml.model.quant.QuantizedModel;
import org.besuzkml.model.quant.Trace;
import org.besuzkml.onnx.OnnxImporter;
import org.besuzkml.onnx.OpModels;
import org.besuzkml.onnx.OrtReference;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.compile.CompiledModel;
import org.besuzkml.proof.compile.Compiler;
import org.besuzkml.proof.gadget.MaxSelect;
import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.verify.VerifyResult;
import org.besuzkml.proof.witness.Witness;
import org.besuzkml.proof.witness.WitnessBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ops lowered onto existing gadgets (Floor, Ceil, Round, Sign, CumSum, LogSoftmax,
 * ConvTranspose, ArgMax/ArgMin; and ReduceMin, whose MaxSelect reads a Lin output), each as a one-node model on inputs that include the hard cases
 * (Round's halves, ties for ArgMax/ArgMin, zeros for Sign): the fixed-point output meets the
 * accuracy rule against ONNX Runtime (exactly equal where ONNX's output is an integer), the honest
 * proof verifies and states the engine's output, and a changed output is rejected.
 */
class LoweredOpsEndToEndTest {
  record Case(String name, OpModels model, double[] special) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case c(String name, OpModels m) {
    return new Case(name, m, null);
  }

  static OpModels n(String op) {
    return OpModels.node(op);
  }

  /** Halves and quarters: exact in fixed point at any scale >= 2, ties for Round. */
  private static final double[] HALVES = {-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0.25, -0.75, 3.5, 0,
      -3, 2, 1.25, -1.25, 0.75, -3.5, 1, -2, 0.5, 2.5, -0.5, 1.5, 3, -1};

  /** Rows of (2, 3, 4) with repeated maxima and minima in each group. */
  private static final double[] TIES = {1, 3, 3, 2, -1, -1, 0.5, 0.5, 2, 0, 2, -2, 0.5, 0.5, 0.5,
      0.5, 1, -2, 1, -2, 3, 3, -1, -1};

  static Stream<Case> cases() {
    return Stream.of(
        new Case("Floor halves", n("Floor").input(4, 6), HALVES),
        c("Floor random", n("Floor").input(3, 4)),
        new Case("Ceil halves", n("Ceil").input(24), HALVES),
        new Case("Round halves to even", n("Round").input(2, 3, 4), HALVES),
        c("Round random", n("Round").input(3, 5)),
        new Case("Sign with zeros", n("Sign").input(6, 4), HALVES),
        c("CumSum axis 1", n("CumSum").input(3, 4).longConst(new int[0], 1)),
        c("CumSum reverse exclusive middle axis", n("CumSum").input(2, 5, 3)
            .longConst(new int[0], -2).attr("reverse", 1L).attr("exclusive", 1L)),
        c("CumSum long axis in blocks exclusive", n("CumSum").input(2, 100).longConst(new int[0], 1)
            .attr("exclusive", 1L)),
        c("CumSum long middle axis reverse in blocks", n("CumSum").input(2, 70, 3)
            .longConst(new int[0], 1).attr("reverse", 1L)),
        c("LogSoftmax", n("LogSoftmax").opset(13).input(2, 5)),
        c("LogSoftmax axis 1", n("LogSoftmax").opset(13).input(2, 4, 3).attr("axis", 1L)),
        c("ConvTranspose stride pads bias", n("ConvTranspose").input(1, 2, 3, 4)
            .randomConst(25, 2, 3, 3, 3).randomConst(26, 3).attr("strides", 2L, 2L)
            .attr("pads", 1L, 0L, 0L, 1L).attr("output_padding", 1L, 0L)),
        c("ConvTranspose groups dilation", n("ConvTranspose").input(1, 4, 3, 3)
            .randomConst(27, 4, 1, 2, 2).attr("group", 2L).attr("dilations", 2L, 1L)),
        c("ConvTranspose 1d", n("ConvTranspose").input(1, 2, 5).randomConst(28, 2, 2, 3)
            .attr("strides", new long[] {2})),
        new Case("ArgMax ties first", n("ArgMax").input(2, 3, 4).attr("axis", 2L), TIES),
        new Case("ArgMax ties last", n("ArgMax").opset(13).input(2, 3, 4).attr("axis", 1L)
            .attr("select_last_index", 1L), TIES),
        c("ArgMax long axis", n("ArgMax").input(3, 300).attr("axis", 1L)),
        new Case("ArgMin ties keepdims 0", n("ArgMin").input(2, 3, 4).attr("axis", 2L)
            .attr("keepdims", 0L), TIES),
        // MaxSelect over an alias-compatible row layout, and ReduceMin (its u is a Lin output)
        new Case("ArgMax rows alias-compatible", n("ArgMax").input(4, 6).attr("axis", 1L), TIES),
        new Case("ReduceMin ties", n("ReduceMin").input(2, 3, 4).attr("axes", new long[] {2}),
            TIES),
        new Case("ArgMin ties last", n("ArgMin").opset(13).input(2, 3, 4).attr("axis", 0L)
            .attr("select_last_index", 1L), TIES));
  }

  static List<double[]> inputs(Graph g, Case k) {
    Random r = new Random(k.name().hashCode());
    List<double[]> in = new ArrayList<>();
    for (Graph.Value v : g.inputs()) {
      double[] x = new double[Shapes.size(v.shape())];
      for (int i = 0; i < x.length; i++) {
        x[i] = k.special() != null ? k.special()[i % k.special().length] : r.nextGaussian();
      }
      in.add(x);
    }
    return in;
  }

  /** A compiled case with its honest trace. */
  record Built(Graph graph, List<double[]> in, QuantizedModel q, CompiledModel cm, Trace trace) {}

  static Built build(Case k) throws Exception {
    Graph g = OnnxImporter.read(k.model().build());
    List<double[]> in = inputs(g, k);
    QuantizedModel q = Calibrator.calibrate(g, List.of(in), null).model();
    return new Built(g, in, q, Compiler.compile(q), q.run(in));
  }

  private static VerifyResult verify(ProvingKey pk, long[][] in, long[][] out, byte[] proof) {
    return Verifier.verify(pk.vk().bytes(), in, out, proof, Verifier.SrsPolicy.ALLOW_DEV);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesOrtProvesAndRejectsAChangedOutput(Case k) throws Exception {
    Built b = build(k);
    double[][] ort = OrtReference.run(k.model().build(), b.graph(), b.in());
    double[][] fixed = b.q().outputs(b.trace());
    Accuracy acc = Accuracy.compare(ort, fixed);
    assertTrue(acc.passes(), k + ": " + acc);
    String op = b.graph().nodes().get(0).opType();
    if (k.special() != null) {
      // inputs exact in fixed point: integer-valued ops must agree with ORT exactly
      assertArrayEquals(ort[0], fixed[0], 0, k + ": exact on halves and ties");
    }
    ProvingKey pk = Setup.run(b.cm(), DevSrs.create(Setup.binVars(b.cm()), 0));
    Prover.Proof p = Prover.prove(pk, WitnessBuilder.build(b.cm(), b.trace()), true);
    VerifyResult r = verify(pk, p.inputs(), p.outputs(), p.bytes());
    assertTrue(r.valid(), k + ": " + r);
    assertArrayEquals(b.trace().get(b.graph().outputs().get(0).name()).data(), p.outputs()[0]);
    long[][] out = new long[p.outputs().length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = p.outputs()[i].clone();
    }
    out[0][out[0].length / 2] += 1;
    assertFalse(verify(pk, p.inputs(), out, p.bytes()).valid(), k + " (" + op + "): changed output");
  }

  /**
   * A prover whose selector picks another of the tied maxima (position 2 of the row {1, 3, 3, 2}
   * instead of 1) states a different index; the gap check rejects it (the tie-broken keys are
   * distinct, so only one tap is the maximum), so the proved index does not depend on the
   * prover's choice among ties.
   */
  @Test
  void argMaxOtherTiedIndexRejected() throws Exception {
    Case k = cases().filter(x -> x.name().equals("ArgMax ties first")).findFirst().orElseThrow();
    Built b = build(k);
    long[] honest = b.trace().get(b.graph().outputs().get(0).name()).data();
    assertEquals(1, honest[0], "row {1, 3, 3, 2}: first maximum at 1");
    int at = -1;
    int sigma = -1;
    for (int i = 0; i < b.cm().circuit().gadgets().size(); i++) {
      if (b.cm().circuit().gadgets().get(i) instanceof MaxSelect ms) {
        at = i;
        sigma = ms.sigma();
      }
    }
    assertTrue(at >= 0);
    int gi = at;
    int sg = sigma;
    Witness w = WitnessBuilder.build(b.cm(), b.trace(), (i, g, wit) -> {
      if (i == gi) {
        assertEquals(1, wit.get(sg)[1], "the honest selector is unique on ties");
        wit.get(sg)[1] = 0;
        wit.get(sg)[2] = 1;
      }
    });
    int outId = b.cm().circuit().outputs()[0];
    assertEquals(2, w.get(outId)[0], "the cheat changes the stated index");
    ProvingKey pk = Setup.run(b.cm(), DevSrs.create(Setup.binVars(b.cm()), 0));
    Prover.Proof p = Prover.prove(pk, w, false);
    VerifyResult r = verify(pk, p.inputs(), p.outputs(), p.bytes());
    assertFalse(r.valid(), "another tied index accepted");
  }

  /**
   * Round half up instead of half to even at a tie: the prover sets the comparison bit
   * [t > 2^(s-1)] at an input of exactly 0.5 (honest result 0); the sign's Decomp check rejects.
   */
  @Test
  void roundHalfUpAtATieRejected() throws Exception {
    Case k = cases().filter(x -> x.name().equals("Round halves to even")).findFirst()
        .orElseThrow();
    Built b = build(k);
    int pos = 3;
    assertEquals(0.5, b.in().get(0)[pos]);
    assertEquals(0, b.trace().get(b.graph().outputs().get(0).name()).data()[pos]);
    int at = -1;
    int sign = -1;
    for (int i = 0; i < b.cm().circuit().gadgets().size(); i++) {
      if (b.cm().circuit().gadgets().get(i) instanceof org.besuzkml.proof.gadget.Decomp d
          && d.sign() >= 0 && b.cm().circuit().tensor(d.sign()).name().endsWith("/above_half/sign")) {
        at = i;
        sign = d.sign();
      }
    }
    assertTrue(at >= 0);
    int gi = at;
    int s = sign;
    Witness w = WitnessBuilder.build(b.cm(), b.trace(), (i, g, wit) -> {
      if (i == gi) {
        wit.get(s)[pos] = 1;
      }
    });
    int outId = b.cm().circuit().outputs()[0];
    assertTrue(w.get(outId)[pos] > 0, "the cheat rounds 0.5 up");
    ProvingKey pk = Setup.run(b.cm(), DevSrs.create(Setup.binVars(b.cm()), 0));
    Prover.Proof p = Prover.prove(pk, w, false);
    assertFalse(verify(pk, p.inputs(), p.outputs(), p.bytes()).valid(), "half up accepted");
  }

  /** Refused combinations name the node and the op in one line. */
  @Test
  void refusalsNameNodeAndOp() throws Exception {
    Case[] refused = {
      c("ConvTranspose batch 2", n("ConvTranspose").input(2, 1, 3, 3).randomConst(40, 1, 1, 2, 2)),
      c("LogSoftmax group of one", n("LogSoftmax").opset(13).input(3, 1).attr("axis", 1L))
    };
    for (Case k : refused) {
      Graph g = OnnxImporter.read(k.model().build());
      QuantizedModel q = Calibrator.calibrate(g, List.of(inputs(g, k)), null).model();
      org.besuzkml.proof.compile.CompileException e = org.junit.jupiter.api.Assertions.assertThrows(
          org.besuzkml.proof.compile.CompileException.class, () -> Compiler.compile(q), k.name());
      String op = g.nodes().get(0).opType();
      assertTrue(e.getMessage().contains(e.node()) && e.getMessage().contains("(" + op + ")")
          && !e.getMessage().contains("\n"), e.getMessage());
      System.out.println(k.name() + ": " + e.getMessage());
    }
  }

  /**
   * Floor, Ceil and Round at activation scales 1 to 16 (the constants of the lowering depend on
   * the scale): every relation holds, the witness equals the engine, and the engine's integers are
   * Math.floor, Math.ceil and Math.rint (half to even) of the fixed-point input, halves included.
   */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"Floor", "Ceil", "Round"})
  void roundingExactAtEveryScale(String op) throws Exception {
    Random rnd = new Random(op.hashCode());
    double[] x = new double[48];
    for (int i = 0; i < x.length; i++) {
      x[i] = i < HALVES.length ? HALVES[i] : 4 * rnd.nextGaussian();
    }
    Graph g = OnnxImporter.read(n(op).input(48).build());
    java.util.Set<Integer> seen = new java.util.TreeSet<>();
    for (int scale : new int[] {1, 2, 3, 5, 8, 12, 16}) {
      QuantizedModel q = Calibrator.calibrate(g, List.of(List.of(x)), scale).model();
      CompiledModel cm = Compiler.compile(q);
      Trace t = q.run(List.of(x));
      Witness w = WitnessBuilder.build(cm, t);
      assertEquals(List.of(), org.besuzkml.proof.witness.WitnessChecker.check(cm, w), op + scale);
      long[] in = t.get(g.inputs().get(0).name()).data();
      long[] out = w.get(cm.circuit().outputs()[0]);
      int s = q.scales().get(g.inputs().get(0).name());
      assertEquals(s, q.scales().get(g.outputs().get(0).name()));
      seen.add(s);
      for (int i = 0; i < in.length; i++) {
        double v = Math.scalb((double) in[i], -s);
        double want = switch (op) {
          case "Floor" -> Math.floor(v);
          case "Ceil" -> Math.ceil(v);
          default -> Math.rint(v);
        };
        assertEquals(want, Math.scalb((double) out[i], -s), 0, op + " at scale " + s + " of " + v);
      }
    }
    assertEquals(7, seen.size(), "input scales " + seen);
  }
}
