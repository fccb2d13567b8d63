package org.besuzkml.proof.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.besuzkml.model.Accuracy;
import org.besuzkml.model.Graph;
import org.besuzkml.model.Node;
import org.besuzkml.model.quant.Calibrator;
import org.besuzkml.model.quant.QuantizedModel;
import org.besuzkml.model.quant.Trace;
import org.besuzkml.onnx.GptModel;
import org.besuzkml.onnx.InputFile;
import org.besuzkml.onnx.OnnxImporter;
import org.besuzkml.onnx.OrtReference;
import org.besuzkml.onnx.SyntheticModels;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.ZkProver;
import org.besuzkml.proof.compile.CompiledModel;
import org.besuzkml.proof.compile.Compiler;
import org.besuzkml.proof.verify.Statement;
import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.verify.VerifyResult;
import org.besuzkml.proof.witness.Witness;
import org.besuzkml.proof.witness.WitnessBuilder;
import org.besuzkml.proof.witness.WitnessChecker;
import org.besuzkml.zk.SeededRandomness;
import org.junit.jupiter.api.Test;

/**
 * The GPT-style test model ({@link GptModel#small()}: token ids, embedding Gather, positional Add,
 * causal two-head attention, LayerNorm, GELU MLP, head): the fixed-point logits meet the accuracy
 * rule against ONNX Runtime with the argmax equal at every position, the model proves and
 * verifies end to end, and a changed logit, a changed token id or another prover's output is
 * rejected.
 */
class GptEndToEndTest {
  private static VerifyResult verify(ProvingKey pk, long[][] in, long[][] out, byte[] proof) {
    return Verifier.verify(pk.vk().bytes(), in, out, proof, Verifier.SrsPolicy.ALLOW_DEV);
  }

  @Test
  void matchesOrtProvesVerifiesAndRejectsChanges() throws Exception {
    SyntheticModels.Model m = GptModel.small();
    Graph g = OnnxImporter.read(m.onnx());
    Set<String> ops = new TreeSet<>();
    for (Node n : g.nodes()) {
      ops.add(n.opType());
    }
    System.out.println(m.name() + ": " + m.params() + " parameters, ops after import " + ops);
    assertTrue(ops.contains("Gather") && ops.contains("Softmax") && ops.contains("Where"), ops
        .toString());
    List<double[]> in = InputFile.parse(m.inputJson(), g);
    double[][] ort = OrtReference.run(m.onnx(), g, in);
    QuantizedModel q = Calibrator.calibrate(g, List.of(in), null).model();
    Trace trace = q.run(in);
    double[][] fixed = q.outputs(trace);
    Accuracy acc = Accuracy.compare(ort, fixed);
    System.out.println("accuracy against ONNX Runtime: " + acc);
    assertTrue(acc.passes(), acc.toString());
    int t = 8;
    int v = 32;
    assertEquals(t * v, ort[0].length);
    for (int p = 0; p < t; p++) {
      double[] r = Arrays.copyOfRange(ort[0], p * v, (p + 1) * v);
      double[] f = Arrays.copyOfRange(fixed[0], p * v, (p + 1) * v);
      assertEquals(Accuracy.argmax(r), Accuracy.argmax(f), "argmax at position " + p);
    }
    CompiledModel cm = Compiler.compile(q);
    Witness w = WitnessBuilder.build(cm, trace);
    assertEquals(List.of(), WitnessChecker.check(cm, w));
    ProvingKey pk = Setup.run(cm, DevSrs.create(Setup.binVars(cm), 0));
    Prover.Proof p = Prover.prove(pk, w, true);
    VerifyResult r = verify(pk, p.inputs(), p.outputs(), p.bytes());
    assertTrue(r.valid(), r.toString());
    assertArrayEquals(trace.get(g.outputs().get(0).name()).data(), p.outputs()[0]);
    System.out.println("proof " + p.bytes().length + " bytes, vk " + pk.vk().bytes().length
        + " bytes, " + cm.circuit().gadgets().size() + " gadgets");
    long[][] out = {p.outputs()[0].clone()};
    out[0][5] -= 1;
    assertFalse(verify(pk, p.inputs(), out, p.bytes()).valid(), "changed logit accepted");
    long[][] ids = {p.inputs()[0].clone()};
    ids[0][3] = (ids[0][3] + 1) % v;
    assertFalse(verify(pk, ids, p.outputs(), p.bytes()).valid(), "changed token id accepted");
    // the honest proof of other ids does not verify this statement
    List<double[]> in2 = List.of(in.get(0).clone());
    in2.get(0)[0] = (in2.get(0)[0] + 7) % v;
    Prover.Proof p2 = Prover.prove(pk, WitnessBuilder.build(cm, q.run(in2)), true);
    assertTrue(verify(pk, p2.inputs(), p2.outputs(), p2.bytes()).valid());
    assertFalse(verify(pk, p.inputs(), p.outputs(), p2.bytes()).valid(), "another proof accepted");
  }

  /**
   * A version-2 key with the token ids private (a private prompt): the ids are committed and
   * limb-backed, the Gather's sign comes from their Decomp define; the proof verifies for its
   * logits only.
   */
  @Test
  void privatePromptUnderAZkKey() throws Exception {
    SyntheticModels.Model m = GptModel.small();
    Graph g = OnnxImporter.read(m.onnx());
    List<double[]> in = InputFile.parse(m.inputJson(), g);
    QuantizedModel q = Calibrator.calibrate(g, List.of(in), null).model();
    CompiledModel cm = Setup.withPrivateInputs(Compiler.compile(q), new boolean[] {true});
    ProvingKey pk = Setup.runZk(cm, DevSrs.create(Setup.binVars(cm), 0));
    Prover.Proof p = ZkProver.prove(pk, WitnessBuilder.build(cm, q.run(in)), true,
        SeededRandomness.of(1));
    assertNull(p.inputs()[0], "the prompt is not stated");
    VerifyResult r = Verifier.verify(pk.vk(), p.statement(), p.bytes(), Verifier.SrsPolicy.ALLOW_DEV);
    assertTrue(r.valid(), r.reason());
    long[][] out = {p.outputs()[0].clone()};
    out[0][0] += 1;
    assertFalse(Verifier.verify(pk.vk(), Statement.of(p.inputs(), out), p.bytes(),
        Verifier.SrsPolicy.ALLOW_DEV).valid(), "changed logit accepted");
  }
}
