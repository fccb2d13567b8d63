package org.besuzkml.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.besuzkml.model.Accuracy;
import org.besuzkml.model.FloatEvaluator;
import org.besuzkml.model.Graph;
import org.besuzkml.model.Shapes;
import org.besuzkml.model.quant.Calibrator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each op on small generated tensors, built as a one-node ONNX model: our shapes and float
 * evaluation must equal ONNX Runtime's (to float32 rounding), and the calibrated fixed-point
 * evaluation must meet the accuracy criterion against it. Covers broadcasting, padding, strides,
 * groups, dilations, ceil mode, negative axes and steps.
 */
class OpsVsOrtTest {
  /** Input value distributions. */
  enum In {
    NORMAL,
    POSITIVE,
    /** Float inputs normal; integer inputs random indices in [-3, 3]. */
    INDEX
  }

  static Arguments c(String name, OpModels m) {
    return Arguments.of(name, m, In.NORMAL);
  }

  static Arguments p(String name, OpModels m) {
    return Arguments.of(name, m, In.POSITIVE);
  }

  static OpModels n(String op) {
    return OpModels.node(op);
  }

  static Stream<Arguments> cases() {
    long[] none = {};
    return Stream.of(
        c("Add broadcast both ways", n("Add").input(2, 1, 4).input(3, 1)),
        c("Add constant", n("Add").input(2, 3).randomConst(1, 3)),
        c("Sub broadcast", n("Sub").input(3, 1).input(2, 3, 4)),
        c("Mul act x act", n("Mul").input(2, 3, 4).input(4)),
        c("Mul act x const", n("Mul").input(2, 3).randomConst(2, 2, 1)),
        c("Div by constant", n("Div").input(2, 3).floatConst(new int[] {3}, new float[] {3, -0.5f, 7})),
        p("Div act by act", n("Div").input(2, 3).input(2, 3)),
        c("Pow 2", n("Pow").input(2, 5).floatConst(new int[0], new float[] {2})),
        c("Pow 3", n("Pow").input(2, 5).floatConst(new int[0], new float[] {3})),
        p("Pow 0.5", n("Pow").input(2, 5).floatConst(new int[0], new float[] {0.5f})),
        c("Max", n("Max").input(2, 3).input(3)),
        c("MatMul act x weights batched", n("MatMul").input(2, 3, 4).randomConst(3, 4, 5)),
        c("MatMul act x act batched", n("MatMul").input(2, 3, 4).input(2, 4, 2)),
        c("MatMul broadcast batch", n("MatMul").input(3, 4).input(2, 4, 5)),
        c("MatMul vector", n("MatMul").input(4).randomConst(4, 4, 3)),
        c("Gemm transB alpha beta", n("Gemm").input(2, 4).randomConst(5, 3, 4).randomConst(6, 3)
            .attr("transB", 1L).attr("alpha", 0.5).attr("beta", 2.0)),
        c("Einsum attention scores", n("Einsum").opset(12).input(1, 2, 3, 4).input(1, 2, 5, 4)
            .attr("equation", "bhqd,bhkd->bhqk")),
        c("Einsum with weights", n("Einsum").opset(12).input(2, 3).randomConst(35, 3, 4)
            .attr("equation", "ij,jk->ik")),
        c("Einsum ellipsis implicit", n("Einsum").opset(12).input(2, 3, 4).input(4, 5)
            .attr("equation", "...j,jk")),
        c("Einsum reduce", n("Einsum").opset(12).input(3, 4).attr("equation", "ij->j")),
        c("Einsum trace", n("Einsum").opset(12).input(3, 3).attr("equation", "ii->i")),
        c("Gemm no bias", n("Gemm").input(3, 4).randomConst(7, 4, 2)),
        c("Conv stride pads groups", n("Conv").input(1, 4, 7, 6).randomConst(8, 6, 2, 3, 3)
            .randomConst(9, 6).attr("group", 2L).attr("strides", 2L, 1L)
            .attr("pads", 1L, 0L, 2L, 1L)),
        c("Conv dilation", n("Conv").input(1, 2, 8, 8).randomConst(10, 3, 2, 3, 3)
            .attr("dilations", 2L, 2L).attr("pads", 2L, 2L, 2L, 2L)),
        c("Conv same_upper", n("Conv").input(1, 2, 5, 5).randomConst(11, 2, 2, 2, 2)
            .attr("auto_pad", "SAME_UPPER").attr("strides", 2L, 2L)),
        c("Conv 1d", n("Conv").input(1, 3, 9).randomConst(12, 2, 3, 3).attr("pads", 1L, 1L)),
        c("Conv depthwise", n("Conv").input(1, 3, 5, 5).randomConst(13, 3, 1, 3, 3)
            .attr("group", 3L)),
        c("MaxPool pads", n("MaxPool").input(1, 2, 5, 5).attr("kernel_shape", 3L, 3L)
            .attr("pads", 1L, 1L, 1L, 1L).attr("strides", 2L, 2L)),
        c("MaxPool ceil", n("MaxPool").input(1, 2, 6, 6).attr("kernel_shape", 3L, 3L)
            .attr("strides", 2L, 2L).attr("ceil_mode", 1L)),
        c("AveragePool pads excl", n("AveragePool").input(1, 2, 5, 5)
            .attr("kernel_shape", 3L, 3L).attr("pads", 1L, 1L, 1L, 1L)),
        c("AveragePool pads incl", n("AveragePool").input(1, 2, 5, 5)
            .attr("kernel_shape", 3L, 3L).attr("pads", 1L, 0L, 1L, 2L)
            .attr("count_include_pad", 1L)),
        c("AveragePool ceil", n("AveragePool").input(1, 1, 5, 5).attr("kernel_shape", 2L, 2L)
            .attr("strides", 2L, 2L).attr("ceil_mode", 1L)),
        c("GlobalAveragePool", n("GlobalAveragePool").input(1, 3, 4, 4)),
        c("GlobalMaxPool", n("GlobalMaxPool").input(1, 3, 4, 4)),
        c("Pad constant value", n("Pad").input(1, 2, 3).longConst(new int[] {6}, 0, 1, 2, 0, 0, 1)
            .floatConst(new int[0], new float[] {1.5f})),
        c("Pad reflect", n("Pad").input(1, 3, 4).longConst(new int[] {6}, 0, 0, 2, 0, 0, 3)
            .attr("mode", "reflect")),
        c("Pad edge", n("Pad").input(2, 3).longConst(new int[] {4}, 1, 2, 2, 1)
            .attr("mode", "edge")),
        c("Pad opset 10", n("Pad").opset(10).input(1, 2, 2).attr("pads", 0L, 1L, 1L, 0L, 1L, 0L)),
        c("BatchNormalization", n("BatchNormalization").input(1, 3, 2, 2).randomConst(14, 3)
            .randomConst(15, 3).randomConst(16, 3)
            .floatConst(new int[] {3}, new float[] {0.5f, 1.5f, 2f})),
        c("LayerNormalization", n("LayerNormalization").input(2, 3, 8).randomConst(17, 8)
            .randomConst(18, 8)),
        c("LayerNormalization axis 1", n("LayerNormalization").input(2, 3, 4).randomConst(19, 3, 4)
            .attr("axis", 1L)),
        c("GroupNormalization opset 18", n("GroupNormalization").opset(18).input(1, 4, 3, 3)
            .randomConst(31, 2).randomConst(32, 2).attr("num_groups", 2L)),
        c("GroupNormalization opset 21", n("GroupNormalization").opset(21).input(1, 6, 2, 2)
            .randomConst(33, 6).randomConst(34, 6).attr("num_groups", 3L)),
        c("MeanVarianceNormalization", n("MeanVarianceNormalization").input(1, 3, 4, 4)),
        c("LRN", n("LRN").input(1, 5, 3, 3).attr("size", 3L).attr("alpha", 0.5)
            .attr("beta", 0.75).attr("bias", 2.0)),
        c("LpNormalization", n("LpNormalization").input(3, 5).attr("axis", 1L)),
        c("InstanceNormalization", n("InstanceNormalization").input(1, 3, 4, 4).randomConst(20, 3)
            .randomConst(21, 3)),
        c("ReduceMean", n("ReduceMean").opset(13).input(2, 3, 4).attr("axes", new long[] {1})
            .attr("keepdims", 0L)),
        c("ReduceMean all", n("ReduceMean").opset(13).input(2, 3, 5)),
        c("ReduceSum axes input", n("ReduceSum").opset(13).input(2, 3, 4)
            .longConst(new int[] {2}, -1, 0)),
        c("ReduceMax", n("ReduceMax").opset(13).input(2, 3, 4).attr("axes", new long[] {2})),
        c("Relu", n("Relu").input(3, 4)),
        c("LeakyRelu", n("LeakyRelu").input(3, 4).attr("alpha", 0.1)),
        c("PRelu", n("PRelu").input(1, 3, 2, 2).floatConst(new int[] {3, 1, 1},
            new float[] {0.1f, 0.25f, -0.3f})),
        c("Sigmoid", n("Sigmoid").input(4, 5)),
        c("Tanh", n("Tanh").input(4, 5)),
        c("Softmax axis 1", n("Softmax").opset(13).input(2, 3, 4).attr("axis", 1L)),
        c("Softmax opset 11 coerced", n("Softmax").opset(11).input(2, 3, 4).attr("axis", 1L)),
        c("Clip", n("Clip").input(3, 4).floatConst(new int[0], new float[] {-0.5f})
            .floatConst(new int[0], new float[] {0.7f})),
        c("Clip max only", n("Clip").input(3, 4).none().floatConst(new int[0], new float[] {0.2f})),
        c("Exp", n("Exp").input(3, 4)),
        p("Log", n("Log").input(3, 4)),
        p("Sqrt", n("Sqrt").input(3, 4)),
        p("Reciprocal", n("Reciprocal").input(3, 4)),
        c("Erf", n("Erf").input(3, 4)),
        c("Elu", n("Elu").input(3, 4).attr("alpha", 0.7)),
        c("Softplus", n("Softplus").input(3, 4)),
        c("HardSigmoid", n("HardSigmoid").input(3, 4)),
        c("HardSwish", n("HardSwish").input(3, 4)),
        c("Gelu", n("Gelu").opset(20).input(3, 4)),
        c("Gelu tanh", n("Gelu").opset(20).input(3, 4).attr("approximate", "tanh")),
        c("Abs", n("Abs").input(3, 4)),
        c("Neg", n("Neg").input(3, 4)),
        c("Flatten axis 2", n("Flatten").input(2, 3, 4, 5).attr("axis", 2L)),
        c("Reshape -1 and 0", n("Reshape").input(2, 3, 4).longConst(new int[] {3}, 0, -1, 2)),
        c("Transpose", n("Transpose").input(2, 3, 4).attr("perm", 1L, 2L, 0L)),
        c("Transpose default", n("Transpose").input(2, 3, 4)),
        c("Concat with constant", n("Concat").input(2, 3).randomConst(22, 2, 2).input(2, 1)
            .attr("axis", -1L)),
        c("Slice negative step", n("Slice").input(3, 6).longConst(new int[] {2}, -1, 5)
            .longConst(new int[] {2}, -100, 0).longConst(new int[] {2}, 1, 0)
            .longConst(new int[] {2}, -2, -1)),
        c("Slice clamps", n("Slice").input(4, 5).longConst(new int[] {1}, 1)
            .longConst(new int[] {1}, 1000).longConst(new int[] {1}, 1)),
        c("Split sizes", n("Split").input(2, 7).longConst(new int[] {3}, 2, 4, 1).attr("axis", 1L)
            .outputs(3)),
        c("Split equal", n("Split").opset(11).input(6, 2).outputs(3)),
        c("Gather axis 1", n("Gather").input(2, 4, 3).longConst(new int[] {3}, 2, 0, -1)
            .attr("axis", 1L)),
        Arguments.of("Gather embedding rows", n("Gather").randomConst(29, 5, 4).intInput(2, 3),
            In.INDEX),
        Arguments.of("Gather computed indices axis 1", n("Gather").randomConst(30, 2, 4, 3)
            .intInput(3).attr("axis", 1L), In.INDEX),
        c("Gather scalar index", n("Gather").input(3, 4).longConst(new int[0], 1)),
        c("Identity", n("Identity").input(3, 4)),
        c("Squeeze", n("Squeeze").input(1, 3, 1, 4).longConst(new int[] {1}, 2)),
        c("Unsqueeze", n("Unsqueeze").input(3, 4).longConst(new int[] {2}, 0, -1)),
        c("Expand", n("Expand").input(3, 1).longConst(new int[] {3}, 2, 1, 4)),
        c("Tile", n("Tile").input(2, 3).longConst(new int[] {2}, 2, 2)),
        c("Cast to float", n("Cast").input(2, 3).attr("to", 1L)),
        c("Cast to int64 truncates", n("Cast").input(3, 4).attr("to", 7L)),
        c("Cast to bool", n("Cast").input(3, 4).attr("to", 9L)),
        c("Resize nearest scales", n("Resize").opset(13).input(1, 2, 3, 3).none()
            .floatConst(new int[] {4}, new float[] {1, 1, 2, 2})),
        c("Resize nearest sizes asymmetric floor", n("Resize").opset(13).input(1, 1, 4, 4).none()
            .none().longConst(new int[] {4}, 1, 1, 7, 5)
            .attr("coordinate_transformation_mode", "asymmetric").attr("nearest_mode", "floor")),
        c("Resize linear half_pixel", n("Resize").opset(13).input(1, 2, 3, 4).none()
            .floatConst(new int[] {4}, new float[] {1, 1, 2, 2}).attr("mode", "linear")),
        c("Resize linear align_corners", n("Resize").opset(13).input(1, 1, 3, 3).none().none()
            .longConst(new int[] {4}, 1, 1, 5, 4).attr("mode", "linear")
            .attr("coordinate_transformation_mode", "align_corners")),
        c("ConvTranspose stride pads", n("ConvTranspose").input(1, 2, 3, 4)
            .randomConst(25, 2, 3, 3, 3).randomConst(26, 3).attr("strides", 2L, 2L)
            .attr("pads", 1L, 0L, 0L, 1L).attr("output_padding", 1L, 0L)),
        c("ConvTranspose groups dilation", n("ConvTranspose").input(1, 4, 3, 3)
            .randomConst(27, 4, 1, 2, 2).attr("group", 2L).attr("dilations", 2L, 1L)),
        c("ConvTranspose 1d", n("ConvTranspose").input(1, 2, 5).randomConst(28, 2, 2, 3)
            .attr("strides", new long[] {2})),
        c("ArgMax", n("ArgMax").input(2, 5, 3).attr("axis", 1L).attr("keepdims", 0L)),
        c("ArgMin last index", n("ArgMin").opset(13).input(3, 4).attr("axis", -1L)
            .attr("select_last_index", 1L)),
        c("ReduceL2", n("ReduceL2").opset(13).input(2, 3, 4).attr("axes", new long[] {2})),
        c("ReduceSumSquare", n("ReduceSumSquare").opset(13).input(2, 3, 4)
            .attr("axes", new long[] {1})),
        c("ReduceL1 axes input", n("ReduceL1").opset(18).input(2, 3, 4)
            .longConst(new int[] {1}, 0)),
        c("LogSoftmax", n("LogSoftmax").opset(13).input(2, 5)),
        c("Sum of three", n("Sum").input(2, 3).input(3).randomConst(23, 2, 1)),
        c("Mean of two", n("Mean").input(2, 3).input(2, 3)),
        c("Max of three", n("Max").input(2, 3).input(3).input(2, 1)),
        c("Min with constant", n("Min").input(2, 3).randomConst(24, 3)),
        c("ReduceMin axes attribute", n("ReduceMin").input(2, 3, 4).attr("axes", new long[] {1})),
        c("CumSum", n("CumSum").input(3, 4).longConst(new int[0], 1)),
        c("CumSum axis 0 exclusive", n("CumSum").input(3, 4, 2).longConst(new int[0], 0)
            .attr("exclusive", 1L)),
        c("CumSum reverse middle axis", n("CumSum").input(2, 5, 3).longConst(new int[0], -2)
            .attr("reverse", 1L)),
        c("CumSum reverse exclusive", n("CumSum").input(6).longConst(new int[0], 0)
            .attr("reverse", 1L).attr("exclusive", 1L)),
        c("CumSum long axis in blocks", n("CumSum").input(3, 100).longConst(new int[0], 1)),
        c("CumSum long middle axis reverse exclusive in blocks", n("CumSum").input(2, 70, 3)
            .longConst(new int[0], 1).attr("reverse", 1L).attr("exclusive", 1L)),
        c("CumSum long axis reverse in blocks", n("CumSum").input(129).longConst(new int[0], 0)
            .attr("reverse", 1L)),
        Arguments.of("CumSum int64 positions", n("CumSum").intInput(2, 5)
            .longConst(new int[0], 1), In.INDEX),
        c("ArgMax first axis keepdims", n("ArgMax").input(4, 3)),
        c("ArgMax last index", n("ArgMax").opset(13).input(2, 3, 4).attr("axis", 2L)
            .attr("select_last_index", 1L)),
        c("ArgMin middle axis", n("ArgMin").input(2, 6, 3).attr("axis", -2L)),
        c("LogSoftmax axis 1 of 3", n("LogSoftmax").opset(13).input(2, 6, 3).attr("axis", 1L)),
        c("LogSoftmax opset 11", n("LogSoftmax").opset(11).input(2, 3, 4)),
        c("ConvTranspose plain", n("ConvTranspose").input(1, 3, 4, 4).randomConst(36, 3, 2, 3, 3)
            .randomConst(37, 2)),
        c("ConvTranspose valid stride 3", n("ConvTranspose").input(1, 2, 3, 2)
            .randomConst(38, 2, 2, 2, 3).attr("strides", 3L, 2L).attr("auto_pad", "VALID")),
        c("ConvTranspose big pads", n("ConvTranspose").input(1, 1, 5, 5)
            .randomConst(39, 1, 2, 2, 2).attr("pads", 2L, 1L, 2L, 1L)),
        c("Floor", n("Floor").input(3, 4)),
        c("Floor 3d", n("Floor").input(2, 3, 5)),
        c("Ceil 1d", n("Ceil").input(7)),
        c("Round 3d", n("Round").input(2, 4, 3)),
        c("Sign 1d", n("Sign").input(9)),
        c("Ceil", n("Ceil").input(3, 4)),
        c("Round", n("Round").input(3, 4)),
        c("Sign", n("Sign").input(3, 4)),
        c("Trilu upper k=1", n("Trilu").opset(14).input(2, 4, 5).longConst(new int[0], 1)),
        c("Trilu lower", n("Trilu").opset(14).input(4, 4).attr("upper", 0L)),
        c("DepthToSpace DCR", n("DepthToSpace").input(1, 8, 2, 3).attr("blocksize", 2L)),
        c("DepthToSpace CRD", n("DepthToSpace").input(1, 8, 2, 3).attr("blocksize", 2L)
            .attr("mode", "CRD")),
        c("SpaceToDepth", n("SpaceToDepth").input(1, 2, 4, 6).attr("blocksize", 2L)),
        c("Resize opset 10", n("Resize").opset(10).input(1, 1, 2, 3)
            .floatConst(new int[] {4}, new float[] {1, 1, 2, 3})),
        c("TopK largest last axis", n("TopK").opset(11).input(2, 7).longConst(new int[] {1}, 3)
            .outputs(2)),
        c("TopK smallest middle axis", n("TopK").opset(11).input(2, 6, 3)
            .longConst(new int[] {1}, 2).attr("axis", 1L).attr("largest", 0L).outputs(2)),
        c("TopK k 1 axis 0", n("TopK").opset(11).input(5, 2).longConst(new int[] {1}, 1)
            .attr("axis", 0L).outputs(2)),
        c("TopK whole axis opset 1", n("TopK").opset(1).input(3, 4).attr("k", 4L).outputs(2)),
        c("Resize linear half_pixel downscale", n("Resize").opset(13).input(1, 1, 6, 6).none()
            .floatConst(new int[] {4}, new float[] {1, 1, 0.5f, 0.5f}).attr("mode", "linear")),
        c("Resize linear asymmetric sizes", n("Resize").opset(13).input(1, 2, 3, 3).none().none()
            .longConst(new int[] {4}, 1, 2, 5, 7).attr("mode", "linear")
            .attr("coordinate_transformation_mode", "asymmetric")),
        c("Resize linear pytorch_half_pixel 1d", n("Resize").opset(13).input(2, 5).none()
            .floatConst(new int[] {2}, new float[] {1, 3}).attr("mode", "linear")
            .attr("coordinate_transformation_mode", "pytorch_half_pixel")),
        c("Einsum three operands chain", n("Einsum").opset(12).input(2, 3).input(3, 4)
            .input(4, 5).attr("equation", "ij,jk,kl->il")),
        c("Einsum three with weights and batch", n("Einsum").opset(12).input(2, 3, 4)
            .randomConst(41, 4, 5).input(2, 5).attr("equation", "bij,jk,bk->bi")),
        c("Einsum four operands ellipsis implicit", n("Einsum").opset(12).input(2, 3).input(3)
            .input(3, 4).input(4).attr("equation", "...i,i,ij,j")),
        c("NonZero of a constant mask into Gather", n("Gather").input(2, 6)
            .floatConst(new int[] {6}, new float[] {0, 1, 0, 1, 1, 0}).through("NonZero")
            .attr("axis", 1L)),
        c("NonZero folded through Transpose", n("Gather").input(3, 4)
            .floatConst(new int[] {2, 2}, new float[] {1, 0, 0, 2}).through("NonZero")
            .through("Transpose").attr("axis", 1L)));
  }

