package org.besuzkml.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.besuzkml.cli.ModelCommandsTest.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compile, setup, prove, verify, bench prove and demo through picocli: outputs and exit codes. */
class ProofCommandsTest {
  static final Path MLP = Path.of("../shared/models/ezkl/1l_mlp");

  @TempDir Path tmp;

  @Test
  void compileSetupProveVerifyOnOneLayerMlp() throws Exception {
    Path dir = tmp.resolve("mlp");
    String input = MLP.resolve("input.json").toString();
    Outcome c = ModelCommandsTest.exec("compile", MLP.resolve("network.onnx").toString(), "--input", input,
        "-o", dir.toString());
    assertEquals(0, c.status(), c.err());
    Outcome s = ModelCommandsTest.exec("setup", dir.toString(), "--dev-srs");
    assertEquals(0, s.status(), s.err());
    assertTrue(s.err().contains("INSECURE"), "dev SRS warns loudly");
    assertTrue(Files.exists(dir.resolve("vk.bzkv")) && Files.exists(dir.resolve("pk.bzkk")));
    Path proof = tmp.resolve("proof.json");
    Outcome p = ModelCommandsTest.exec("prove", dir.toString(), "--input", input, "-o", proof.toString(), "--json");
    assertEquals(0, p.status(), p.err());
    JsonNode pj = new ObjectMapper().readTree(p.out());
    assertTrue(pj.get("prove_ms").isNumber() && pj.get("proof_bytes").asInt() > 1000);
    // the proof's outputs are run's fixed-point outputs
    Outcome run = ModelCommandsTest.exec("run", MLP.resolve("network.onnx").toString(), "--input", input, "--json");
    assertEquals(new ObjectMapper().readTree(run.out()).get("outputs_fixed"), pj.get("outputs"));
    JsonNode file = new ObjectMapper().readTree(Files.readString(proof));
    assertTrue(file.get("model").asText().matches("0x[0-9a-f]{64}"));
    assertTrue(file.get("proof").asText().startsWith("0x"));

    Outcome v = ModelCommandsTest.exec("verify", dir.toString(), proof.toString(), "--json");
    assertEquals(0, v.status(), v.out() + v.err());
    assertTrue(new ObjectMapper().readTree(v.out()).get("valid").asBoolean());

    // a changed output: invalid, exit 1, one line
    ObjectNode bad = (ObjectNode) file.deepCopy();
    ArrayNode out0 = (ArrayNode) bad.get("outputs").get(0);
    out0.set(0, out0.get(0).asDouble() + 0.5);
    Path badProof = tmp.resolve("bad.json");
    Files.writeString(badProof, bad.toString());
    Outcome vb = ModelCommandsTest.exec("verify", dir.toString(), badProof.toString());
    assertEquals(1, vb.status());
    assertEquals(1, vb.out().strip().lines().count(), vb.out());
    assertTrue(vb.out().startsWith("invalid: "));

    // malformed files: exit 2
    Files.writeString(badProof, "{not json");
    assertEquals(2, ModelCommandsTest.exec("verify", dir.toString(), badProof.toString()).status());
    assertEquals(2, ModelCommandsTest.exec("verify", tmp.toString(), proof.toString()).status());

    Outcome b = ModelCommandsTest.exec("bench", "prove", dir.toString(), "--input", input, "--runs", "3", "--json");
    assertEquals(0, b.status(), b.err());
    JsonNode bj = new ObjectMapper().readTree(b.out());
    for (String k : new String[] {"prove_ms", "verify_ms", "proof_bytes", "peak_heap_mb"}) {
      assertTrue(bj.has(k), k);
    }
  }

  @Test
  void badInputsGiveOneLineWithoutStackTrace() throws Exception {
    Outcome s = ModelCommandsTest.exec("setup", tmp.resolve("nothing").toString(), "--dev-srs");
    assertEquals(1, s.status());
    assertTrue(s.err().startsWith("error: ") && s.err().strip().lines().count() == 1, s.err());
    assertFalse(s.err().contains("\tat "));
    Outcome p = ModelCommandsTest.exec("prove", tmp.toString(), "--input", "x.json", "-o", "y.json");
    assertEquals(1, p.status());
    assertFalse(p.err().contains("\tat "));
  }

  @Test
  void tooSmallPtauSaysTheSizeNeeded() throws Exception {
    Path lenet = Path.of("../shared/models/ezkl/lenet_5");
    Path dir = tmp.resolve("lenet");
    assertEquals(0, ModelCommandsTest.exec("compile", lenet.resolve("network.onnx").toString(), "--input",
        lenet.resolve("input.json").toString(), "-o", dir.toString()).status());
    Outcome s = ModelCommandsTest.exec("setup", dir.toString(), "--ptau", "../shared/srs/pot12_final.ptau");
    assertEquals(1, s.status());
    assertTrue(s.err().matches("(?s)error: .*has 2\\^12 powers; this model needs 2\\^1[3-9].*"), s.err());
  }

  @Test
  void ptauSetupProvesAndVerifies() throws Exception {
    Path dir = tmp.resolve("mlp");
    String input = MLP.resolve("input.json").toString();
    assertEquals(0, ModelCommandsTest.exec("compile", MLP.resolve("network.onnx").toString(), "--input", input,
        "-o", dir.toString()).status());
    Outcome s = ModelCommandsTest.exec("setup", dir.toString(), "--ptau", "../shared/srs/pot12_final.ptau");
    assertEquals(0, s.status(), s.err()); // 2^12 >= 2^8
    Outcome p = ModelCommandsTest.exec("prove", dir.toString(), "--input", input, "-o",
        tmp.resolve("p.json").toString());
    assertEquals(0, p.status(), p.err());
    assertEquals(0, ModelCommandsTest.exec("verify", dir.toString(), tmp.resolve("p.json").toString()).status());
  }

  @Test
  void demoRunsTheEmbeddedModel() {
    Outcome d = ModelCommandsTest.exec("demo", "--runs", "1");
    assertEquals(0, d.status(), d.err());
    assertTrue(d.out().contains("valid") && d.out().contains("proof"), d.out());
  }
}
