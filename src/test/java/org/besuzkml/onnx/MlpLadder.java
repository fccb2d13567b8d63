package org.besuzkml.onnx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.besuzkml.onnx.proto.Onnx.ModelProto;
import org.besuzkml.onnx.proto.Onnx.TensorProto;

/**
 * MLPs of given layer widths ({@link SyntheticModels#mlp}) for the memory and pk-load tests and
 * measurements, written as {@code network.onnx} and {@code input.json}: {@code java -cp
 * target/test-classes:target/zkml.jar org.besuzkml.onnx.MlpLadder DIR 512 1024 448 10} (input width
 * first). Adds what those tests need beside the generator: a copy with one weight changed.
 */
public final class MlpLadder {
  private MlpLadder() {}

  private static SyntheticModels.Model model(int[] widths, long seed) {
    return SyntheticModels.mlp("mlp", widths[0], Arrays.copyOfRange(widths, 1, widths.length - 1),
        widths[widths.length - 1], seed);
  }

  /** The ONNX bytes of an MLP with the given widths (input width first, output width last). */
  public static byte[] onnx(int[] widths, long seed) {
    return model(widths, seed).onnx();
  }

  /** As {@link #onnx(int[], long)} with {@code tweak} added to the first weight (a tampered copy). */
  public static byte[] onnx(int[] widths, long seed, float tweak) {
    try {
      ModelProto m = ModelProto.parseFrom(onnx(widths, seed));
      TensorProto w = m.getGraph().getInitializer(0);
      w = w.toBuilder().setFloatData(0, w.getFloatData(0) + tweak).build();
      return m.toBuilder().setGraph(m.getGraph().toBuilder().setInitializer(0, w)).build().toByteArray();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The model's input.json (seeded values in [-1, 1)). */
  public static String input(int[] widths, long seed) {
    return model(widths, seed).inputJson();
  }

  /** Writes {@code dir/network.onnx} and {@code dir/input.json}. */
  public static void write(Path dir, int[] widths, long seed) throws IOException {
    Files.createDirectories(dir);
    SyntheticModels.Model m = model(widths, seed);
    Files.write(dir.resolve("network.onnx"), m.onnx());
    Files.writeString(dir.resolve("input.json"), m.inputJson(), StandardCharsets.UTF_8);
  }

  public static void main(String[] args) throws IOException {
    int[] widths = new int[args.length - 1];
    for (int i = 1; i < args.length; i++) {
      widths[i - 1] = Integer.parseInt(args[i]);
    }
    write(Path.of(args[0]), widths, 1);
  }
}
