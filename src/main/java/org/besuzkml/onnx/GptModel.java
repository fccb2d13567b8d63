package org.besuzkml.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.besuzkml.onnx.proto.Onnx.AttributeProto;
import org.besuzkml.onnx.proto.Onnx.GraphProto;
import org.besuzkml.onnx.proto.Onnx.ModelProto;
import org.besuzkml.onnx.proto.Onnx.NodeProto;
import org.besuzkml.onnx.proto.Onnx.OperatorSetIdProto;
import org.besuzkml.onnx.proto.Onnx.TensorShapeProto;
import org.besuzkml.onnx.proto.Onnx.TypeProto;
import org.besuzkml.onnx.proto.Onnx.ValueInfoProto;

/**
 * A small GPT-style decoder with seeded random weights, built with the generated protobuf classes:
 * int64 token ids {@code (1, T)}, token embedding (Gather on a {@code (V, d)} initializer) plus a
 * positional embedding (Add of a {@code (T, d)} initializer), one pre-LN block (LayerNormalization;
 * multi-head causal self-attention: Q, K, V MatMuls, Reshape and Transpose into heads, scores
 * scaled by {@code 1/sqrt(d_head)}, the causal mask as Where on a mask folded at import, Softmax,
 * MatMul, heads merged, output projection; residual; LayerNormalization; MLP Gemm-style MatMul +
 * bias, erf-GELU, MatMul + bias; residual), a final LayerNormalization and a head MatMul to
 * {@code (1, T, V)} logits. {@code java -cp zkml.jar org.besuzkml.onnx.GptModel DIR} writes
 * {@code DIR/gpt.onnx} and {@code DIR/input.json}.
 */
public final class GptModel {
  private final GraphProto.Builder g = GraphProto.newBuilder().setName("gpt");
  private final Random rnd;
  private int count;
  private long params;

  private GptModel(long seed) {
    rnd = new Random(seed);
  }

  /** The default test model: 8 tokens, vocabulary 32, width 16, 2 heads, MLP 32. */
  public static SyntheticModels.Model small() {
    return build(8, 32, 16, 2, 32, 1);
  }

  /**
   * A model of {@code t} tokens, vocabulary {@code v}, width {@code d}, {@code heads} heads and
   * an MLP of {@code mlp}; the input is {@code t} ids drawn with the seed.
   */
  public static SyntheticModels.Model build(int t, int v, int d, int heads, int mlp, long seed) {
    if (d % heads != 0) {
      throw new IllegalArgumentException("width " + d + " is not a multiple of " + heads + " heads");
    }
    GptModel b = new GptModel(seed);
    String tok = b.op("Gather", List.of(b.weight(1.0, v, d), "ids"));
    String x = b.op("Add", List.of(tok, b.weight(0.5, t, d)));
    String a = b.layerNorm(x, d);
    String att = b.attention(a, t, d, heads);
    String r1 = b.op("Add", List.of(x, att));
    String m = b.layerNorm(r1, d);
    String h = b.op("Add", List.of(b.op("MatMul", List.of(m, b.weight(1 / Math.sqrt(d), d, mlp))),
        b.weight(0.1, mlp)));
    String erf = b.op("Erf", List.of(b.op("Div", List.of(h, b.scalar((float) Math.sqrt(2))))));
    String gelu = b.op("Mul", List.of(b.op("Mul", List.of(h, b.op("Add", List.of(erf,
        b.scalar(1))))), b.scalar(0.5f)));
    String mo = b.op("Add", List.of(b.op("MatMul", List.of(gelu,
        b.weight(1 / Math.sqrt(mlp), mlp, d))), b.weight(0.1, d)));
    String r2 = b.op("Add", List.of(r1, mo));
    String f = b.layerNorm(r2, d);
    String logits = b.op("MatMul", List.of(f, b.weight(1 / Math.sqrt(d), d, v)));
    // projections, scores and context, MLP, head
    long macs = 4L * t * d * d + 2L * t * t * d + 2L * t * d * mlp + (long) t * d * v;
    return b.finish("gpt-t" + t + "-v" + v + "-d" + d, t, v, logits, seed, macs);
  }

