package org.besuzkml.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.besuzkml.model.Graph;
import org.besuzkml.model.Shapes;
import org.junit.jupiter.api.Test;

/** The scaling benchmark's generated models: the sizes they claim, and that they import and run. */
class SyntheticModelsTest {
  private static long initializerEntries(byte[] onnx) throws Exception {
    return org.besuzkml.onnx.proto.Onnx.ModelProto.parseFrom(onnx).getGraph().getInitializerList().stream()
        .mapToLong(t -> t.getDimsList().stream().reduce(1L, (a, b) -> a * b)).sum();
  }

  @Test
  void mlpLadderHitsItsParameterCounts() throws Exception {
    SyntheticModels.Model m = SyntheticModels.mlpOfParams(1_000_000, 1);
    assertEquals("mlp-704", m.name()); // the issue's 704-704-704-10
    assertEquals(2 * (704 * 704 + 704) + 7040 + 10, m.params());
    assertEquals(m.params(), initializerEntries(m.onnx()));
    assertEquals(2L * 704 * 704 + 7040, m.macs());
    for (long p = 1_000; p <= 10_000_000; p *= 10) {
      long got = SyntheticModels.mlpOfParams(p, 1).params();
      assertEquals(p, got, p * 0.05, "an MLP of about " + p + " parameters");
    }
  }

  @Test
  void cifarCnnIsTheIssuesSize() throws Exception {
    SyntheticModels.Model m = SyntheticModels.cnn("c", 3, 32, 32, 128, 2);
    // conv 3->32, 32->64, 64->128 (3x3, with biases), dense 2048->128, head 128->10
    long want = (32 * 3 * 9 + 32) + (64 * 32 * 9 + 64) + (128 * 64 * 9 + 128) + (2048 * 128 + 128) + (128 * 10 + 10);
    assertEquals(want, m.params());
    assertEquals(want, initializerEntries(m.onnx()));
    assertEquals(32L * 3 * 9 * 1024 + 64L * 32 * 9 * 256 + 128L * 64 * 9 * 64 + 2048 * 128 + 1280, m.macs());
  }

  @Test
  void generatedModelsImportAndRunOnTheirInput() throws Exception {
    for (SyntheticModels.Model m : List.of(SyntheticModels.mlpOfParams(1_000, 3),
        SyntheticModels.cnn("small", 1, 8, 2, 8, 3))) {
      Graph g = OnnxImporter.read(m.onnx());
      List<double[]> in = InputFile.parse(m.inputJson(), g);
      assertEquals(Shapes.size(g.inputs().get(0).shape()), in.get(0).length);
      double[][] out = OrtReference.run(m.onnx(), g, in);
      assertEquals(10, out[0].length, m.name());
      // seeded: the same model and input twice
      SyntheticModels.Model again = m.name().equals("small") ? SyntheticModels.cnn("small", 1, 8, 2, 8, 3)
          : SyntheticModels.mlpOfParams(1_000, 3);
      assertArrayEquals(m.onnx(), again.onnx());
      assertEquals(m.inputJson(), again.inputJson());
    }
  }
}
