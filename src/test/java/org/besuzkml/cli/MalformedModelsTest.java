package org.besuzkml.cli;

import static org.besuzkml.cli.ModelCommandsTest.assertOneLine;
import static org.besuzkml.cli.ModelCommandsTest.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.besuzkml.cli.ModelCommandsTest.Outcome;
import org.besuzkml.onnx.OpModels;
import org.besuzkml.onnx.TensorCodec;
import org.besuzkml.onnx.proto.Onnx.ModelProto;
import org.besuzkml.onnx.proto.Onnx.NodeProto;
import org.besuzkml.onnx.proto.Onnx.TensorShapeProto;
import org.besuzkml.onnx.proto.Onnx.ValueInfoProto;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 7: model files that crashed the importer or were silently accepted; one line each. */
class MalformedModelsTest {
  @TempDir Path tmp;

  private Outcome inspect(byte[] model) throws Exception {
    Path f = tmp.resolve("m.onnx");
    Files.write(f, model);
    return exec("inspect", f.toString());
  }

  /** inspect exits 2 with exactly {@code error: <message>}. */
  private void refused(byte[] model, String message) throws Exception {
    Outcome o = inspect(model);
    assertEquals(2, o.status(), o.err());
    assertOneLine(o);
    assertEquals("error: " + message, o.err().strip());
  }

  private static OpModels conv() {
    return OpModels.node("Conv").input(1, 2, 5, 5).randomConst(1, 4, 2, 3, 3);
  }

  @Test
  void convGeometryIsCheckedAtImport() throws Exception {
    String at = "node 'n0' (op Conv): ";
    refused(conv().attr("strides", 0L, 1L).build(), at + "strides must be in 1..1048576, got [0, 1]");
    refused(conv().attr("dilations", 1L, 0L).build(), at + "dilations must be in 1..1048576, got [1, 0]");
    refused(conv().attr("pads", -1L, 0L, 0L, 0L).build(), at + "pads must be in 0..1048576, got [-1, 0, 0, 0]");
    refused(conv().attr("strides", new long[] {1}).build(), at + "strides must have 2 entries, got [1]");
    refused(conv().attr("dilations", 3L, 3L).build(), at + "kernel (extent 7 with dilation) is larger than"
        + " the padded input (5 + pads 0, 0) on spatial axis 0");
    refused(conv().attr("group", 0L).build(), at + "group 0 must be in 1..2 (input channels)");
    refused(conv().attr("group", 2L).build(), at + "channels do not match group 2: input has 2, weights"
        + " [4, 2, 3, 3] (need input channels = W[1] * group, group | W[0])");
    refused(conv().attr("kernel_shape", 2L, 2L).build(), at + "kernel_shape [2, 2] differs from the"
        + " weights' spatial shape [3, 3]");
    refused(conv().attr("auto_pad", "SAME").build(), at + "auto_pad 'SAME' is not an ONNX value");
  }

  @Test
  void poolAndConvTransposeGeometryIsCheckedAtImport() throws Exception {
    refused(OpModels.node("MaxPool").input(1, 1, 4, 4).attr("kernel_shape", 2L, 2L).attr("strides", 0L, 0L)
        .build(), "node 'n0' (op MaxPool): strides must be in 1..1048576, got [0, 0]");
    refused(OpModels.node("AveragePool").input(1, 1, 4, 4).attr("kernel_shape", 2L, 2L)
        .attr("pads", 2L, 2L, 2L, 2L).build(),
        "node 'n0' (op AveragePool): pads [2, 2, 2, 2] must be smaller than kernel_shape [2, 2]");
    refused(OpModels.node("AveragePool").input(1, 1, 4, 4).attr("kernel_shape", 0L, 2L).build(),
        "node 'n0' (op AveragePool): kernel_shape must be in 1..1048576, got [0, 2]");
    refused(OpModels.node("MaxPool").input(1, 1, 4, 4).attr("kernel_shape", 5L, 5L).build(),
        "node 'n0' (op MaxPool): kernel (extent 5 with dilation) is larger than the padded input"
        + " (4 + pads 0, 0) on spatial axis 0");
    refused(OpModels.node("ConvTranspose").input(1, 2, 3, 3).randomConst(1, 2, 1, 2, 2)
        .attr("strides", 0L, 1L).build(), "node 'n0' (op ConvTranspose): strides must be in 1..1048576, got [0, 1]");
    refused(OpModels.node("ConvTranspose").input(1, 2, 3, 3).randomConst(1, 2, 1, 2, 2)
        .attr("group", 0L).build(), "node 'n0' (op ConvTranspose): group 0 must be in 1..2 (input channels)");
  }

