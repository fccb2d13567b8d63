package org.besuzkml.proof.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.besuzkml.model.Accuracy;
import org.besuzkml.model.Graph;
import org.besuzkml.model.quant.Calibrator;
import org.besuzkml.model.quant.QuantizedModel;
import org.besuzkml.model.quant.Trace;
import org.besuzkml.onnx.OnnxImporter;
import org.besuzkml.onnx.OpModels;
import org.besuzkml.onnx.OrtReference;
import org.besuzkml.onnx.proto.Onnx.AttributeProto;
import org.besuzkml.onnx.proto.Onnx.GraphProto;
import org.besuzkml.onnx.proto.Onnx.ModelProto;
import org.besuzkml.onnx.proto.Onnx.NodeProto;
import org.besuzkml.onnx.proto.Onnx.OperatorSetIdProto;
import org.besuzkml.onnx.proto.Onnx.TensorShapeProto;
import org.besuzkml.onnx.proto.Onnx.TypeProto;
import org.besuzkml.onnx.proto.Onnx.ValueInfoProto;
import org.besuzkml.onnx.TensorCodec;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.Adversary;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.compile.CompileException;
import org.besuzkml.proof.compile.CompiledModel;
import org.besuzkml.proof.compile.Compiler;
import org.besuzkml.proof.gadget.Decomp;
import org.besuzkml.proof.gadget.Lookup;
import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.verify.VerifyResult;
import org.besuzkml.proof.witness.Witness;
import org.besuzkml.proof.witness.WitnessBuilder;
import org.besuzkml.proof.witness.WitnessChecker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gather with data-dependent indices (6.15c): a lookup of {@code (row index, value)} into the
 * flattened data as a function table. Honest proofs verify and match ONNX Runtime, negative ids
 * count from the end, ids may be a graph input or computed (ArgMax); a prover that states another row's values, an id out of range (as if the
 * engine had clamped it) or a wrong sign bit (to move an id by the vocabulary size) is rejected.
 */
