package org.besuzkml.cli;

import static org.besuzkml.cli.ModelCommandsTest.assertOneLine;
import static org.besuzkml.cli.ModelCommandsTest.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.besuzkml.cli.ModelCommandsTest.Outcome;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, "tried as a new user and an attacker would": proof files, outputs and options that
 * once verified wrongly, crashed or were silently accepted. Each gives one line and its status.
 */
class HostileInputsTest {
  static final Path MLP = Path.of("../shared/models/ezkl/1l_mlp");
  static final Path RELU = Path.of("../shared/models/ezkl/1l_relu");

  @TempDir static Path shared;
  @TempDir Path tmp;

  static Path dir;
  static Path proof;

  @BeforeAll
  static void proveOnce() {
    Assumptions.assumeTrue(Files.isDirectory(MLP), "corpus not present");
    dir = shared.resolve("mlp");
    proof = shared.resolve("proof.json");
    String in = MLP.resolve("input.json").toString();
    assertEquals(0, exec("compile", MLP.resolve("network.onnx").toString(), "--input", in, "-o",
        dir.toString()).status());
    assertEquals(0, exec("setup", dir.toString(), "--dev-srs").status());
    Outcome p = exec("prove", dir.toString(), "--input", in, "-o", proof.toString());
    assertEquals(0, p.status(), p.err());
  }

  /** The proof file's text with a second, earlier "outputs" key holding other values. */
  @Test
  void duplicateKeyInProofIsMalformed() throws Exception {
    String real = Files.readString(proof).strip();
    assertTrue(real.startsWith("{\"model\""), real);
    String forged = "{\"outputs\": [[9.0, 9.0, 9.0, 9.0]], " + real.substring(1);
    Path f = tmp.resolve("dup.json");
    Files.writeString(f, forged);
    Outcome v = exec("verify", dir.toString(), f.toString());
    assertEquals(2, v.status(), v.out());
    assertEquals("malformed: " + f + ": not valid JSON: duplicate key 'outputs'", v.out().strip());
    assertOneLine(new Outcome(v.status(), "", v.out()));
  }

  @Test
  void duplicateKeyInInputIsMalformed() throws Exception {
    Path in = tmp.resolve("in.json");
    Files.writeString(in, "{\"input_data\": [[0, 0, 0]], \"input_data\": [[1, 2, 3]]}");
    for (String cmd : new String[] {"run", "compile", "prove"}) {
      Outcome o = cmd.equals("run")
          ? exec("run", MLP.resolve("network.onnx").toString(), "--input", in.toString())
          : cmd.equals("compile")
          ? exec("compile", MLP.resolve("network.onnx").toString(), "--input", in.toString(), "-o",
              tmp.resolve("c").toString())
          : exec("prove", dir.toString(), "--input", in.toString(), "-o", tmp.resolve("p").toString());
      assertEquals(2, o.status(), cmd + ": " + o.err());
      assertEquals("error: input is not valid JSON: duplicate key 'input_data'", o.err().strip(), cmd);
    }
  }

  @Test
  void trailingContentAfterTheProofIsMalformed() throws Exception {
    Path f = tmp.resolve("trailing.json");
    Files.writeString(f, Files.readString(proof) + "{\"outputs\": [[9]]}");
    Outcome v = exec("verify", dir.toString(), f.toString());
    assertEquals(2, v.status(), v.out());
    assertTrue(v.out().startsWith("malformed: " + f + ": not valid JSON: "), v.out());
  }

  @Test
  void proveCreatesMissingParentDirectories() throws Exception {
    Path out = tmp.resolve("a/b/proof.json");
    Outcome p = exec("prove", dir.toString(), "--input", MLP.resolve("input.json").toString(), "-o",
        out.toString());
    assertEquals(0, p.status(), p.err());
    assertEquals(0, exec("verify", dir.toString(), out.toString()).status());
  }

  @Test
  void outputUnderARegularFileIsOneLine() throws Exception {
    Path file = tmp.resolve("plain");
    Files.writeString(file, "x");
    Path out = file.resolve("proof.json");
    Outcome p = exec("prove", dir.toString(), "--input", MLP.resolve("input.json").toString(), "-o",
        out.toString());
    assertEquals(1, p.status());
    assertOneLine(p);
    assertEquals("error: cannot write " + out + ": " + file + ": exists and is not a directory",
        p.err().strip());
    Outcome c = exec("compile", MLP.resolve("network.onnx").toString(), "--input",
        MLP.resolve("input.json").toString(), "-o", file.resolve("dir").toString());
    assertEquals(1, c.status());
    assertOneLine(c);
    Outcome r = exec("run", MLP.resolve("network.onnx").toString(), "--input",
        MLP.resolve("input.json").toString(), "--trace", out.toString());
    assertEquals(1, r.status());
    assertOneLine(r);
  }

  @Test
  void runTraceCreatesMissingParentDirectories() {
    Path out = tmp.resolve("x/y/trace.json");
    Outcome r = exec("run", MLP.resolve("network.onnx").toString(), "--input",
        MLP.resolve("input.json").toString(), "--trace", out.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(Files.exists(out));
  }

  @Test
  void proofForAnotherModelNamesBothModels() throws Exception {
    Path other = tmp.resolve("relu");
    assertEquals(0, exec("compile", RELU.resolve("network.onnx").toString(), "--input",
        RELU.resolve("input.json").toString(), "-o", other.toString()).status());
    Outcome setup = exec("setup", other.toString(), "--dev-srs");
    assertEquals(0, setup.status());
    String theirs = setup.out().replaceAll("(?s).*model id (0x[0-9a-f]{64}).*", "$1").strip();
    String mine = new com.fasterxml.jackson.databind.ObjectMapper().readTree(proof.toFile())
        .get("model").asText();
    Outcome v = exec("verify", other.toString(), proof.toString());
    assertEquals(1, v.status(), v.out());
    assertEquals("invalid: proof is for model " + mine + ", this directory's vk is model " + theirs,
        v.out().strip());
    assertTrue(theirs.matches("0x[0-9a-f]{64}") && !theirs.equals(mine), theirs);
  }

  @Test
  void runsMustBeAtLeastOne() {
    for (String n : new String[] {"0", "-1"}) {
      Outcome[] all = {
        exec("demo", "--runs", n),
        exec("bench", "prove", dir.toString(), "--input", MLP.resolve("input.json").toString(), "--runs", n),
        exec("bench", "crypto", "--runs", n)};
      for (Outcome o : all) {
        assertEquals(2, o.status(), o.err());
        assertEquals("error: --runs must be at least 1 (got " + n + ")", o.err().strip());
        assertEquals("", o.out());
      }
    }
  }
}