  static List<double[]> inputs(Graph g, In kind, long seed) {
    Random r = new Random(seed);
    List<double[]> in = new ArrayList<>();
    for (Graph.Value v : g.inputs()) {
      double[] x = new double[Shapes.size(v.shape())];
      for (int i = 0; i < x.length; i++) {
        double z = r.nextGaussian();
        x[i] = kind == In.POSITIVE ? 0.25 + Math.abs(z) : z;
        if (kind == In.INDEX && g.type(v.name()) != org.besuzkml.model.Tensor.ElemType.FLOAT) {
          x[i] = r.nextInt(7) - 3;
        }
      }
      in.add(x);
    }
    return in;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesOnnxRuntime(String name, OpModels m, In kind) throws Exception {
    byte[] bytes = m.build();
    Graph g = OnnxImporter.read(bytes);
    List<double[]> in = inputs(g, kind, name.hashCode());
    double[][] ort = OrtReference.run(bytes, g, in);
    double[][] ours = FloatEvaluator.outputs(g, in);
    assertEquals(ort.length, ours.length);
    for (int o = 0; o < ort.length; o++) {
      assertEquals(ort[o].length, ours[o].length, "output " + o + " length");
      for (int i = 0; i < ort[o].length; i++) {
        assertEquals(ort[o][i], ours[o][i], 1e-5 * (1 + Math.abs(ort[o][i])),
            name + ": float output " + o + "[" + i + "]");
      }
    }
    Calibrator.Result cal = Calibrator.calibrate(g, List.of(in), null);
    double[][] fixed = cal.model().outputs(cal.model().run(in));
    Accuracy acc = Accuracy.compare(ort, fixed);
    assertTrue(acc.passes(), name + ": fixed point " + acc + " " + cal.report());
  }

  @org.junit.jupiter.api.Test
  void shapesFromImportMatchOrtOutputShapes() throws Exception {
    byte[] bytes = n("Conv").input(1, 4, 7, 6).randomConst(8, 6, 2, 3, 3).attr("group", 2L)
        .attr("strides", 2L, 1L).attr("pads", 1L, 0L, 2L, 1L).build();
    Graph g = OnnxImporter.read(bytes);
    assertArrayEquals(new int[] {1, 6, 4, 5}, g.outputs().get(0).shape());
  }
}
