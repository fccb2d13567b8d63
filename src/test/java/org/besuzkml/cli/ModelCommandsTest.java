package org.besuzkml.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.besuzkml.onnx.OpModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The inspect and run commands: outputs, JSON keys, and one-line failures with their status. */
class ModelCommandsTest {
  static final Path CORPUS = Path.of("../shared/models/ezkl");

  @TempDir Path tmp;

  record Outcome(int status, String out, String err) {}

  static Outcome exec(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int s = new CommandLine(new Main()).execute(args);
      return new Outcome(s, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  static String model(String name) {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(CORPUS), "corpus not present");
    return CORPUS.resolve(name).resolve("network.onnx").toString();
  }

  static String input(String name) {
    return CORPUS.resolve(name).resolve("input.json").toString();
  }

  /** A failure is one line on stderr, without a stack trace. */
  static void assertOneLine(Outcome o) {
    String e = o.err().strip();
    assertFalse(e.isEmpty(), "no error message");
    assertEquals(1, e.lines().count(), "more than one line: " + e);
    assertFalse(e.contains("Exception") || e.contains("\tat "), e);
  }

  @Test
  void inspectPrintsNodesAndTotals() {
    Outcome o = exec("inspect", model("lenet_5"));
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("Conv"), o.out());
    assertTrue(o.out().contains("total: 12 nodes, 61706 params, 429128 MACs"), o.out());
  }

  @Test
  void inspectJsonCountsParamsAndFoldsShapeArithmetic() throws Exception {
    Outcome o = exec("inspect", model("self_attention"), "--json");
    assertEquals(0, o.status(), o.err());
    JsonNode j = new ObjectMapper().readTree(o.out());
    assertEquals(1, j.get("inputs").get(0).get("shape").get(0).asInt(), "batch dim set to 1");
    for (JsonNode n : j.get("nodes")) {
      String op = n.get("op").asText();
      assertFalse(Arrays.asList("Shape", "Constant", "Unsqueeze", "Cast", "Equal").contains(op),
          op + " should have been folded");
    }
    assertTrue(j.get("total_macs").asLong() > 0);
  }

  @Test
  void runJsonHasTheContractKeys() throws Exception {
    Outcome o = exec("run", model("1l_mlp"), "--input", input("1l_mlp"), "--json");
    assertEquals(0, o.status(), o.err());
    assertEquals(1, o.out().strip().lines().count());
    JsonNode j = new ObjectMapper().readTree(o.out());
    for (String k : new String[] {"outputs_float", "outputs_fixed", "max_abs_err", "rel_err",
        "argmax_match", "scales"}) {
      assertTrue(j.has(k), k);
    }
    assertEquals(4, j.get("outputs_fixed").get(0).size());
    assertTrue(j.get("argmax_match").asBoolean());
    assertTrue(j.get("rel_err").asDouble() <= 0.01);
  }

  @Test
  void runWritesTheTrace() throws Exception {
    Path trace = tmp.resolve("trace.json");
    Outcome o = exec("run", model("1l_mlp"), "--input", input("1l_mlp"), "--trace",
        trace.toString());
    assertEquals(0, o.status(), o.err());
    JsonNode j = new ObjectMapper().readTree(trace.toFile());
    assertTrue(j.has("input") && j.has("output"), j.toString());
    assertTrue(j.fieldNames().hasNext());
    assertEquals(4, j.get("output").get("data").size());
    assertTrue(j.get("output").has("scale"));
  }

