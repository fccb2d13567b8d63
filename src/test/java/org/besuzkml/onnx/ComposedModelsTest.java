package org.besuzkml.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.besuzkml.model.Accuracy;
import org.besuzkml.model.Graph;
import org.besuzkml.model.Shapes;
import org.besuzkml.model.quant.Calibrator;
import org.besuzkml.onnx.proto.Onnx.AttributeProto;
import org.besuzkml.onnx.proto.Onnx.GraphProto;
import org.besuzkml.onnx.proto.Onnx.NodeProto;
import org.besuzkml.onnx.proto.Onnx.ValueInfoProto;
import org.junit.jupiter.api.Test;

/**
 * Small models of the kinds the product must run beyond the corpus (a CNN with
 * InstanceNormalization, HardSwish and Resize; a transformer block with erf-GELU, LayerNorm and
 * masked attention; an MLP with ELU/Softplus/HardSigmoid), built with the generated protobuf
 * classes, with random weights: the calibrated fixed-point output must meet the accuracy
 * criterion against ONNX Runtime.
 */
class ComposedModelsTest {
  private final GraphProto.Builder g = GraphProto.newBuilder().setName("g");
  private final Random rnd = new Random(7);
  private int count;

  private String w(double scale, int... shape) {
    int n = Shapes.size(shape);
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = (float) (rnd.nextGaussian() * scale);
    }
    String name = "w" + count++;
    g.addInitializer(TensorCodec.encodeFloat(name, shape, f));
    return name;
  }

  private String f(float v) {
    String name = "k" + count++;
    g.addInitializer(TensorCodec.encodeFloat(name, new int[0], new float[] {v}));
    return name;
  }

  private String l(long... v) {
    String name = "l" + count++;
    g.addInitializer(TensorCodec.encodeLong(name, new int[] {v.length}, v));
    return name;
  }

  private String op(String type, List<String> in, AttributeProto... attrs) {
    String out = "t" + count++;
    g.addNode(NodeProto.newBuilder().setOpType(type).setName(out + "_" + type).addAllInput(in)
        .addOutput(out).addAllAttribute(List.of(attrs)));
    return out;
  }

  private static AttributeProto i(String name, long v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT)
        .setI(v).build();
  }

  private static AttributeProto s(String name, String v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
        .setS(com.google.protobuf.ByteString.copyFromUtf8(v)).build();
  }

  private static AttributeProto ints(String name, long... v) {
    return ImporterTest.ints(name, v);
  }

  private void check(String input, int[] shape, String output, int opset) throws Exception {
    check(input, shape, output, opset, false);
  }

  private void check(String input, int[] shape, String output, int opset, boolean ids)
      throws Exception {
    ValueInfoProto v = ImporterTest.value(input, (Object[]) java.util.Arrays.stream(shape).boxed()
        .toArray(Integer[]::new));
    if (ids) {
      v = v.toBuilder().setType(v.getType().toBuilder().setTensorType(
          v.getType().getTensorType().toBuilder().setElemType(7))).build();
    }
    g.addInput(v);
    g.addOutput(ValueInfoProto.newBuilder().setName(output));
    byte[] bytes = ImporterTest.model(g, opset);
    Graph graph = OnnxImporter.read(bytes);
    double[] x = new double[Shapes.size(shape)];
    Random r = new Random(11);
    for (int k = 0; k < x.length; k++) {
      x[k] = ids ? r.nextInt(10) : r.nextGaussian();
    }
    List<double[]> in = List.of(x);
    Calibrator.Result cal = Calibrator.calibrate(graph, List.of(in), null);
    double[][] fixed = cal.model().outputs(cal.model().run(in));
    Accuracy acc = Accuracy.compare(OrtReference.run(bytes, graph, in), fixed);
    assertTrue(acc.passes(), acc + " " + cal.report());
  }

  @Test
  void cnnWithInstanceNormHardSwishResize() throws Exception {
    String c1 = op("Conv", List.of("x", w(0.3, 4, 3, 3, 3), w(0.1, 4)), ints("pads", 1, 1, 1, 1));
    String n1 = op("InstanceNormalization", List.of(c1, w(0.5, 4), w(0.2, 4)));
    String a1 = op("HardSwish", List.of(n1));
    String up = op("Resize", List.of(a1, "", scales()), s("mode", "linear"));
    String c2 = op("Conv", List.of(up, w(0.2, 6, 4, 3, 3)), ints("strides", 2, 2));
    String bn = op("BatchNormalization", List.of(c2, w(0.5, 6), w(0.2, 6), w(0.2, 6), pos(6)));
    String r2 = op("Relu", List.of(bn));
    String mp = op("MaxPool", List.of(r2), ints("kernel_shape", 2, 2), ints("strides", 2, 2));
    String gp = op("GlobalAveragePool", List.of(mp));
    String fl = op("Flatten", List.of(gp));
    String fc = op("Gemm", List.of(fl, w(0.5, 5, 6), w(0.1, 5)), i("transB", 1));
    String sm = op("Softmax", List.of(fc), i("axis", 1));
    check("x", new int[] {1, 3, 8, 8}, sm, 14);
  }

  private String scales() {
    String name = "sc" + count++;
    g.addInitializer(TensorCodec.encodeFloat(name, new int[] {4}, new float[] {1, 1, 2, 2}));
    return name;
  }

  private String pos(int n) {
    float[] f = new float[n];
    for (int k = 0; k < n; k++) {
      f[k] = 0.5f + rnd.nextFloat();
    }
    String name = "p" + count++;
    g.addInitializer(TensorCodec.encodeFloat(name, new int[] {n}, f));
    return name;
  }

  @Test
  void tinyGptFromTokenIds() throws Exception {
    int t = 6;
    int d = 8;
    String tok = op("Gather", List.of(w(1.0, 10, d), "ids"));
    // positions: Range -> Gather on a constant table, folded at import
    String pos = op("Gather", List.of(w(0.5, 16, d), op("Range", List.of(scalar(0), scalar(t),
        scalar(1)))));
    String x = op("Add", List.of(tok, pos));
    String h = block(x, t, d);
    String logits = op("MatMul", List.of(op("LayerNormalization", List.of(h, w(0.5, d),
        w(0.1, d))), w(0.5, d, 10)));
    check("ids", new int[] {1, t}, logits, 17, true);
  }

  private String scalar(long v) {
    String name = "s" + count++;
    g.addInitializer(TensorCodec.encodeLong(name, new int[0], new long[] {v}));
    return name;
  }

  @Test
  void transformerBlockWithGeluAndMaskedAttention() throws Exception {
    check("x", new int[] {1, 6, 8}, block("x", 6, 8), 17);
  }

  /** Pre-LN transformer block with causal attention and erf-GELU MLP; returns its output. */
  private String block(String xin, int t, int d) {
    String ln = op("LayerNormalization", List.of(xin, w(0.5, d), w(0.1, d)), i("axis", -1));
    String q = op("MatMul", List.of(ln, w(0.4, d, d)));
    String k = op("MatMul", List.of(ln, w(0.4, d, d)));
    String v = op("MatMul", List.of(ln, w(0.4, d, d)));
    String kt = op("Transpose", List.of(k), ints("perm", 0, 2, 1));
    String sc = op("Div", List.of(op("MatMul", List.of(q, kt)), f((float) Math.sqrt(d))));
    // causal mask built from constants: folded at import
    String ones = op("ConstantOfShape", List.of(l(t, t)), AttributeProto.newBuilder()
        .setName("value").setType(AttributeProto.AttributeType.TENSOR)
        .setT(TensorCodec.encodeFloat("one", new int[] {1}, new float[] {1})).build());
    String tri = op("Trilu", List.of(ones), i("upper", 0));
    String mask = op("Equal", List.of(tri, f(0)));
    String masked = op("Where", List.of(mask, f(Float.NEGATIVE_INFINITY), sc));
    String att = op("Softmax", List.of(masked), i("axis", -1));
    String ctx = op("MatMul", List.of(att, v));
    String res = op("Add", List.of(xin, op("MatMul", List.of(ctx, w(0.4, d, d)))));
    String ln2 = op("LayerNormalization", List.of(res, w(0.5, d), w(0.1, d)), i("axis", -1));
    String h = op("Add", List.of(op("MatMul", List.of(ln2, w(0.4, d, 2 * d))), w(0.1, 2 * d)));
    String erf = op("Erf", List.of(op("Div", List.of(h, f((float) Math.sqrt(2))))));
    String gelu = op("Mul", List.of(op("Mul", List.of(h, op("Add", List.of(erf, f(1))))), f(0.5f)));
    return op("Add", List.of(res, op("MatMul", List.of(gelu, w(0.3, 2 * d, d)))));
  }

  @Test
  void mlpWithSmoothActivations() throws Exception {
    String h1 = op("Elu", List.of(op("Gemm", List.of("x", w(0.5, 6, 4), w(0.1, 4)))));
    String h2 = op("Softplus", List.of(op("Gemm", List.of(h1, w(0.5, 4, 5), w(0.1, 5)))));
    String h3 = op("HardSigmoid", List.of(op("Gemm", List.of(h2, w(0.5, 5, 5), w(0.1, 5)))));
    String h4 = op("Sigmoid", List.of(op("Gemm", List.of(h3, w(0.8, 5, 3), w(0.1, 3)))));
    check("x", new int[] {1, 6}, h4, 13);
  }
}
