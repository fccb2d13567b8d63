package org.besuzkml.proof.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.besuzkml.model.Accuracy;
import org.besuzkml.model.Graph;
import org.besuzkml.model.UnsupportedOpException;
import org.besuzkml.onnx.OnnxImporter;
import org.besuzkml.onnx.OpModels;
import org.besuzkml.onnx.OrtReference;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.e2e.LoweredOpsEndToEndTest.Built;
import org.besuzkml.proof.e2e.LoweredOpsEndToEndTest.Case;
import org.besuzkml.proof.gadget.MaxSelect;
import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.verify.VerifyResult;
import org.besuzkml.proof.witness.Witness;
import org.besuzkml.proof.witness.WitnessBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TopK, Resize linear, Einsum of three or more operands and NonZero of a constant, each in a small
 * model: the fixed-point outputs meet the accuracy rule against ONNX Runtime (exactly equal on
 * ties for TopK), the honest proof verifies and states the engine's outputs, and a change to any
 * output is rejected; TopK's selector on another tied element is rejected too.
 */
class TransformerOpsEndToEndTest {
  static OpModels n(String op) {
    return OpModels.node(op);
  }

  /** Rows of (2, 3, 4) with repeated maxima and minima in each group. */
  private static final double[] TIES = {1, 3, 3, 2, -1, -1, 0.5, 0.5, 2, 0, 2, -2, 0.5, 0.5, 0.5,
      0.5, 1, -2, 1, -2, 3, 3, -1, -1};

  static Stream<Case> cases() {
    return Stream.of(
        new Case("TopK largest ties", n("TopK").opset(11).input(2, 3, 4)
            .longConst(new int[] {1}, 2).outputs(2), TIES),
        new Case("TopK smallest ties middle axis", n("TopK").opset(11).input(2, 3, 4)
            .longConst(new int[] {1}, 3).attr("axis", 1L).attr("largest", 0L).outputs(2), TIES),
        new Case("TopK whole row", n("TopK").opset(11).input(2, 3, 4)
            .longConst(new int[] {1}, 4).outputs(2), TIES),
        new Case("TopK random long axis", n("TopK").opset(11).input(2, 40)
            .longConst(new int[] {1}, 5).outputs(2), null),
        new Case("Resize linear half_pixel", n("Resize").opset(13).input(1, 2, 3, 4).none()
            .floatConst(new int[] {4}, new float[] {1, 1, 2, 2}).attr("mode", "linear"), null),
        new Case("Resize linear align_corners", n("Resize").opset(13).input(1, 1, 3, 3).none()
            .none().longConst(new int[] {4}, 1, 1, 5, 4).attr("mode", "linear")
            .attr("coordinate_transformation_mode", "align_corners"), null),
        new Case("Einsum three operands", n("Einsum").opset(12).input(2, 3).input(3, 4)
            .input(4, 5).attr("equation", "ij,jk,kl->il"), null),
        new Case("Einsum weights between activations", n("Einsum").opset(12).input(2, 3, 4)
            .randomConst(41, 4, 5).input(2, 5).attr("equation", "bij,jk,bk->bi"), null),
        new Case("NonZero of a constant mask into Gather", n("Gather").input(2, 6)
            .floatConst(new int[] {6}, new float[] {0, 1, 0, 1, 1, 0}).through("NonZero")
            .attr("axis", 1L), null));
  }

