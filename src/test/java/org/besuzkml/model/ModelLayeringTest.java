package org.besuzkml.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The model side keeps its layering: {@code model} (float IR, ops, fixed point, trace) knows
 * nothing of ONNX protobuf, ONNX Runtime, Jackson, picocli or proving; only {@code onnx} and
 * {@code cli} may.
 */
class ModelLayeringTest {
  @Test
  void modelPackagesImportOnlyTheJdkAndThemselves() throws IOException {
    Path root = Path.of("src/main/java/org/besuzkml/model");
    List<String> bad = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(f)) {
          String l = line.strip();
          if (l.startsWith("import ") && !l.startsWith("import java.")
              && !l.startsWith("import static java.") && !l.contains("org.besuzkml.model")) {
            bad.add(f + ": " + l);
          }
        }
      }
    }
    assertTrue(bad.isEmpty(), String.join("\n", bad));
  }
}
