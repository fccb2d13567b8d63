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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zero knowledge through the CLI (zk-design 1.1, 1.5): {@code setup --zk} and {@code setup
 * --input-visibility private} give version-2 keys; {@code prove} writes the version-2 proof JSON
 * ({@code "format": 2}, {@code "zk": true}, the visibility, {@code null} for a private input);
 * {@code verify} prints the visibility line before the verdict; a version-1 key's JSON is unchanged.
 */
class ZkCommandsTest {
  private static final ObjectMapper OM = new ObjectMapper();
  private static final String INPUT = ProofCommandsTest.MLP.resolve("input.json").toString();

  @TempDir Path tmp;
  private Path dir;

  @BeforeEach
  void compile() {
    dir = tmp.resolve("mlp");
    Outcome c = ModelCommandsTest.exec("compile", ProofCommandsTest.MLP.resolve("network.onnx").toString(), "--input",
        INPUT, "-o", dir.toString());
    assertEquals(0, c.status(), c.err());
  }

  private JsonNode prove(Path proof) throws Exception {
    Outcome p = ModelCommandsTest.exec("prove", dir.toString(), "--input", INPUT, "-o", proof.toString());
    assertEquals(0, p.status(), p.err());
    return OM.readTree(Files.readString(proof));
  }

  private Outcome verify(Path proof) {
    return ModelCommandsTest.exec("verify", dir.toString(), proof.toString());
  }

  private Path write(String name, JsonNode json) throws Exception {
    Path p = tmp.resolve(name);
    Files.writeString(p, json.toString());
    return p;
  }

  @Test
  void zkSetupWritesVersionTwoJsonAndVerifyPrintsTheVisibility() throws Exception {
    Outcome s = ModelCommandsTest.exec("setup", dir.toString(), "--dev-srs", "--zk");
    assertEquals(0, s.status(), s.err());
    assertTrue(s.out().contains("zk: yes; inputs: #0 public; outputs: #0 public; params: public"), s.out());
    Path proof = tmp.resolve("p.json");
    JsonNode file = prove(proof);
    assertEquals(2, file.get("format").asInt());
    assertTrue(file.get("zk").asBoolean());
    assertEquals(OM.readTree("{\"inputs\":[\"public\"],\"outputs\":[\"public\"],\"params\":\"public\"}"),
        file.get("visibility"));
    assertTrue(file.get("inputs").get(0).isArray() && file.get("inputs").get(0).size() > 0);
    assertTrue(file.get("proof").asText().startsWith("0x425a4b500002"), "a BZKP container of version 2");

    Outcome v = verify(proof);
    assertEquals(0, v.status(), v.out() + v.err());
    String[] lines = v.out().strip().split("\n");
    assertEquals(2, lines.length, v.out());
    assertEquals("zk: yes; inputs: #0 public; outputs: #0 public; params: public", lines[0]);
    assertTrue(lines[1].startsWith("valid"), lines[1]);

    // a false output: the visibility line, then the reason
    ObjectNode bad = file.deepCopy();
    ArrayNode out0 = (ArrayNode) bad.get("outputs").get(0);
    out0.set(0, out0.get(0).asDouble() + 0.5);
    Outcome vb = verify(write("bad.json", bad));
    assertEquals(1, vb.status());
    String[] bl = vb.out().strip().split("\n");
    assertEquals(2, bl.length, vb.out());
    assertTrue(bl[0].startsWith("zk: yes;") && bl[1].startsWith("invalid: "), vb.out());

    // a version-1 JSON (no format) still reads under an all-public zk key
    ObjectNode v1 = file.deepCopy();
    v1.remove("format");
    v1.remove("zk");
    v1.remove("visibility");
    assertEquals(0, verify(write("v1.json", v1)).status());
    // an unknown format, or a format-2 JSON that does not say zk, is malformed
    ObjectNode f3 = file.deepCopy();
    f3.put("format", 3);
    assertEquals(2, verify(write("f3.json", f3)).status());
    ObjectNode noZk = file.deepCopy();
    noZk.put("zk", false);
    assertEquals(2, verify(write("nozk.json", noZk)).status());

    Outcome vj = ModelCommandsTest.exec("verify", dir.toString(), proof.toString(), "--json");
    JsonNode j = OM.readTree(vj.out());
    assertTrue(j.get("valid").asBoolean());
    assertEquals(lines[0], j.get("visibility").asText());
  }