  private String attention(String a, int t, int d, int heads) {
    int dh = d / heads;
    String q = heads(op("MatMul", List.of(a, weight(1 / Math.sqrt(d), d, d))), t, heads, dh);
    String k = heads(op("MatMul", List.of(a, weight(1 / Math.sqrt(d), d, d))), t, heads, dh);
    String v = heads(op("MatMul", List.of(a, weight(1 / Math.sqrt(d), d, d))), t, heads, dh);
    String kt = op("Transpose", List.of(k), ints("perm", 0, 1, 3, 2));
    String sc = op("Div", List.of(op("MatMul", List.of(q, kt)), scalar((float) Math.sqrt(dh))));
    // the causal mask from constants (folded at import): true above the diagonal
    String ones = op("ConstantOfShape", List.of(longs(t, t)), AttributeProto.newBuilder()
        .setName("value").setType(AttributeProto.AttributeType.TENSOR)
        .setT(TensorCodec.encodeFloat("one", new int[] {1}, new float[] {1})).build());
    String tri = op("Trilu", List.of(ones), AttributeProto.newBuilder().setName("upper")
        .setType(AttributeProto.AttributeType.INT).setI(0).build());
    String future = op("Equal", List.of(tri, scalar(0)));
    String masked = op("Where", List.of(future, scalar(Float.NEGATIVE_INFINITY), sc));
    String p = op("Softmax", List.of(masked), AttributeProto.newBuilder().setName("axis")
        .setType(AttributeProto.AttributeType.INT).setI(-1).build());
    String ctx = op("MatMul", List.of(p, v));
    String merged = op("Reshape", List.of(op("Transpose", List.of(ctx), ints("perm", 0, 2, 1, 3)),
        longs(1, t, d)));
    return op("MatMul", List.of(merged, weight(1 / Math.sqrt(d), d, d)));
  }

  /** (1, t, d) to (1, heads, t, dh). */
  private String heads(String x, int t, int heads, int dh) {
    String r = op("Reshape", List.of(x, longs(1, t, heads, dh)));
    return op("Transpose", List.of(r), ints("perm", 0, 2, 1, 3));
  }

  private String layerNorm(String x, int d) {
    return op("LayerNormalization", List.of(x, gamma(d), weight(0.1, d)), AttributeProto
        .newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(-1).build());
  }

  private String gamma(int d) {
    float[] f = new float[d];
    for (int i = 0; i < d; i++) {
      f[i] = (float) (1 + 0.2 * rnd.nextGaussian());
    }
    params += d;
    String name = "w" + count++;
    g.addInitializer(TensorCodec.encodeFloat(name, new int[] {d}, f));
    return name;
  }

  private String weight(double scale, int... shape) {
    int n = 1;
    for (int s : shape) {
      n = Math.multiplyExact(n, s);
    }
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = (float) (rnd.nextGaussian() * scale);
    }
    params += n;
    String name = "w" + count++;
    g.addInitializer(TensorCodec.encodeFloat(name, shape, f));
    return name;
  }

  private String scalar(float v) {
    String name = "k" + count++;
    g.addInitializer(TensorCodec.encodeFloat(name, new int[0], new float[] {v}));
    return name;
  }

  private String longs(long... v) {
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

  private static AttributeProto ints(String name, long... v) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name)
        .setType(AttributeProto.AttributeType.INTS);
    for (long x : v) {
      a.addInts(x);
    }
    return a.build();
  }

  private SyntheticModels.Model finish(String name, int t, int v, String y, long seed,
      long macs) {
    g.addInput(ValueInfoProto.newBuilder().setName("ids").setType(TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(7).setShape(
            TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(t))))));
    g.addOutput(ValueInfoProto.newBuilder().setName(y));
    byte[] onnx = ModelProto.newBuilder().setIrVersion(8).setProducerName("besu-zkml gpt")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
        .setGraph(g).build().toByteArray();
    Random r = new Random(seed ^ 0x70c);
    StringBuilder json = new StringBuilder("{\"input_data\":[[");
    for (int i = 0; i < t; i++) {
      json.append(i == 0 ? "" : ",").append(r.nextInt(v));
    }
    return new SyntheticModels.Model(name, onnx, json.append("]]}").toString(), params,
        macs);
  }

  /**
   * Writes {@code DIR/gpt.onnx} and {@code DIR/input.json} of {@link #small()}, or of
   * {@code build(T, V, D, HEADS, MLP, 1)} when the five sizes follow.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1 && args.length != 6) {
      System.err.println("usage: GptModel DIR [T V D HEADS MLP]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    SyntheticModels.Model m = args.length == 1 ? small() : build(Integer.parseInt(args[1]),
        Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
        Integer.parseInt(args[5]), 1);
    Files.write(dir.resolve("gpt.onnx"), m.onnx());
    Files.writeString(dir.resolve("input.json"), m.inputJson() + "\n");
    System.out.println(m.name() + ": " + m.params() + " parameters, " + m.macs() + " MACs");
  }
}
