package org.besuzkml.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.besuzkml.model.quant.Calibrator;
import org.besuzkml.onnx.InputFile;
import org.besuzkml.onnx.OnnxImporter;
import org.besuzkml.onnx.OrtReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus model (../shared/models/ezkl) imports, calibrates on its input, runs in fixed point
 * and matches ONNX Runtime: argmax equal for outputs with more than one element, and max abs error
 * at most 1% of max(output range, max |output|, 0.1).
 */
class CorpusAccuracyTest {
  static final Path CORPUS = Path.of("../shared/models/ezkl");

  static Stream<String> models() throws IOException {
    if (!Files.isDirectory(CORPUS)) {
      return Stream.of("(corpus not present)");
    }
    try (Stream<Path> s = Files.list(CORPUS)) {
      return s.filter(p -> Files.exists(p.resolve("network.onnx")))
          .map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  /** One row of docs/accuracy.md. */
  static String row(String name) throws Exception {
    Path dir = CORPUS.resolve(name);
    byte[] bytes = Files.readAllBytes(dir.resolve("network.onnx"));
    Graph g = OnnxImporter.read(bytes);
    List<double[]> in = InputFile.read(dir.resolve("input.json"), g);
    Calibrator.Result cal = Calibrator.calibrate(g, List.of(in), null);
    double[][] fixed = cal.model().outputs(cal.model().run(in));
    double[][] ort = OrtReference.run(bytes, g, in);
    Accuracy acc = Accuracy.compare(ort, fixed);
    return String.format("| %s | %d | %d | %.3g | %.3g | %s | %s |", name,
        cal.model().actScale(), cal.model().tables().size(), acc.maxAbsErr(), acc.relErr(),
        acc.argmaxMatch() ? "yes" : "NO", acc.passes() ? "pass" : "FAIL");
  }

  @ParameterizedTest
  @MethodSource("models")
  void matchesOnnxRuntime(String name) throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(CORPUS));
    String row = row(name);
    System.out.println(row);
    assertTrue(row.endsWith("pass |"), row);
  }
}
