package org.besuzkml.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.besuzkml.proof.witness.CorpusModels;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code zkml bench vk}: both sizes of a model's vk, its sections, and a clear line for a bad directory. */
class BenchVkCommandTest {
  private static String run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      int rc = new CommandLine(new BenchVkCommand()).execute(args);
      return rc + "\n" + buf.toString(StandardCharsets.UTF_8);
    } finally {
      System.setOut(old);
    }
  }

  @Test
  void printsExplicitAndAffineSizes() {
    Assumptions.assumeTrue(Files.isDirectory(CorpusModels.CORPUS));
    String out = run("--breakdown", CorpusModels.CORPUS.resolve("1l_max_pool").toString());
    assertTrue(out.startsWith("0\n"), out);
    // 1,758 bytes of explicit Wire against a 200-byte description (benchmarks.md)
    assertTrue(out.contains("| 1l_max_pool | 2,599 | 1,041 | 1/1 |"), out);
    assertTrue(out.contains("Wire x1 1758 -> ") && out.contains("Wire(affine) x1 200"), out);
    assertTrue(out.contains("GADGETS 1965") && out.contains("GADGETS 407"), out);
  }

  @Test
  void aDirectoryWithoutAModelIsOneLineAndExitOne() {
    String out = run("/nonexistent-model-dir");
    assertEquals("1", out.substring(0, 1), out);
    assertTrue(out.contains("| nonexistent-model-dir |"), out);
  }
}
