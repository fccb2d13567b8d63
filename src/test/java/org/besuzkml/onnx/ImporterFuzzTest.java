package org.besuzkml.onnx;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.besuzkml.model.ModelException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Hostile model bytes: every truncation point and random byte corruptions of real models either
 * import or fail with a {@link ModelException} (a one-line message), never another exception.
 */
class ImporterFuzzTest {
  static void importOrModelException(byte[] b, String what) {
    try {
      org.besuzkml.model.Graph g = OnnxImporter.read(b);
      // What imports must also calibrate and run, or fail with a checked or arithmetic error.
      java.util.List<double[]> in = new java.util.ArrayList<>();
      for (org.besuzkml.model.Graph.Value v : g.inputs()) {
        double[] x = new double[org.besuzkml.model.Shapes.size(v.shape())];
        java.util.Arrays.fill(x, 0.5);
        in.add(x);
      }
      if (g.totalMacs() < 5_000_000) {
        try {
          org.besuzkml.model.quant.Calibrator.calibrate(g, java.util.List.of(in), null);
        } catch (ArithmeticException e) {
          // overflow at every scale: reported by run as one line
        }
      }
    } catch (ModelException e) {
      if (e.getMessage() == null || e.getMessage().contains("\n")) {
        fail(what + ": message is not one line: " + e.getMessage());
      }
    } catch (RuntimeException | StackOverflowError e) {
      fail(what + ": " + e, e);
    }
  }

  static byte[] corpus(String name) throws Exception {
    Path p = Path.of("../shared/models/ezkl", name, "network.onnx");
    Assumptions.assumeTrue(Files.exists(p), "corpus not present");
    return Files.readAllBytes(p);
  }

  @Test
  void everyTruncationOfASmallModelFailsCleanly() throws Exception {
    byte[] b = corpus("1l_mlp");
    for (int len = 0; len < b.length; len++) {
      importOrModelException(Arrays.copyOf(b, len), "truncated to " + len);
    }
  }

  @Test
  void randomByteCorruptionsFailCleanly() throws Exception {
    Random r = new Random(42);
    for (String name : new String[] {"1l_mlp", "3l_relu_conv_fc", "1l_average", "layernorm",
        "1l_softmax", "clip"}) {
      byte[] b = corpus(name);
      for (int t = 0; t < 250; t++) {
        byte[] m = b.clone();
        int flips = 1 + r.nextInt(4);
        for (int k = 0; k < flips; k++) {
          m[r.nextInt(m.length)] = (byte) r.nextInt(256);
        }
        importOrModelException(m, name + " corruption " + t);
      }
    }
  }
}
