package org.besuzkml.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real JVM with a heap far too small for lenet_5: prove refuses at once, naming the heap it
 * estimates and the -Xmx to use; with the check skipped, running out of heap is one line with the
 * limit and a larger -Xmx, instead of "internal error: MSM worker failed".
 */
class ProveOutOfMemoryTest {
  @TempDir static Path tmp;
  static Path dir;
  static final Path SRC = Path.of("../shared/models/ezkl/lenet_5");

  @BeforeAll
  static void lenet() {
    dir = tmp.resolve("lenet");
    var c = ModelCommandsTest.exec("compile", SRC.resolve("network.onnx").toString(), "--input",
        SRC.resolve("input.json").toString(), "-o", dir.toString());
    assertEquals(0, c.status(), c.err());
    assertEquals(0, ModelCommandsTest.exec("setup", dir.toString(), "--dev-srs").status());
  }

  @Test
  void aHeapBelowTheEstimateIsRefusedBeforeProving() throws Exception {
    String err = prove("-Xmx64m");
    String last = last(err);
    assertTrue(last.startsWith("error: proving this model needs about ") && last.contains(" of heap; this JVM has ")
        && last.contains(": run with -Xmx") && last.endsWith("; --skip-memory-check tries anyway"), err);
    assertFalse(err.contains("% ["), "the progress bar started: " + err); // refused before any phase
    assertFalse(Files.exists(tmp.resolve("p.json")));
  }

  @Test
  void outOfHeapIsOneLineThatNamesTheHeap() throws Exception {
    String err = prove("-Xmx48m", "--skip-memory-check");
    String last = last(err);
    assertTrue(last.startsWith("error: out of memory while proving with a heap limit of ")
        && last.contains(" estimated for this model): run with a larger heap, e.g. java -Xmx"), err);
    // (another thread of the JVM may also report the shortage; the prover's own answer is the line above)
    assertTrue(!err.contains("internal error") && !err.contains("MSM worker failed"), err);
  }

  private static String prove(String xmx, String... extra) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        xmx, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "prove", dir.toString(),
        "--input", SRC.resolve("input.json").toString(), "-o", tmp.resolve("p.json").toString()));
    cmd.addAll(List.of(extra));
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(1, p.exitValue(), err);
    return err;
  }

  private static String last(String err) {
    return err.strip().lines().reduce((a, b) -> b).orElse("");
  }
}
