package org.besuzkml.model.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.besuzkml.model.Graph;
import org.besuzkml.onnx.OnnxImporter;
import org.besuzkml.onnx.OpModels;
import org.junit.jupiter.api.Test;

/**
 * Known-answer checks of the integer semantics written in docs/fixed-point.md, at a fixed scale
 * with no calibration ranges (so every target scale is the activation scale A = 8).
 */
class IntegerSemanticsTest {
  static final int A = 8;

  static QuantizedModel quantize(OpModels m) throws Exception {
    Graph g = OnnxImporter.read(m.build());
    return QuantizedModel.quantize(g, A, A, Map.of());
  }

  static long[] run(QuantizedModel m, long[]... inputs) {
    Trace t = m.runQuantized(List.of(inputs));
    return t.get(m.graph().outputs().get(0).name()).data();
  }

  @Test
  void gemmAddsBiasAtProductScaleThenRescalesOnce() throws Exception {
    // w = 0.5 (exact at scale 1), bias 0.25 quantized at product scale 8 + 1 = 9 -> 128.
    QuantizedModel m = quantize(OpModels.node("Gemm").input(1, 1)
        .floatConst(new int[] {1, 1}, new float[] {0.5f}).floatConst(new int[] {1}, new float[] {0.25f}));
    // x = 3/256: acc = 3 * 1 + 128 = 131 at scale 9; rescale by 1: floor((131 + 1) / 2) = 66.
    assertArrayEquals(new long[] {66}, run(m, new long[] {3}));
    // x = -3: acc = -3 + 128 = 125 -> floor(126 / 2) = 63.
    assertArrayEquals(new long[] {63}, run(m, new long[] {-3}));
  }

  @Test
  void mulOfActivationsRoundsHalfUp() throws Exception {
    QuantizedModel m = quantize(OpModels.node("Mul").input(2).input(2));
    // 384 * 1 = 384 at scale 16 -> rescale 8: floor((384 + 128) / 256) = 2 ; 1.5 -> 2
    // -384 * 1 -> floor((-384 + 128) / 256) = -1 ; -1.5 -> -1 (half up)
    assertArrayEquals(new long[] {2, -1}, run(m, new long[] {384, -384}, new long[] {1, 1}));
  }

  @Test
  void averagePoolDividesByThePublicCountWithRoundHalfUp() throws Exception {
    QuantizedModel m = quantize(OpModels.node("AveragePool").input(1, 1, 1, 3)
        .attr("kernel_shape", new long[] {1, 2}).attr("pads", 0L, 0L, 0L, 1L));
    // windows {1, 2} -> divRound(3, 2) = 2; {2, 4} -> 3; {4} (pad excluded) -> 4
    assertArrayEquals(new long[] {2, 3, 4}, run(m, new long[] {1, 2, 4}));
  }

  @Test
  void divisionOfActivationsIsRoundedIntegerDivision() throws Exception {
    QuantizedModel m = quantize(OpModels.node("Div").input(2).input(2));
    // (1/256) / (3/256) = 1/3 -> divRound(256, 3) = 85 ; (-1) / 3 -> divRound(-256, 3) = -85
    assertArrayEquals(new long[] {85, -85}, run(m, new long[] {1, -1}, new long[] {3, 3}));
  }

  @Test
  void reluMaxPoolAndDataMovementAreExact() throws Exception {
    long[] x = {-5, 7, 0, 300};
    assertArrayEquals(new long[] {0, 7, 0, 300}, run(quantize(OpModels.node("Relu").input(4)), x));
    assertArrayEquals(new long[] {7, 300}, run(quantize(OpModels.node("MaxPool").input(1, 1, 2, 2)
        .attr("kernel_shape", new long[] {1, 2})), x));
    assertArrayEquals(new long[] {-5, 0, 7, 300}, run(quantize(OpModels.node("Transpose")
        .input(2, 2)), x));
  }

  @Test
  void softmaxRowsSumToOneWithinRounding() throws Exception {
    QuantizedModel m = quantize(OpModels.node("Softmax").opset(13).input(2, 5));
    long[] y = run(m, new long[] {0, 100, -300, 256, 512, -2000, -2000, -2000, -2000, -2000});
    for (int r = 0; r < 2; r++) {
      long sum = 0;
      for (int i = 0; i < 5; i++) {
        sum += y[r * 5 + i];
      }
      assertTrue(Math.abs(sum - (1 << A)) <= 3, "row " + r + " sums to " + sum);
    }
    assertEquals(y[6], y[9], "equal inputs, equal outputs");
  }

  @Test
  void everyTableFitsTheLimit() throws Exception {
    QuantizedModel m = quantize(OpModels.node("Tanh").input(3));
    LookupTable t = m.tables().values().iterator().next();
    assertTrue(t.size() <= FixedPoint.MAX_TABLE_SIZE);
    assertTrue(t.saturating());
    assertEquals(FixedPoint.quantize(Math.tanh(1.0), A), run(m, new long[] {256, 0, 0})[0]);
  }
}
