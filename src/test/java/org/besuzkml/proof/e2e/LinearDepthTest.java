package org.besuzkml.proof.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.besuzkml.field.Fr;
import org.besuzkml.onnx.proto.Onnx.GraphProto;
import org.besuzkml.onnx.proto.Onnx.ModelProto;
import org.besuzkml.onnx.proto.Onnx.NodeProto;
import org.besuzkml.onnx.proto.Onnx.OperatorSetIdProto;
import org.besuzkml.onnx.proto.Onnx.TensorShapeProto;
import org.besuzkml.onnx.proto.Onnx.TypeProto;
import org.besuzkml.onnx.proto.Onnx.ValueInfoProto;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.verify.VerifierCost;
import org.besuzkml.proof.verify.VerifyResult;
import org.besuzkml.proof.witness.CorpusModels;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Issue 7: verification is linear in depth. A chain of n Relu nodes on 4 values and one of 4n:
 * the counted field multiplications (and the vk's cost bound) grow about 4x, not 16x. Counts,
 * not wall time, so the test cannot flake on a loaded machine; the times are printed.
 */
class LinearDepthTest {
  static final int N = 250;

  /** An ONNX model of n Relu nodes in a row on a (1, 4) input. */
  static byte[] reluChain(int n) {
    GraphProto.Builder g = GraphProto.newBuilder().setName("chain");
    String prev = "x";
    for (int i = 0; i < n; i++) {
      String out = i == n - 1 ? "y" : "t" + i;
      g.addNode(NodeProto.newBuilder().setOpType("Relu").setName("r" + i).addInput(prev)
          .addOutput(out));
      prev = out;
    }
    TensorShapeProto.Builder s = TensorShapeProto.newBuilder()
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1))
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(4));
    g.addInput(ValueInfoProto.newBuilder().setName("x").setType(TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(s))));
    g.addOutput(ValueInfoProto.newBuilder().setName("y"));
    return ModelProto.newBuilder().setIrVersion(8)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
        .setGraph(g).build().toByteArray();
  }

  record Run(long muls, long bound, double ms) {}

  static Run run(int n) throws Exception {
    CorpusModels.Loaded l = CorpusModels.fromBytes("relu_chain_" + n, reluChain(n));
    ProvingKey pk = Setup.run(l.compiled(), DevSrs.create(Setup.binVars(l.compiled()), 0));
    Prover.Proof p = Prover.prove(pk, l.honest(), true);
    Verifier.verify(pk.vk(), p.inputs(), p.outputs(), p.bytes(), Verifier.SrsPolicy.ALLOW_DEV);
    Fr.resetMulCount();
    long t0 = System.nanoTime();
    VerifyResult r = Verifier.verify(pk.vk(), p.inputs(), p.outputs(), p.bytes(),
        Verifier.SrsPolicy.ALLOW_DEV);
    long t1 = System.nanoTime();
    assertTrue(r.valid(), "chain of " + n + ": " + r);
    return new Run(Fr.mulCount(), VerifierCost.of(pk.vk()).fieldMuls(), (t1 - t0) / 1e6);
  }

  @Test
  void verifierWorkIsLinearInDepth() throws Exception {
    Run a = run(N);
    Run b = run(4 * N);
    System.out.printf("DEPTH n=%d: %d muls (bound %d), %.1f ms; n=%d: %d muls (bound %d), %.1f ms%n",
        N, a.muls(), a.bound(), a.ms(), 4 * N, b.muls(), b.bound(), b.ms());
    // the bound is a function of the vk: 4x the gadgets, about 4x the bound
    assertTrue(b.bound() <= 5 * a.bound(), "bound grows faster than linearly");
    Assumptions.assumeTrue(Fr.COUNTING, "field counting is off");
    assertTrue(b.muls() <= 5 * a.muls(), "work grows faster than linearly: " + a + " -> " + b);
    assertTrue(b.muls() >= 3 * a.muls(), "the chain did not get deeper: " + a + " -> " + b);
  }
}