  private static VerifyResult verify(ProvingKey pk, long[][] in, long[][] out, byte[] proof) {
    return Verifier.verify(pk.vk().bytes(), in, out, proof, Verifier.SrsPolicy.ALLOW_DEV);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesOrtProvesAndRejectsAChangedOutput(Case k) throws Exception {
    Built b = LoweredOpsEndToEndTest.build(k);
    double[][] ort = OrtReference.run(k.model().build(), b.graph(), b.in());
    double[][] fixed = b.q().outputs(b.trace());
    Accuracy acc = Accuracy.compare(ort, fixed);
    assertTrue(acc.passes(), k + ": " + acc);
    if (k.special() != null) {
      for (int o = 0; o < ort.length; o++) {
        assertArrayEquals(ort[o], fixed[o], 0, k + ": exact on ties, output " + o);
      }
    }
    ProvingKey pk = Setup.run(b.cm(), DevSrs.create(Setup.binVars(b.cm()), 0));
    Prover.Proof p = Prover.prove(pk, WitnessBuilder.build(b.cm(), b.trace()), true);
    VerifyResult r = verify(pk, p.inputs(), p.outputs(), p.bytes());
    assertTrue(r.valid(), k + ": " + r);
    for (int o = 0; o < p.outputs().length; o++) {
      assertArrayEquals(b.trace().get(b.graph().outputs().get(o).name()).data(), p.outputs()[o]);
      long[][] out = new long[p.outputs().length][];
      for (int i = 0; i < out.length; i++) {
        out[i] = p.outputs()[i].clone();
      }
      out[o][out[o].length / 2] += 1;
      assertFalse(verify(pk, p.inputs(), out, p.bytes()).valid(), k + ": changed output " + o);
    }
  }

  /** The same circuits under the zk protocol (version 2, all-public keys): honest verifies, a changed output does not. */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"TopK smallest ties middle axis",
      "Resize linear align_corners", "Einsum weights between activations"})
  void zkProvesAndRejectsAChangedOutput(String name) throws Exception {
    Case k = cases().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    Built b = LoweredOpsEndToEndTest.build(k);
    ProvingKey pk = Setup.runZk(b.cm(), DevSrs.create(Setup.binVars(b.cm()), 0));
    Prover.Proof p = org.besuzkml.proof.ZkProver.prove(pk, WitnessBuilder.build(b.cm(), b.trace()),
        true, org.besuzkml.zk.SeededRandomness.of(1));
    VerifyResult r = verify(pk, p.inputs(), p.outputs(), p.bytes());
    assertTrue(r.valid(), k + ": " + r);
    long[][] out = new long[p.outputs().length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = p.outputs()[i].clone();
    }
    out[out.length - 1][0] -= 1;
    assertFalse(verify(pk, p.inputs(), out, p.bytes()).valid(), k + ": changed output");
  }

  /**
   * TopK's first round picks position 2 of the row {1, 3, 3, 2} instead of 1 (both maximal): the
   * stated indices become {2, 3} instead of ONNX's {1, 2}; the gap check rejects the selector
   * (the tie-broken keys are distinct), so the proved order does not depend on the prover.
   */
  @Test
  void topKOtherTiedIndexRejected() throws Exception {
    Case k = cases().filter(x -> x.name().equals("TopK largest ties")).findFirst().orElseThrow();
    Built b = LoweredOpsEndToEndTest.build(k);
    long[] honest = b.trace().get(b.graph().outputs().get(1).name()).data();
    assertEquals(1, honest[0]);
    assertEquals(2, honest[1]);
    int at = -1;
    int sigma = -1;
    for (int i = 0; i < b.cm().circuit().gadgets().size() && at < 0; i++) {
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
    long[] cheat = w.get(b.cm().circuit().outputs()[1]);
    assertEquals(2, cheat[0], "the cheat changes the stated indices");
    // its gap at position 1 is -1, so the next round drops position 1 as well and picks 3
    assertEquals(3, cheat[1]);
    ProvingKey pk = Setup.run(b.cm(), DevSrs.create(Setup.binVars(b.cm()), 0));
    Prover.Proof p = Prover.prove(pk, w, false);
    assertFalse(verify(pk, p.inputs(), p.outputs(), p.bytes()).valid(), "another tied index");
  }

  /**
   * A prover that keeps round 0's pick in play (the comparison bit [D - 1 >= 0] set to 1 where
   * D = 0) states position 1 twice, {1, 1} instead of {1, 2}; the bit's Decomp check rejects it.
   */
  @Test
  void topKPickKeptInPlayRejected() throws Exception {
    Case k = cases().filter(x -> x.name().equals("TopK largest ties")).findFirst().orElseThrow();
    Built b = LoweredOpsEndToEndTest.build(k);
    int at = -1;
    int sign = -1;
    for (int i = 0; i < b.cm().circuit().gadgets().size(); i++) {
      if (b.cm().circuit().gadgets().get(i) instanceof org.besuzkml.proof.gadget.Decomp d
          && d.sign() >= 0
          && b.cm().circuit().tensor(d.sign()).name().endsWith("round0/gap_minus_1/sign")) {
        at = i;
        sign = d.sign();
      }
    }
    assertTrue(at >= 0);
    int gi = at;
    int sg = sign;
    Witness w = WitnessBuilder.build(b.cm(), b.trace(), (i, g, wit) -> {
      if (i == gi) {
        assertEquals(0, wit.get(sg)[1], "the pick is the only tap at D = 0");
        wit.get(sg)[1] = 1;
      }
    });
    long[] cheat = w.get(b.cm().circuit().outputs()[1]);
    assertEquals(1, cheat[0]);
    assertEquals(1, cheat[1], "the cheat picks position 1 again");
    ProvingKey pk = Setup.run(b.cm(), DevSrs.create(Setup.binVars(b.cm()), 0));
    Prover.Proof p = Prover.prove(pk, w, false);
    assertFalse(verify(pk, p.inputs(), p.outputs(), p.bytes()).valid(), "a pick kept in play");
  }

  /** NonZero of a computed tensor: refused at import in one line naming the node. */
  @Test
  void nonZeroOfDataRefused() {
    UnsupportedOpException e = assertThrows(UnsupportedOpException.class,
        () -> OnnxImporter.read(n("NonZero").input(2, 3).build()));
    assertTrue(e.getMessage().contains(
        "not implemented in proof v1: NonZero of a data-dependent tensor (node n0)")
        && !e.getMessage().contains("\n"), e.getMessage());
  }

  /** NonZero and the Transpose after it fold away: only the Gather (constant indices) is left. */
  @Test
  void nonZeroOfConstantFoldsDownstream() throws Exception {
    Graph g = OnnxImporter.read(n("Gather").input(3, 4)
        .floatConst(new int[] {2, 2}, new float[] {1, 0, 0, 2}).through("NonZero")
        .through("Transpose").attr("axis", 1L).build());
    assertEquals(List.of("Gather"), g.nodes().stream().map(x -> x.opType()).toList());
    // NonZero gives {{0, 1}, {0, 1}}; transposed the same: rows {0, 0} and {1, 1}
    assertArrayEquals(new int[] {3, 2, 2}, g.outputs().get(0).shape());
  }

  /** The chain order is greedy: the pair with the smallest result first. */
  @Test
  void einsumChainOrder() throws Exception {
    Graph g = OnnxImporter.read(n("Einsum").opset(12).input(2, 3).input(3, 4).input(4, 5)
        .attr("equation", "ij,jk,kl->il").build());
    assertEquals(List.of("ij,jk->ik", "kl,ik->il"), g.nodes().stream()
        .map(x -> x.attrs().getString("equation", "")).toList());
  }
}
