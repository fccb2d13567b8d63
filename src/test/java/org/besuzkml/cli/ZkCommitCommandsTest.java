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
import java.nio.file.attribute.PosixFilePermissions;
import org.besuzkml.cli.ModelCommandsTest.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Committed inputs through the CLI (zk-design 1.4, 1.5): {@code setup --input-visibility committed},
 * {@code commit} (the opening apart, mode 0600, never printed), {@code prove --opening} (checked
 * before proving), the proof JSON's {@code {"commitment"}} and verify's visibility line.
 */
class ZkCommitCommandsTest {
  private static final ObjectMapper OM = new ObjectMapper();
  private static final String INPUT = ProofCommandsTest.MLP.resolve("input.json").toString();

  @TempDir Path tmp;
  private Path dir;

  @BeforeEach
  void setup() {
    dir = tmp.resolve("mlp");
    Outcome c = ModelCommandsTest.exec("compile", ProofCommandsTest.MLP.resolve("network.onnx").toString(), "--input",
        INPUT, "-o", dir.toString());
    assertEquals(0, c.status(), c.err());
    Outcome s = ModelCommandsTest.exec("setup", dir.toString(), "--dev-srs", "--input-visibility", "committed");
    assertEquals(0, s.status(), s.err());
    assertTrue(s.out().contains("zk: yes; inputs: #0 committed; outputs: #0 public; params: public"), s.out());
  }

  private Path write(String name, String text) throws Exception {
    Path p = tmp.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  /** An input file with the first value of the MLP's input changed. */
  private Path otherInput() throws Exception {
    ObjectNode in = (ObjectNode) OM.readTree(Files.readString(Path.of(INPUT)));
    ArrayNode first = (ArrayNode) in.get("input_data").get(0);
    first.set(0, first.get(0).asDouble() + 0.25);
    return write("other.json", in.toString());
  }

  @Test
  void commitProveVerify() throws Exception {
    Path cmt = tmp.resolve("c.json");
    Outcome c = ModelCommandsTest.exec("commit", dir.toString(), "--input", INPUT, "-o", cmt.toString());
    assertEquals(0, c.status(), c.err());
    Path opening = tmp.resolve("c.opening.json");
    assertTrue(Files.exists(opening), "the default opening path");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(opening)));
    JsonNode op = OM.readTree(Files.readString(opening));
    String blinding = op.get("inputs").get(0).get("blinding").asText();
    String commitment = op.get("inputs").get(0).get("commitment").asText();
    JsonNode pub = OM.readTree(Files.readString(cmt));
    assertEquals("besu-zkml/commitment/v1", pub.get("format").asText());
    assertEquals(commitment, pub.get("inputs").get(0).get("commitment").asText());
    assertFalse(pub.toString().contains(blinding) || pub.has("values") || pub.get("inputs").get(0).has("values"));
    assertTrue(c.out().contains(commitment), c.out());
    assertFalse(c.out().contains(blinding) || c.err().contains(blinding), "the opening is never printed");

    Path proof = tmp.resolve("p.json");
    Outcome p = ModelCommandsTest.exec("prove", dir.toString(), "--input", INPUT, "--opening", opening.toString(),
        "-o", proof.toString());
    assertEquals(0, p.status(), p.err());
    assertFalse(p.out().contains(blinding) || p.err().contains(blinding));
    String text = Files.readString(proof);
    assertFalse(text.contains(blinding.substring(2)), "the blinding is in the proof JSON");
    JsonNode file = OM.readTree(text);
    assertEquals("committed", file.get("visibility").get("inputs").get(0).asText());
    assertEquals(OM.createObjectNode().put("commitment", commitment), file.get("inputs").get(0));

    Outcome v = ModelCommandsTest.exec("verify", dir.toString(), proof.toString());
    assertEquals(0, v.status(), v.out() + v.err());
    assertTrue(v.out().startsWith("zk: yes; inputs: #0 committed " + commitment.substring(0, 6)
        + "..; outputs: #0 public; params: public\nvalid"), v.out());

    // a false output, and another commitment (the same input under another blinding), are invalid
    ObjectNode bad = file.deepCopy();
    ArrayNode out0 = (ArrayNode) bad.get("outputs").get(0);
    out0.set(0, out0.get(0).asDouble() + 0.5);
    assertEquals(1, ModelCommandsTest.exec("verify", dir.toString(), write("bad.json", bad.toString()).toString())
        .status());
    Path cmt2 = tmp.resolve("c2.json");
    assertEquals(0, ModelCommandsTest.exec("commit", dir.toString(), "--input", INPUT, "-o", cmt2.toString(),
        "--opening-out", tmp.resolve("o2.json").toString()).status());
    String other = OM.readTree(Files.readString(cmt2)).get("inputs").get(0).get("commitment").asText();
    assertFalse(other.equals(commitment), "a fresh blinding per commit");
    ObjectNode swapped = file.deepCopy();
    ((ArrayNode) swapped.get("inputs")).set(0, OM.createObjectNode().put("commitment", other));
    Outcome vs = ModelCommandsTest.exec("verify", dir.toString(), write("swapped.json", swapped.toString()).toString());
    assertEquals(1, vs.status(), vs.out());
    assertTrue(vs.out().contains("the proof's column is not the statement's commitment"), vs.out());
    // stating the values, or null, instead of the commitment is malformed
    ObjectNode stated = file.deepCopy();
    ((ArrayNode) stated.get("inputs")).set(0, OM.readTree("[0.5, 0.25, 0.125]"));
    assertEquals(2, ModelCommandsTest.exec("verify", dir.toString(), write("st.json", stated.toString()).toString())
        .status());
  }

  @Test
  void proveChecksTheOpeningFirst() throws Exception {
    Path cmt = tmp.resolve("c.json");
    assertEquals(0, ModelCommandsTest.exec("commit", dir.toString(), "--input", INPUT, "-o", cmt.toString()).status());
    Path opening = tmp.resolve("c.opening.json");
    Path proof = tmp.resolve("p.json");
    Outcome none = ModelCommandsTest.exec("prove", dir.toString(), "--input", INPUT, "-o", proof.toString());
    assertEquals(1, none.status());
    assertTrue(none.err().startsWith("error: this key's inputs are committed: prove needs --opening"), none.err());
    // the opening of another input
    Outcome o = ModelCommandsTest.exec("prove", dir.toString(), "--input", otherInput().toString(), "--opening",
        opening.toString(), "-o", proof.toString());
    assertEquals(1, o.status());
    // one line, before any proving (no progress bar in front of it)
    assertEquals("error: input 0: the opening is for other values than this input", o.err().strip());
    // an opening whose blinding was changed no longer recomputes its commitment
    ObjectNode op = (ObjectNode) OM.readTree(Files.readString(opening));
    String r = op.get("inputs").get(0).get("blinding").asText();
    ((ObjectNode) op.get("inputs").get(0)).put("blinding", r.substring(0, r.length() - 1)
        + (r.endsWith("1") ? "2" : "1"));
    Outcome w = ModelCommandsTest.exec("prove", dir.toString(), "--input", INPUT, "--opening",
        write("wrong.json", op.toString()).toString(), "-o", proof.toString());
    assertEquals(1, w.status());
    assertEquals("error: input 0: the opening does not recompute its commitment", w.err().strip());
    assertFalse(Files.exists(proof), "nothing proven");
  }
}
