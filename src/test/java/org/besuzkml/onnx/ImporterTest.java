package org.besuzkml.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.besuzkml.model.FloatEvaluator;
import org.besuzkml.model.Graph;
import org.besuzkml.model.ModelException;
import org.besuzkml.model.Node;
import org.besuzkml.model.quant.Calibrator;
import org.besuzkml.model.quant.QuantizedModel;
import org.besuzkml.model.quant.Trace;
import org.besuzkml.onnx.proto.Onnx.AttributeProto;
import org.besuzkml.onnx.proto.Onnx.GraphProto;
import org.besuzkml.onnx.proto.Onnx.ModelProto;
import org.besuzkml.onnx.proto.Onnx.NodeProto;
import org.besuzkml.onnx.proto.Onnx.OperatorSetIdProto;
import org.besuzkml.onnx.proto.Onnx.TensorProto;
import org.besuzkml.onnx.proto.Onnx.TensorShapeProto;
import org.besuzkml.onnx.proto.Onnx.TypeProto;
import org.besuzkml.onnx.proto.Onnx.ValueInfoProto;
import org.junit.jupiter.api.Test;

/** Import: tensor decoding, symbolic dimensions, ordering, folding, lowering and the trace. */
class ImporterTest {
  static ValueInfoProto value(String name, Object... dims) {
    TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
    for (Object d : dims) {
      s.addDim(d instanceof String p ? TensorShapeProto.Dimension.newBuilder().setDimParam(p)
          : TensorShapeProto.Dimension.newBuilder().setDimValue((Integer) d));
    }
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(s))).build();
  }

  static NodeProto node(String op, List<String> in, String out, AttributeProto... attrs) {
    return NodeProto.newBuilder().setOpType(op).setName(out + "_node").addAllInput(in)
        .addOutput(out).addAllAttribute(List.of(attrs)).build();
  }

  static AttributeProto ints(String name, long... v) {
    AttributeProto.Builder b = AttributeProto.newBuilder().setName(name)
        .setType(AttributeProto.AttributeType.INTS);
    for (long x : v) {
      b.addInts(x);
    }
    return b.build();
  }

  static byte[] model(GraphProto.Builder g, int opset) {
    return ModelProto.newBuilder().setIrVersion(8)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(opset)).setGraph(g).build()
        .toByteArray();
  }

  static TensorProto rawFloats(String name, int[] shape, float[] v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v) {
      b.putFloat(f);
    }
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(1)
        .setRawData(ByteString.copyFrom(b.array()));
    for (int d : shape) {
      t.addDims(d);
    }
    return t.build();
  }

  /**
   * x[batch, 4] -> Shape -> Gather(1) -> Unsqueeze -> Concat([-1]) -> Reshape(x) -> MatMul(W raw)
   * -> Conv-free tail; nodes deliberately listed out of order.
   */
  static byte[] shapeArithmeticModel() {
    GraphProto.Builder g = GraphProto.newBuilder().setName("g")
        .addInput(value("x", "batch", 2, 3))
        .addOutput(ValueInfoProto.newBuilder().setName("y"))
        .addInitializer(rawFloats("w", new int[] {6, 2},
            new float[] {1, 2, 3, 4, 5, 6, -1, -2, -3, -4, 0.5f, 0.25f}))
        .addInitializer(TensorCodec.encodeLong("one", new int[0], new long[] {1}))
        .addInitializer(TensorCodec.encodeLong("minus1", new int[] {1}, new long[] {-1}));
    g.addNode(node("MatMul", List.of("flat", "w"), "y"));
    g.addNode(node("Reshape", List.of("x", "newshape"), "flat"));
    g.addNode(node("Concat", List.of("minus1", "dim"), "newshape",
        AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT)
            .setI(0).build()));
    g.addNode(node("Mul", List.of("g1", "g2"), "prod"));
    g.addNode(node("Unsqueeze", List.of("prod"), "dim", ints("axes", 0)));
    g.addNode(node("Shape", List.of("x"), "shape"));
    g.addNode(node("Gather", List.of("shape", "one"), "g1"));
    g.addNode(node("Gather", List.of("shape", "two"), "g2"));
    g.addInitializer(TensorCodec.encodeLong("two", new int[0], new long[] {2}));
    return model(g, 11);
  }

  @Test
  void foldsShapeArithmeticAndSortsNodes() throws Exception {
    byte[] bytes = shapeArithmeticModel();
    Graph g = OnnxImporter.read(bytes);
    assertArrayEquals(new int[] {1, 2, 3}, g.inputs().get(0).shape(), "symbolic batch -> 1");
    assertEquals(List.of("Reshape", "MatMul"), g.nodes().stream().map(Node::opType).toList());
    assertArrayEquals(new int[] {1, 2}, g.outputs().get(0).shape());
    List<double[]> in = List.of(new double[] {0.1, -0.2, 0.3, 0.4, -0.5, 0.6});
    double[][] ort = OrtReference.run(bytes, g, in);
    double[][] ours = FloatEvaluator.outputs(g, in);
    assertArrayEquals(ort[0], ours[0], 1e-6);
    assertEquals(12, g.totalMacs(), "a [1,6] x [6,2] MatMul is 12 MACs");
    assertEquals(12, g.totalParams());
  }

  @Test
  void elementTypesAreInferred() throws Exception {
    Graph eq = OnnxImporter.read(OpModels.node("Equal").input(3).input(3).build());
    assertEquals(org.besuzkml.model.Tensor.ElemType.FLOAT, eq.type("x0"));
    assertEquals(org.besuzkml.model.Tensor.ElemType.BOOL, eq.type("y0"));
    Graph am = OnnxImporter.read(OpModels.node("ArgMax").input(2, 3).build());
    assertEquals(org.besuzkml.model.Tensor.ElemType.INT, am.type("y0"));
    Graph cast = OnnxImporter.read(OpModels.node("Cast").input(2).attr("to", 7L).build());
    assertEquals(org.besuzkml.model.Tensor.ElemType.INT, cast.type("y0"));
  }

  @Test
  void rawAndTypedInitializersDecodeAlike() throws Exception {
    float[] v = {1.5f, -2.25f, 3e-3f, 7f};
    var raw = TensorCodec.decode(rawFloats("a", new int[] {2, 2}, v));
    var typed = TensorCodec.decode(TensorCodec.encodeFloat("a", new int[] {2, 2}, v));
    assertArrayEquals(typed.data(), raw.data());
    assertArrayEquals(new int[] {2, 2}, raw.shape());
  }

  @Test
  void rawDataOfTheWrongLengthIsRejected() {
    TensorProto t = TensorProto.newBuilder().setName("bad").setDataType(1).addDims(3)
        .setRawData(ByteString.copyFrom(new byte[8])).build();
    ModelException e = assertThrows(ModelException.class, () -> TensorCodec.decode(t));
    assertTrue(e.getMessage().contains("raw_data"), e.getMessage());
  }

  @Test
  void externalDataIsRejected() {
    TensorProto t = TensorProto.newBuilder().setName("ext").setDataType(1).addDims(1)
        .setDataLocation(TensorProto.DataLocation.EXTERNAL).build();
    assertThrows(ModelException.class, () -> TensorCodec.decode(t));
  }

  @Test
  void cycleIsRejected() {
    GraphProto.Builder g = GraphProto.newBuilder().addInput(value("x", 2))
        .addOutput(ValueInfoProto.newBuilder().setName("b"))
        .addNode(node("Relu", List.of("b"), "a")).addNode(node("Relu", List.of("a"), "b"));
    assertThrows(ModelException.class, () -> OnnxImporter.read(model(g, 13)));
  }

  @Test
  void batchNormFoldsIntoConv() throws Exception {
    GraphProto.Builder g = GraphProto.newBuilder().addInput(value("x", 1, 2, 4, 4))
        .addOutput(ValueInfoProto.newBuilder().setName("y"))
        .addInitializer(TensorCodec.encodeFloat("w", new int[] {3, 2, 3, 3}, randoms(54, 1)))
        .addInitializer(TensorCodec.encodeFloat("b", new int[] {3}, randoms(3, 2)))
        .addInitializer(TensorCodec.encodeFloat("gamma", new int[] {3}, randoms(3, 3)))
        .addInitializer(TensorCodec.encodeFloat("beta", new int[] {3}, randoms(3, 4)))
        .addInitializer(TensorCodec.encodeFloat("mean", new int[] {3}, randoms(3, 5)))
        .addInitializer(TensorCodec.encodeFloat("var", new int[] {3}, new float[] {0.5f, 2, 1}))
        .addNode(node("Conv", List.of("x", "w", "b"), "c", ints("pads", 1, 1, 1, 1)))
        .addNode(node("BatchNormalization", List.of("c", "gamma", "beta", "mean", "var"), "y"));
    byte[] bytes = model(g, 13);
    Graph graph = OnnxImporter.read(bytes);
    assertEquals(List.of("Conv"), graph.nodes().stream().map(Node::opType).toList());
    List<double[]> in = List.of(toDouble(randoms(32, 6)));
    double[][] ort = OrtReference.run(bytes, graph, in);
    assertArrayEquals(ort[0], FloatEvaluator.outputs(graph, in)[0], 1e-5);
  }

  @Test
  void batchNormFoldsIntoGemm() throws Exception {
    GraphProto.Builder g = GraphProto.newBuilder().addInput(value("x", 2, 5))
        .addOutput(ValueInfoProto.newBuilder().setName("y"))
        .addInitializer(TensorCodec.encodeFloat("w", new int[] {3, 5}, randoms(15, 1)))
        .addInitializer(TensorCodec.encodeFloat("b", new int[] {3}, randoms(3, 2)))
        .addInitializer(TensorCodec.encodeFloat("gamma", new int[] {3}, randoms(3, 3)))
        .addInitializer(TensorCodec.encodeFloat("beta", new int[] {3}, randoms(3, 4)))
        .addInitializer(TensorCodec.encodeFloat("mean", new int[] {3}, randoms(3, 5)))
        .addInitializer(TensorCodec.encodeFloat("var", new int[] {3}, new float[] {0.5f, 2, 1}))
        .addNode(node("Gemm", List.of("x", "w", "b"), "c",
            AttributeProto.newBuilder().setName("transB").setType(AttributeProto.AttributeType.INT)
                .setI(1).build(),
            AttributeProto.newBuilder().setName("beta").setType(AttributeProto.AttributeType.FLOAT)
                .setF(0.5f).build()))
        .addNode(node("BatchNormalization", List.of("c", "gamma", "beta", "mean", "var"), "y"));
    byte[] bytes = model(g, 13);
    Graph graph = OnnxImporter.read(bytes);
    assertEquals(List.of("Gemm"), graph.nodes().stream().map(Node::opType).toList());
    List<double[]> in = List.of(toDouble(randoms(10, 6)));
    double[][] ort = OrtReference.run(bytes, graph, in);
    assertArrayEquals(ort[0], FloatEvaluator.outputs(graph, in)[0], 1e-5);
  }

  @Test
  void traceHoldsEveryIntermediateStep() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java.nio.file.Files.isDirectory(Path.of("../shared/models/ezkl")), "corpus not present");
    Graph g = OnnxImporter.read(Path.of("../shared/models/ezkl/self_attention/network.onnx"));
    List<double[]> in = InputFile.read(
        Path.of("../shared/models/ezkl/self_attention/input.json"), g);
    QuantizedModel m = Calibrator.calibrate(g, List.of(in), null).model();
    Trace t = m.run(in);
    for (Node n : g.nodes()) {
      for (String o : n.outputs()) {
        assertTrue(t.tensors().containsKey(o), "trace lacks " + o);
        assertEquals(m.scales().get(o), t.get(o).scale(), o);
      }
    }
    assertTrue(t.tensors().keySet().stream().anyMatch(k -> k.endsWith("/acc")));
    assertTrue(t.tensors().keySet().stream().anyMatch(k -> k.endsWith("/exp")));
    assertTrue(m.tables().values().stream().allMatch(x -> x.size() <= 1 << 16));
    // Re-running the same quantized input gives the identical trace: evaluation is deterministic.
    Trace again = m.run(in);
    for (var e : t.tensors().entrySet()) {
      assertArrayEquals(e.getValue().data(), again.get(e.getKey()).data(), e.getKey());
    }
  }

  @Test
  void inputOutsideTheCalibratedDomainIsClampedAndCounted() throws Exception {
    byte[] bytes = OpModels.node("Exp").input(4).build();
    Graph g = OnnxImporter.read(bytes);
    QuantizedModel m =
        Calibrator.calibrate(g, List.of(List.of(new double[] {0.1, 0.2, 0.3, 0.4})), null).model();
    Trace t = m.run(List.of(new double[] {0.1, 0.2, 5.0, 0.4}));
    assertEquals(1L, t.clamped().values().iterator().next());
  }

  @Test
  void calibrationReportsWhenNoScaleSatisfiesTheTolerance() throws Exception {
    // 1/x near 0 needs more input resolution than any scale up to 2^-16 gives.
    Graph g = OnnxImporter.read(OpModels.node("Reciprocal").input(3).build());
    Calibrator.Result r =
        Calibrator.calibrate(g, List.of(List.of(new double[] {0.0003, 0.5, 1.0})), null);
    assertTrue(!r.satisfied(), r.toString());
    assertTrue(r.report().startsWith("no scale satisfies"), r.report());
  }

  static float[] randoms(int n, long seed) {
    java.util.Random r = new java.util.Random(seed);
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = (float) r.nextGaussian();
    }
    return f;
  }

  static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