  @Test
  void privateInputProofHidesTheInputAndVerifies() throws Exception {
    Outcome s = ModelCommandsTest.exec("setup", dir.toString(), "--dev-srs", "--input-visibility", "private");
    assertEquals(0, s.status(), s.err());
    assertTrue(s.out().contains("zk: yes; inputs: #0 private; outputs: #0 public; params: public"), s.out());
    Path proof = tmp.resolve("p.json");
    JsonNode file = prove(proof);
    assertEquals(2, file.get("format").asInt());
    assertEquals("private", file.get("visibility").get("inputs").get(0).asText());
    assertTrue(file.get("inputs").get(0).isNull(), "a private input is null in the JSON");
    Outcome v = verify(proof);
    assertEquals(0, v.status(), v.out() + v.err());
    assertTrue(v.out().startsWith("zk: yes; inputs: #0 private; outputs: #0 public; params: public\nvalid"), v.out());

    // the outputs are those of the same input proven publicly (run's fixed-point outputs)
    Outcome run = ModelCommandsTest.exec("run", ProofCommandsTest.MLP.resolve("network.onnx").toString(), "--input",
        INPUT, "--json");
    assertEquals(OM.readTree(run.out()).get("outputs_fixed"), file.get("outputs"));

    ObjectNode bad = file.deepCopy();
    ArrayNode out0 = (ArrayNode) bad.get("outputs").get(0);
    out0.set(0, out0.get(0).asDouble() + 0.5);
    Outcome vb = verify(write("bad.json", bad));
    assertEquals(1, vb.status(), vb.out());
    assertTrue(vb.out().contains("\ninvalid: "), vb.out());

    // stating the private input, or claiming it public, is malformed
    ObjectNode stated = file.deepCopy();
    ((ArrayNode) stated.get("inputs")).set(0, OM.readTree("[0.5, 0.25, 0.125]"));
    Outcome vs = verify(write("stated.json", stated));
    assertEquals(2, vs.status());
    assertTrue(vs.out().contains("is private: it must be null"), vs.out());
    ObjectNode claimed = file.deepCopy();
    ((ArrayNode) claimed.get("visibility").get("inputs")).set(0, OM.getNodeFactory().textNode("public"));
    assertEquals(2, verify(write("claimed.json", claimed)).status());
    // a version-1 JSON cannot express a private input
    ObjectNode v1 = file.deepCopy();
    v1.remove("format");
    assertEquals(2, verify(write("v1.json", v1)).status());
    // bench prove verifies each proof as a statement with the input private
    Outcome b = ModelCommandsTest.exec("bench", "prove", dir.toString(), "--input", INPUT, "--runs", "2", "--json");
    assertEquals(0, b.status(), b.err());
    assertTrue(OM.readTree(b.out()).has("verify_ms"));
  }

  @Test
  void versionOneKeyKeepsItsJsonAndOutput() throws Exception {
    assertEquals(0, ModelCommandsTest.exec("setup", dir.toString(), "--dev-srs").status());
    Path proof = tmp.resolve("p.json");
    JsonNode file = prove(proof);
    assertFalse(file.has("format") || file.has("zk") || file.has("visibility"), file.toString());
    Outcome v = verify(proof);
    assertEquals(0, v.status());
    assertEquals(1, v.out().strip().lines().count(), "no visibility line for a version-1 key");
    // a version-2 JSON for a version-1 key is malformed
    ObjectNode v2 = file.deepCopy();
    v2.put("format", 2);
    assertEquals(2, verify(write("v2.json", v2)).status());
  }

  @Test
  void ptauZkSetupProvesAndVerifiesPrivately() throws Exception {
    Outcome s = ModelCommandsTest.exec("setup", dir.toString(), "--ptau", "../shared/srs/pot12_final.ptau",
        "--input-visibility", "private");
    assertEquals(0, s.status(), s.err());
    Path proof = tmp.resolve("p.json");
    assertTrue(prove(proof).get("inputs").get(0).isNull());
    assertEquals(0, verify(proof).status());
  }

  @Test
  void unknownVisibilityRefused() {
    Outcome s = ModelCommandsTest.exec("setup", dir.toString(), "--dev-srs", "--input-visibility", "secret");
    assertEquals(1, s.status());
    assertTrue(s.err().startsWith("error: --input-visibility must be public, private or committed"), s.err());
  }
}
