package org.besuzkml.onnx;

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
 * ONNX models of a chosen size with seeded random weights, for the scaling benchmark: MLPs (Gemm and
 * Relu) and CNNs of three 3x3 conv blocks (Conv, Relu, MaxPool 2x2) with channels c, 2c, 4c, then a
 * dense layer and a 10-way head. Weights are He-scaled so that activations keep one magnitude through
 * the depth, as a trained model's do, and the fixed-point scales stay those of a real model.
 */
public final class SyntheticModels {
  /** A generated model: its ONNX bytes, one input in the corpus format, and its size. */
  public record Model(String name, byte[] onnx, String inputJson, long params, long macs) {}

  private final GraphProto.Builder g = GraphProto.newBuilder().setName("synthetic");
  private final Random rnd;
  private int count;
  private long params;
  private long macs;

  private SyntheticModels(long seed) {
    rnd = new Random(seed);
  }

  /** An MLP {@code in -> hidden... -> out} with Relu between layers. */
  public static Model mlp(String name, int in, int[] hidden, int out, long seed) {
    SyntheticModels b = new SyntheticModels(seed);
    String x = "x";
    int width = in;
    for (int h : hidden) {
      x = b.op("Relu", List.of(b.dense(x, width, h)));
      width = h;
    }
    String y = b.dense(x, width, out);
    return b.finish(name, new int[] {1, in}, y, seed);
  }

  /** The MLP {@code d -> d -> d -> 10} whose parameter count is nearest {@code target}. */
  public static Model mlpOfParams(long target, long seed) {
    int d = 1;
    while (mlpParams(d) < target) {
      d++;
    }
    if (d > 1 && target - mlpParams(d - 1) < mlpParams(d) - target) {
      d--;
    }
    return mlp("mlp-" + d, d, new int[] {d, d}, 10, seed);
  }

  static long mlpParams(long d) {
    return 2 * (d * d + d) + 10 * d + 10;
  }

  /**
   * A CNN on a {@code channels x size x size} image: three blocks of Conv 3x3 (pad 1), Relu and
   * MaxPool 2x2 with {@code c, 2c, 4c} channels, Flatten, a dense layer of {@code dense} with Relu,
   * and a 10-way head.
   */
  public static Model cnn(String name, int channels, int size, int c, int dense, long seed) {
    SyntheticModels b = new SyntheticModels(seed);
    String x = "x";
    int ch = channels;
    int s = size;
    for (int k = 0; k < 3; k++) {
      int out = c << k;
      x = b.op("Conv", List.of(x, b.weight(Math.sqrt(2.0 / (ch * 9)), out, ch, 3, 3), b.weight(0.01, out)),
          ints("kernel_shape", 3, 3), ints("pads", 1, 1, 1, 1));
      b.macs += (long) out * ch * 9 * s * s;
      x = b.op("MaxPool", List.of(b.op("Relu", List.of(x))), ints("kernel_shape", 2, 2), ints("strides", 2, 2));
      ch = out;
      s /= 2;
    }
    x = b.op("Flatten", List.of(x), AttributeProto.newBuilder().setName("axis")
        .setType(AttributeProto.AttributeType.INT).setI(1).build());
    x = b.op("Relu", List.of(b.dense(x, ch * s * s, dense)));
    String y = b.dense(x, dense, 10);
    return b.finish(name, new int[] {1, channels, size, size}, y, seed);
  }

  private String dense(String x, int in, int out) {
    macs += (long) in * out;
    return op("Gemm", List.of(x, weight(Math.sqrt(2.0 / in), out, in), weight(0.01, out)),
        AttributeProto.newBuilder().setName("transB").setType(AttributeProto.AttributeType.INT).setI(1).build());
  }

  private String weight(double scale, int... shape) {
    int n = 1;
    for (int d : shape) {
      n = Math.multiplyExact(n, d);
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

  private String op(String type, List<String> in, AttributeProto... attrs) {
    String out = "t" + count++;
    g.addNode(NodeProto.newBuilder().setOpType(type).setName(out + "_" + type).addAllInput(in).addOutput(out)
        .addAllAttribute(List.of(attrs)));
    return out;
  }

  private static AttributeProto ints(String name, long... v) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long x : v) {
      a.addInts(x);
    }
    return a.build();
  }

  private Model finish(String name, int[] inShape, String y, long seed) {
    TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
    int n = 1;
    for (int d : inShape) {
      s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
      n *= d;
    }
    g.addInput(ValueInfoProto.newBuilder().setName("x").setType(TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(s))));
    g.addOutput(ValueInfoProto.newBuilder().setName(y));
    byte[] onnx = ModelProto.newBuilder().setIrVersion(8).setProducerName("besu-zkml bench scale")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).setGraph(g).build()
        .toByteArray();
    // inputs in [-1, 1): the magnitude of a normalised image or feature vector
    Random r = new Random(seed ^ 0x5eed);
    StringBuilder json = new StringBuilder("{\"input_data\":[[");
    for (int i = 0; i < n; i++) {
      json.append(i == 0 ? "" : ",").append(Math.round((r.nextDouble() * 2 - 1) * 1e4) / 1e4);
    }
    return new Model(name, onnx, json.append("]]}").toString(), params, macs);
  }
}