  @Test
  void blockGeometryIsCheckedAtImport() throws Exception {
    refused(OpModels.node("DepthToSpace").input(1, 8, 2, 3).attr("blocksize", 0L).build(),
        "node 'n0' (op DepthToSpace): blocksize must be in 1..4096, got 0");
    refused(OpModels.node("DepthToSpace").input(1, 8, 2, 3).attr("blocksize", 3L).build(),
        "node 'n0' (op DepthToSpace): 8 channels are not a multiple of blocksize^2 = 9");
    refused(OpModels.node("SpaceToDepth").input(1, 2, 4, 6).attr("blocksize", 4L).build(),
        "node 'n0' (op SpaceToDepth): spatial size 4x6 is not a multiple of blocksize 4");
    refused(OpModels.node("DepthToSpace").input(1, 8, 2).attr("blocksize", 2L).build(),
        "node 'n0' (op DepthToSpace): needs an [N, C, H, W] input, not rank 3");
    // 65536^2 wrapped to 0 in int arithmetic: a division by zero before the limit
    refused(OpModels.node("DepthToSpace").input(1, 8, 2, 3).attr("blocksize", 65536L).build(),
        "node 'n0' (op DepthToSpace): blocksize must be in 1..4096, got 65536");
  }

  @Test
  void hugeInputShapeNamesTheInputAndTheLimit() throws Exception {
    refused(OpModels.node("Relu").input(1 << 20, 1 << 20).build(), "graph input 'x0' has shape"
        + " [1048576, 1048576]: more than 2147483647 elements, the limit of one tensor");
  }

  @Test
  void hugeNodeOutputNamesTheNode() throws Exception {
    refused(OpModels.node("Tile").input(1 << 16, 2).longConst(new int[] {2}, 1 << 16, 1).build(),
        "node 'n0' (op Tile): Tile's output would have dimension 4294967296 (must be in 0..2147483647)");
    refused(OpModels.node("Tile").input(1 << 16, 2).longConst(new int[] {2}, 1 << 14, 1 << 15).build(),
        "node 'n0' (op Tile): a tensor of shape [1073741824, 65536] has more than 2147483647 elements,"
        + " the limit of one tensor");
  }

  /** The importer's choice for a dynamic or negative dimension is said on stderr. */
  @Test
  void dynamicAndNegativeDimensionsAreNoticed() throws Exception {
    ModelProto m = ModelProto.parseFrom(OpModels.node("Relu").input(2, 3, 4).build());
    var g = m.getGraph().toBuilder();
    TensorShapeProto.Builder s = g.getInput(0).getType().getTensorType().getShape().toBuilder();
    s.setDim(0, TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
    s.setDim(1, TensorShapeProto.Dimension.newBuilder().setDimValue(-3));
    s.setDim(2, TensorShapeProto.Dimension.newBuilder());
    ValueInfoProto.Builder v = g.getInput(0).toBuilder();
    v.getTypeBuilder().getTensorTypeBuilder().setShape(s);
    g.setInput(0, v);
    Outcome o = inspect(m.toBuilder().setGraph(g).build().toByteArray());
    assertEquals(0, o.status(), o.err());
    assertEquals(List.of("notice: input 'x0' dim 0 is dynamic ('batch'); using 1",
        "notice: input 'x0' dim 1 is negative (-3); using 1",
        "notice: input 'x0' dim 2 is dynamic (no value); using 1"), o.err().strip().lines().toList());
    assertTrue(o.out().contains("input  x0 [1, 1, 1]"), o.out());
  }

  /**
   * Conv (with pads) then BatchNormalization: the folded weights are new constants, whose shapes
   * inspect once could not find (a NullPointerException in ConvOp.macs).
   */
  @Test
  void inspectSeesTheShapesOfFoldedBatchNormWeights() throws Exception {
    ModelProto m = ModelProto.parseFrom(conv().attr("pads", 1L, 1L, 1L, 1L).build());
    var g = m.getGraph().toBuilder();
    g.getNodeBuilder(0).setOutput(0, "c");
    String[] names = {"scale", "bias", "mean", "var"};
    for (int i = 0; i < 4; i++) {
      g.addInitializer(TensorCodec.encodeFloat(names[i], new int[] {4},
          new float[] {1.5f, 0.5f, 1f, 2f}));
    }
    g.addNode(NodeProto.newBuilder().setOpType("BatchNormalization").setName("bn").addInput("c")
        .addAllInput(List.of(names)).addOutput("y0"));
    Outcome o = inspect(m.toBuilder().setGraph(g).build().toByteArray());
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("total: 1 nodes, 76 params, 1800 MACs"), o.out());
  }