  @Test
  void runPlainPrintsBothOutputs() {
    Outcome o = exec("run", model("1l_softmax"), "--input", input("1l_softmax"));
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("ONNX Runtime") && o.out().contains("fixed point"), o.out());
  }

  @Test
  void unsupportedOpExitsWithStatus2NamingNodeAndOp() throws Exception {
    Path f = tmp.resolve("hardmax.onnx");
    Files.write(f, OpModels.node("Hardmax").input(2, 3).build());
    Outcome o = exec("inspect", f.toString());
    assertEquals(2, o.status());
    assertOneLine(o);
    assertTrue(o.err().contains("'n0'") && o.err().contains("Hardmax"), o.err());
    Path in = tmp.resolve("in.json");
    Files.writeString(in, "{\"input_data\": [[1,2,3,4,5,6]]}");
    assertEquals(2, exec("run", f.toString(), "--input", in.toString()).status());
  }

  @Test
  void unsupportedAttributeExitsWithStatus2() throws Exception {
    Path f = tmp.resolve("conv3d.onnx");
    Files.write(f, OpModels.node("Conv").input(1, 1, 2, 2, 2).randomConst(1, 1, 1, 1, 1, 1).build());
    Outcome o = exec("inspect", f.toString());
    assertEquals(2, o.status(), o.err());
    assertOneLine(o);
  }

  @Test
  void runWarnsWhenCalibrationCannotMeetTheTolerance() throws Exception {
    Path f = tmp.resolve("reciprocal.onnx");
    Files.write(f, OpModels.node("Reciprocal").input(3).build());
    Path in = tmp.resolve("in.json");
    Files.writeString(in, "{\"input_data\": [[0.0003, 0.5, 1.0]]}");
    Outcome o = exec("run", f.toString(), "--input", in.toString(), "--json");
    assertEquals(0, o.status(), o.err());
    assertTrue(o.err().contains("no scale satisfies"), o.err());
    assertFalse(new ObjectMapper().readTree(o.out()).get("calibration_ok").asBoolean());
  }

  @Test
  void truncatedProtobufIsOneLine() throws Exception {
    byte[] b = Files.readAllBytes(Path.of(model("lenet_5")));
    Path f = tmp.resolve("truncated.onnx");
    Files.write(f, Arrays.copyOf(b, b.length / 2));
    Outcome o = exec("run", f.toString(), "--input", input("lenet_5"));
    assertEquals(2, o.status());
    assertOneLine(o);
  }

  @Test
  void fileThatIsNotOnnxIsOneLine() throws Exception {
    Path f = tmp.resolve("text.onnx");
    Files.writeString(f, "this is not a model at all\n");
    Outcome o = exec("inspect", f.toString());
    assertEquals(2, o.status());
    assertOneLine(o);
    assertTrue(o.err().contains("not an ONNX model"), o.err());
  }

  @Test
  void missingFileIsOneLine() {
    Outcome o = exec("inspect", tmp.resolve("absent.onnx").toString());
    assertEquals(1, o.status());
    assertOneLine(o);
  }

  @Test
  void wrongInputLengthIsOneLine() throws Exception {
    Path in = tmp.resolve("short.json");
    Files.writeString(in, "{\"input_data\": [[1.0, 2.0]]}");
    Outcome o = exec("run", model("1l_mlp"), "--input", in.toString());
    assertEquals(2, o.status());
    assertOneLine(o);
    assertTrue(o.err().contains("needs 3 values"), o.err());
  }

  @Test
  void nanAndInfinityInputsAreRejected() throws Exception {
    for (String bad : new String[] {"NaN", "Infinity", "-Infinity", "1e999"}) {
      Path in = tmp.resolve("bad.json");
      Files.writeString(in, "{\"input_data\": [[1.0, " + bad + ", 2.0]]}");
      Outcome o = exec("run", model("1l_mlp"), "--input", in.toString());
      assertEquals(2, o.status(), bad);
      assertOneLine(o);
      assertTrue(o.err().contains("finite"), o.err());
    }
  }

  @Test
  void modelWithoutOpsetImportIsOneLine() throws Exception {
    var m = org.besuzkml.onnx.proto.Onnx.ModelProto.parseFrom(
        Files.readAllBytes(Path.of(model("1l_relu")))).toBuilder().clearOpsetImport().build();
    Path f = tmp.resolve("noopset.onnx");
    Files.write(f, m.toByteArray());
    Outcome o = exec("inspect", f.toString());
    assertEquals(2, o.status());
    assertOneLine(o);
    assertTrue(o.err().contains("opset_import"), o.err());
  }

  @Test
  void nestedInputListsAreReadRowMajor() throws Exception {
    Path in = tmp.resolve("nested.json");
    Files.writeString(in, "{\"input_data\": [[[1.5417295, 0.5346153], [1.2172532]]]}");
    Outcome nested = exec("run", model("1l_mlp"), "--input", in.toString(), "--json");
    Outcome flat = exec("run", model("1l_mlp"), "--input", input("1l_mlp"), "--json");
    assertEquals(0, nested.status(), nested.err());
    assertEquals(flat.out(), nested.out());
  }

  @Test
  void malformedJsonInputIsOneLine() throws Exception {
    Path in = tmp.resolve("bad.json");
    Files.writeString(in, "{\"input_data\": [[1.0, 2.0,");
    Outcome o = exec("run", model("1l_mlp"), "--input", in.toString());
    assertEquals(2, o.status());
    assertOneLine(o);
  }
}
