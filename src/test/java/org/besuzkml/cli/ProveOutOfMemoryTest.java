package org.besuzkml.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prover that runs out of heap (here a real JVM with a heap far too small for lenet_5) says so in
 * one line, with the limit it had and a larger -Xmx to try, instead of "internal error: MSM worker
 * failed".
 */
class ProveOutOfMemoryTest {
  @TempDir Path tmp;

  @Test
  void outOfHeapIsOneLineThatNamesTheHeap() throws Exception {
    Path src = Path.of("../shared/models/ezkl/lenet_5");
    Path dir = tmp.resolve("lenet");
    var c = ModelCommandsTest.exec("compile", src.resolve("network.onnx").toString(), "--input",
        src.resolve("input.json").toString(), "-o", dir.toString());
    assertEquals(0, c.status(), c.err());
    assertEquals(0, ModelCommandsTest.exec("setup", dir.toString(), "--dev-srs").status());
    Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx48m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "prove", dir.toString(),
        "--input", src.resolve("input.json").toString(), "-o", tmp.resolve("p.json").toString()))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(1, p.exitValue(), err);
    String last = err.strip().lines().reduce((a, b) -> b).orElse("");
    assertTrue(last.startsWith("error: out of memory while proving with a heap limit of ")
        && last.contains(" MiB: run with a larger heap, e.g. java -Xmx"), err);
    // (another thread of the JVM may also report the shortage; the prover's own answer is the line above)
    assertTrue(!err.contains("internal error") && !err.contains("MSM worker failed"), err);
  }
}