class GatherEndToEndTest {
  record Case(String name, OpModels model, double[] ids) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        // 5 x 4 = 20 entries: the table is padded to 32 rows with its last value
        new Case("embedding rows, negative ids", OpModels.node("Gather").randomConst(41, 5, 4)
            .intInput(2, 3), new double[] {0, 4, -1, 2, -5, 1}),
        // 8 x 4 = 32 entries: no padding rows
        new Case("power-of-two table", OpModels.node("Gather").randomConst(42, 8, 4)
            .intInput(5), new double[] {7, 0, 3, 3, -8}),
        new Case("axis 1", OpModels.node("Gather").randomConst(43, 2, 3, 4).intInput(4)
            .attr("axis", 1L), new double[] {2, -3, 1, 0}),
        new Case("last axis, 2-d ids", OpModels.node("Gather").randomConst(44, 3, 6)
            .intInput(2, 2).attr("axis", 1L), new double[] {5, -6, 0, 3}));
  }

  record Built(Graph graph, List<double[]> in, QuantizedModel q, CompiledModel cm, Trace trace,
      ProvingKey pk) {}

  static Built build(Case k) throws Exception {
    Graph g = OnnxImporter.read(k.model().build());
    List<double[]> in = List.of(k.ids());
    QuantizedModel q = Calibrator.calibrate(g, List.of(in), null).model();
    CompiledModel cm = Compiler.compile(q);
    return new Built(g, in, q, cm, q.run(in),
        Setup.run(cm, DevSrs.create(Setup.binVars(cm), 0)));
  }

  private static VerifyResult verify(ProvingKey pk, long[][] in, long[][] out, byte[] proof) {
    return Verifier.verify(pk.vk().bytes(), in, out, proof, Verifier.SrsPolicy.ALLOW_DEV);
  }

  private static VerifyResult proveAndVerify(Built b, Witness w) {
    Prover.Proof p = Prover.prove(b.pk(), w, false);
    return verify(b.pk(), p.inputs(), p.outputs(), p.bytes());
  }

  private static int gadget(CompiledModel cm, Class<?> kind) {
    for (int i = 0; i < cm.circuit().gadgets().size(); i++) {
      if (kind.isInstance(cm.circuit().gadgets().get(i))) {
        return i;
      }
    }
    throw new AssertionError("no " + kind.getSimpleName());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesOrtProvesAndRejectsAChangedOutput(Case k) throws Exception {
    Built b = build(k);
    double[][] ort = OrtReference.run(k.model().build(), b.graph(), b.in());
    double[][] fixed = b.q().outputs(b.trace());
    Accuracy acc = Accuracy.compare(ort, fixed);
    assertTrue(acc.passes(), k + ": " + acc);
    Witness w = WitnessBuilder.build(b.cm(), b.trace());
    assertEquals(List.of(), WitnessChecker.check(b.cm(), w));
    Prover.Proof p = Prover.prove(b.pk(), w, true);
    assertTrue(verify(b.pk(), p.inputs(), p.outputs(), p.bytes()).valid(), k.name());
    assertArrayEquals(b.trace().get(b.graph().outputs().get(0).name()).data(), p.outputs()[0]);
    long[][] out = {p.outputs()[0].clone()};
    out[0][out[0].length - 1] += 1;
    assertFalse(verify(b.pk(), p.inputs(), out, p.bytes()).valid(), k + ": changed output");
    long[][] in = {p.inputs()[0].clone()};
    in[0][0] = in[0][0] == 0 ? 1 : 0;
    assertFalse(verify(b.pk(), in, p.outputs(), p.bytes()).valid(), k + ": changed id");
  }

  /** The prover commits row 1's values where the id says row 0: the lookup rejects. */
  @Test
  void anotherRowsValuesRejected() throws Exception {
    Built b = build(cases().findFirst().orElseThrow());
    assertEquals(0, b.in().get(0)[0]);
    Lookup l = (Lookup) b.cm().circuit().gadgets().get(gadget(b.cm(), Lookup.class));
    long[] table = b.cm().constants().get(b.cm().circuit().tables().get(l.table()).values());
    int gi = gadget(b.cm(), Lookup.class);
    Witness w = WitnessBuilder.build(b.cm(), b.trace(), (i, g, wit) -> {
      if (i == gi) {
        for (int c = 0; c < 4; c++) {
          wit.get(l.y())[c] = table[4 + c];
        }
      }
    });
    assertFalse(WitnessChecker.check(b.cm(), w).isEmpty(), "the cheat breaks the lookup");
    assertFalse(proveAndVerify(b, w).valid(), "another row's values accepted");
  }

  /**
   * Out-of-range ids as public inputs, with the output a clamping engine would give (the table's
   * last row, which the padded table rows also hold): id = V and id = V + 3 fail the {@code k <=
   * V - 1} check; id = -V - 1 has no table row at all. The engine itself refuses them.
   */
  @Test
  void outOfRangeIdsRejected() throws Exception {
    Case k = cases().findFirst().orElseThrow();
    Built b = build(k);
    assertThrows(ArithmeticException.class, () -> b.q().run(List.of(new double[] {5, 0, 0, 0,
        0, 0})), "the engine refuses an id of V");
    int gi = gadget(b.cm(), Lookup.class);
    Lookup l = (Lookup) b.cm().circuit().gadgets().get(gi);
    long[] table = b.cm().constants().get(b.cm().circuit().tables().get(l.table()).values());
    int ids = b.cm().circuit().inputs()[0];
    for (long bad : new long[] {5, 8, -6}) {
      Witness w = WitnessBuilder.build(b.cm(), b.trace(), (i, g, wit) -> {
        if (i == -1) {
          wit.get(ids)[0] = bad;
        } else if (i == gi) {
          long k0 = bad < 0 ? bad + 5 : bad;
          for (int c = 0; c < 4; c++) {
            long at = k0 * 4 + c;
            wit.get(l.y())[c] = at >= 0 && at < table.length ? table[(int) at]
                : table[table.length - 1];
          }
        }
      });
      assertFalse(WitnessChecker.check(b.cm(), w).isEmpty(), "id " + bad);
      assertFalse(proveAndVerify(b, w).valid(), "id " + bad + " accepted");
    }
  }

  /**
   * A wrong sign bit would move the row by V: id 1 with s = 0 reads row 1 + 5 (past the end: the
   * padded table's last value), id -1 with s = 1 reads row -1 (no row). The sign is pinned by the
   * ids' Decomp (its MSB lookup), and each also breaks a range check of the lowering.
   */
  @Test
  void wrongSignBitRejected() throws Exception {
    Built b = build(cases().findFirst().orElseThrow());
    int ids = b.cm().circuit().inputs()[0];
    int sign = -1;
    int si = -1;
    for (int i = 0; i < b.cm().circuit().gadgets().size(); i++) {
      if (b.cm().circuit().gadgets().get(i) instanceof Decomp d && d.x() == ids) {
        sign = d.sign();
        si = i;
      }
    }
    assertTrue(sign >= 0, "a Decomp check of the ids gives their sign");
    int gi = gadget(b.cm(), Lookup.class);
    Lookup l = (Lookup) b.cm().circuit().gadgets().get(gi);
    long[] table = b.cm().constants().get(b.cm().circuit().tables().get(l.table()).values());
    int s = sign;
    int sgi = si;
    for (int pos : new int[] {5, 2}) { // ids[5] = 1, ids[2] = -1
      Witness w = WitnessBuilder.build(b.cm(), b.trace(), (i, g, wit) -> {
        if (i == sgi) {
          wit.get(s)[pos] = 1 - wit.get(s)[pos];
        } else if (i == gi) {
          for (int c = 0; c < 4; c++) {
            wit.get(l.y())[pos * 4 + c] = pos == 5 ? table[table.length - 1] : 0;
          }
        }
      });
      assertFalse(WitnessChecker.check(b.cm(), w).isEmpty(), "position " + pos);
      assertFalse(proveAndVerify(b, w).valid(), "flipped sign at " + pos + " accepted");
    }
  }

  /**
   * A message-level cheat: the adversary's transcript absorbs a statement with id 0 replaced by
   * 5 (the first padded row) and with the outputs a clamping engine would give, over the honest
   * witness; the walk's evaluation of the public ids no longer matches.
   */
  @Test
  void statedOutOfRangeIdRejected() throws Exception {
    Built b = build(cases().findFirst().orElseThrow());
    Witness w = WitnessBuilder.build(b.cm(), b.trace());
    long[][] in = {w.get(b.cm().circuit().inputs()[0]).clone()};
    assertEquals(0, in[0][0]);
    in[0][0] = 5;
    long[][] out = {w.get(b.cm().circuit().outputs()[0]).clone()};
    Lookup l = (Lookup) b.cm().circuit().gadgets().get(gadget(b.cm(), Lookup.class));
    long[] table = b.cm().constants().get(b.cm().circuit().tables().get(l.table()).values());
    for (int c = 0; c < 4; c++) {
      out[0][c] = table[table.length - 1];
    }
    Adversary.Run run = Adversary.prove(b.pk(), w, in, out, Adversary.HONEST);
    assertFalse(verify(b.pk(), in, out, run.bytes).valid(), "stated id 5 accepted");
    Adversary.Run honest = Adversary.prove(b.pk(), w, Adversary.HONEST);
    assertTrue(verify(b.pk(), honest.inputs, honest.outputs, honest.bytes).valid(),
        "the adversary's honest run verifies");
  }

  /**
   * Computed ids: ArgMax over a float input (a greedy decoding step) feeds the Gather; the ids
   * are then a Lin of a requant remainder, and the Gather's sign comes from a Decomp check.
   */
  @Test
  void computedIdsFromArgMax() throws Exception {
    Random r = new Random(46);
    float[] e = new float[6 * 4];
    for (int i = 0; i < e.length; i++) {
      e[i] = (float) r.nextGaussian();
    }
    var g = GraphProto.newBuilder().setName("g")
        .addInitializer(TensorCodec.encodeFloat("E", new int[] {6, 4}, e))
        .addNode(NodeProto.newBuilder().setOpType("ArgMax").setName("am").addInput("x")
            .addOutput("ids").addAttribute(AttributeProto.newBuilder().setName("axis")
                .setType(AttributeProto.AttributeType.INT).setI(1)))
        .addNode(NodeProto.newBuilder().setOpType("Gather").setName("emb").addInput("E")
            .addInput("ids").addOutput("y"));
    var dims = TensorShapeProto.newBuilder()
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(3))
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(6));
    g.addInput(ValueInfoProto.newBuilder().setName("x").setType(TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(dims))));
    g.addOutput(ValueInfoProto.newBuilder().setName("y"));
    byte[] bytes = ModelProto.newBuilder().setIrVersion(8).addOpsetImport(OperatorSetIdProto
        .newBuilder().setDomain("").setVersion(13)).setGraph(g).build().toByteArray();
    Graph graph = OnnxImporter.read(bytes);
    double[] x = new double[18];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextGaussian();
    }
    List<double[]> in = List.of(x);
    QuantizedModel q = Calibrator.calibrate(graph, List.of(in), null).model();
    Trace trace = q.run(in);
    assertTrue(Accuracy.compare(OrtReference.run(bytes, graph, in), q.outputs(trace)).passes());
    CompiledModel cm = Compiler.compile(q);
    ProvingKey pk = Setup.run(cm, DevSrs.create(Setup.binVars(cm), 0));
    Prover.Proof p = Prover.prove(pk, WitnessBuilder.build(cm, trace), true);
    assertTrue(verify(pk, p.inputs(), p.outputs(), p.bytes()).valid());
    long[][] out = {p.outputs()[0].clone()};
    out[0][2] += 1;
    assertFalse(verify(pk, p.inputs(), out, p.bytes()).valid(), "changed output accepted");
  }

  /** Data too large for one function table (2^16 entries) is refused in one line. */
  @Test
  void refusals() throws Exception {
    OpModels big = OpModels.node("Gather").randomConst(45, 1025, 64).intInput(3);
    Graph g = OnnxImporter.read(big.build());
    QuantizedModel q = Calibrator.calibrate(g, List.of(List.of(new double[] {1, 2, 3})), null)
        .model();
    CompileException e = assertThrows(CompileException.class, () -> Compiler.compile(q));
    assertTrue(e.getMessage().contains("2^16") && !e.getMessage().contains("\n"), e.getMessage());
  }
}