  /** Every corpus model inspects (plain and JSON) with status 0 and nothing on stderr. */
  @Test
  void inspectWorksOnEveryCorpusModel() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(ModelCommandsTest.CORPUS), "corpus not present");
    List<Path> models;
    try (Stream<Path> s = Files.walk(ModelCommandsTest.CORPUS)) {
      models = s.filter(p -> p.toString().endsWith(".onnx")).sorted().toList();
    }
    assertTrue(models.size() >= 30, "corpus has " + models.size() + " models");
    for (Path p : models) {
      for (String[] args : new String[][] {{"inspect", p.toString()}, {"inspect", p.toString(), "--json"}}) {
        Outcome o = exec(args);
        assertEquals(0, o.status(), p + ": " + o.err());
        assertFalse(o.err().contains("error"), p + ": " + o.err());
        assertTrue(o.out().contains("total") || o.out().contains("total_macs"), p.toString());
      }
    }
  }

  /** compile and run of a one-MatMul model with weights w on input x: both exit 2 with message. */
  private void quantizationRefused(float[] w, String x, String message) throws Exception {
    Path f = tmp.resolve("w.onnx");
    Files.write(f, OpModels.node("MatMul").input(1, 2).floatConst(new int[] {2, 2}, w).build());
    Path in = tmp.resolve("in.json");
    Files.writeString(in, "{\"input_data\": [[" + x + "]]}");
    for (Outcome o : new Outcome[] {exec("run", f.toString(), "--input", in.toString()),
        exec("compile", f.toString(), "--input", in.toString(), "-o", tmp.resolve("d").toString())}) {
      assertEquals(2, o.status(), o.err());
      assertOneLine(o);
      assertTrue(o.err().strip().startsWith("error: " + message), o.err());
    }
  }

  @Test
  void hugeWeightsAreRefusedNamingTheNodeAndConstant() throws Exception {
    quantizationRefused(new float[] {3e38f, 1, 1, 1}, "0.5, 0.25", "node 'n0' (op MatMul): constant 'c1'"
        + " holds " + (double) 3e38f + " at index 0, beyond the fixed-point range (magnitude at most 2147483647)");
  }

  @Test
  void nanAndInfiniteWeightsAreRefused() throws Exception {
    quantizationRefused(new float[] {1, Float.NaN, 1, 1}, "0.5, 0.25",
        "node 'n0' (op MatMul): constant 'c1' holds NaN at index 1; weights must be finite");
    quantizationRefused(new float[] {1, 1, Float.NEGATIVE_INFINITY, 1}, "0.5, 0.25",
        "node 'n0' (op MatMul): constant 'c1' holds -Infinity at index 2; weights must be finite");
  }

  @Test
  void overflowAtEveryScaleNamesTheNode() throws Exception {
    quantizationRefused(new float[] {1e6f, 1e6f, 1e6f, 1e6f}, "1e4, 1e4",
        "no scale keeps activations in bounds (tried 2^-8 .. 2^-16); at 2^-8: node 'n0' (op MatMul): ");
  }
}
