package org.besuzkml.onnx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.besuzkml.onnx.proto.Onnx.GraphProto;
import org.besuzkml.onnx.proto.Onnx.ModelProto;
import org.besuzkml.onnx.proto.Onnx.NodeProto;
import org.besuzkml.onnx.proto.Onnx.OperatorSetIdProto;
import org.besuzkml.onnx.proto.Onnx.TensorShapeProto;
import org.besuzkml.onnx.proto.Onnx.TypeProto;
import org.besuzkml.onnx.proto.Onnx.ValueInfoProto;

/**
 * MLPs of a chosen size for memory and load measurements: {@code x -> (MatMul W_i, Add b_i, Relu)*}
 * with seeded Gaussian weights, written as {@code network.onnx} and {@code input.json}. Run as
 * {@code java -cp target/test-classes:target/zkml.jar org.besuzkml.onnx.MlpLadder DIR 256 1024 1024 10}
 * (layer widths, input first).
 */
public final class MlpLadder {
  private MlpLadder() {}

  /** The ONNX bytes of an MLP with the given widths (input width first, output width last). */
  public static byte[] onnx(int[] widths, long seed) {
    return onnx(widths, seed, 0f);
  }

  /** As {@link #onnx(int[], long)} with {@code tweak} added to the first weight (a tampered copy). */
  public static byte[] onnx(int[] widths, long seed, float tweak) {
    Random r = new Random(seed);
    GraphProto.Builder g = GraphProto.newBuilder().setName("mlp");
    g.addInput(value("input", widths[0]));
    String x = "input";
    for (int i = 0; i + 1 < widths.length; i++) {
      int a = widths[i];
      int b = widths[i + 1];
      float[] w = new float[a * b];
      double s = 1.0 / Math.sqrt(a);
      for (int j = 0; j < w.length; j++) {
        w[j] = (float) (r.nextGaussian() * s);
      }
      if (i == 0) {
        w[0] += tweak;
      }
      float[] bias = new float[b];
      for (int j = 0; j < b; j++) {
        bias[j] = (float) (r.nextGaussian() * 0.1);
      }
      g.addInitializer(TensorCodec.encodeFloat("w" + i, new int[] {a, b}, w));
      g.addInitializer(TensorCodec.encodeFloat("b" + i, new int[] {b}, bias));
      String m = "m" + i;
      String y = i + 2 < widths.length ? "h" + i : "output";
      g.addNode(NodeProto.newBuilder().setOpType("Gemm").setName("gemm" + i)
          .addAllInput(List.of(x, "w" + i, "b" + i)).addOutput(i + 2 < widths.length ? m : y));
      if (i + 2 < widths.length) {
        g.addNode(NodeProto.newBuilder().setOpType("Relu").setName("relu" + i).addInput(m).addOutput(y));
      }
      x = y;
    }
    g.addOutput(value("output", widths[widths.length - 1]));
    return ModelProto.newBuilder().setIrVersion(8)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
        .setGraph(g).build().toByteArray();
  }

  /** An input.json of {@code n} seeded values in [-1, 1). */
  public static String input(int n, long seed) {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder("{\"input_data\": [[");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ", ").append(Math.round((r.nextDouble() * 2 - 1) * 1000) / 1000.0);
    }
    return sb.append("]]}\n").toString();
  }

  /** Writes {@code dir/network.onnx} and {@code dir/input.json}. */
  public static void write(Path dir, int[] widths, long seed) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve("network.onnx"), onnx(widths, seed));
    Files.writeString(dir.resolve("input.json"), input(widths[0], seed + 1), StandardCharsets.UTF_8);
  }

  public static void main(String[] args) throws IOException {
    int[] widths = new int[args.length - 1];
    for (int i = 1; i < args.length; i++) {
      widths[i - 1] = Integer.parseInt(args[i]);
    }
    write(Path.of(args[0]), widths, 1);
  }

  private static ValueInfoProto value(String name, int n) {
    TensorShapeProto.Builder s = TensorShapeProto.newBuilder()
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1))
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(n));
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(s))).build();
  }
}
