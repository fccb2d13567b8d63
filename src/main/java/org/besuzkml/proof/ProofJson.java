package org.besuzkml.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.besuzkml.codec.Hex;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.onnx.Json;

/**
 * The proof JSON (7.6): {@code {"model": "0x<vk hash>", "inputs": [[...]], "outputs": [[...]],
 * "proof": "0x<hex>", "proof_bytes": n}}, inputs and outputs flat row-major lists per tensor of
 * dequantized values {@code v / 2^scale} (the scales are in the vk, so the integers are recovered
 * exactly; a value that is not an exact multiple of {@code 2^-scale} is malformed).
 *
 * <p>Under a version-2 (zero-knowledge) key the JSON is version 2 (zk-design 1.5): {@code
 * {"format": 2, "model", "zk": true, "visibility": {"inputs": [...], "outputs": [...], "params"},
 * "inputs", "outputs", "proof", "proof_bytes"}} with {@code null} for a private input and {@code
 * {"commitment": "0x<128 hex>"}} for a committed one. A JSON
 * without {@code "format"} is version 1 and is read as before (every input stated).
 */
public final class ProofJson {
  private ProofJson() {}

  /** A parsed proof file; {@code inputs} has {@code null} at a private input. */
  public record Parsed(String model, long[][] inputs, long[][] outputs, byte[] proof, byte[][] commitments) {
    public Parsed(String model, long[][] inputs, long[][] outputs, byte[] proof) {
      this(model, inputs, outputs, proof, null);
    }

    /** The statement to verify (zk-design 11.5); a committed input carries its commitment. */
    public org.besuzkml.proof.verify.Statement statement() {
      return org.besuzkml.proof.verify.Statement.of(inputs, commitments, outputs);
    }
  }

  /** The proof JSON version written for a zero-knowledge key. */
  public static final int FORMAT_ZK = 2;

  /** Thrown for an unreadable or malformed proof file (one line). */
  public static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String m) {
      super(m);
    }
  }

  public static ObjectNode toJson(VerifyingKey vk, Prover.Proof p) {
    ObjectMapper om = new ObjectMapper();
    ObjectNode root = om.createObjectNode();
    if (vk.zk()) {
      root.put("format", FORMAT_ZK);
    }
    root.put("model", vk.modelIdHex());
    if (vk.zk()) {
      root.put("zk", true);
      root.set("visibility", visibility(om, vk.visibility()));
    }
    values(root.putArray("inputs"), p.inputs(), vk, vk.circuit().inputs());
    ArrayNode ins = (ArrayNode) root.get("inputs");
    for (int i = 0; p.commitments() != null && i < p.commitments().length; i++) {
      if (p.commitments()[i] != null) { // a committed input: its commitment, never its values (1.5)
        ins.set(i, om.createObjectNode().put("commitment", Hex.encode(p.commitments()[i])));
      }
    }
    values(root.putArray("outputs"), p.outputs(), vk, vk.circuit().outputs());
    root.put("proof", Hex.encode(p.bytes()));
    root.put("proof_bytes", p.bytes().length);
    return root;
  }

  /** The {@code "visibility"} object of a version-2 JSON, from the vk. */
  static ObjectNode visibility(ObjectMapper om, org.besuzkml.codec.Visibility v) {
    ObjectNode o = om.createObjectNode();
    ArrayNode in = o.putArray("inputs");
    for (int code : v.inputs()) {
      in.add(org.besuzkml.codec.Visibility.inputName(code));
    }
    ArrayNode out = o.putArray("outputs");
    for (int code : v.outputs()) {
      out.add(org.besuzkml.codec.Visibility.inputName(code));
    }
    o.put("params", v.params() == org.besuzkml.codec.Visibility.PRIVATE ? "private" : "public");
    return o;
  }

  static void values(ArrayNode arr, long[][] vals, VerifyingKey vk, int[] ids) {
    for (int i = 0; i < vals.length; i++) {
      if (vals[i] == null) {
        arr.addNull(); // a private input: nothing about it is written
        continue;
      }
      ArrayNode a = arr.addArray();
      int s = vk.scales()[ids[i]];
      for (long v : vals[i]) {
        a.add(Math.scalb((double) v, -s));
      }
    }
  }

  /** A well-formed proof file for another model than the vk's (one line). */
  public static final class WrongModel extends Exception {
    private static final long serialVersionUID = 1L;

    WrongModel(String m) {
      super(org.besuzkml.model.ModelException.oneLine(m));
    }
  }

  public static Parsed read(Path file, VerifyingKey vk) throws Malformed, WrongModel {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException | RuntimeException e) {
      throw new Malformed("cannot read " + file + ": " + Json.reason(e));
    }
    return parse(text, file.toString(), vk);
  }

  /** Parses proof JSON text; {@code label} names its source in messages. */
  public static Parsed parse(String text, String label, VerifyingKey vk) throws Malformed, WrongModel {
    JsonNode root;
    try {
      root = Json.reader().readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new Malformed(label + ": not valid JSON: " + Json.reason(e));
    } catch (RuntimeException e) {
      throw new Malformed(label + ": " + Json.reason(e));
    }
    if (root == null || !root.isObject() || !root.path("model").isTextual() || !root.path("proof").isTextual()) {
      throw new Malformed(label + ": expected {\"model\", \"inputs\", \"outputs\", \"proof\"}");
    }
    // The model id first: a proof for another model would otherwise fail on a tensor size.
    String model = root.get("model").asText();
    if (!model.equalsIgnoreCase(vk.modelIdHex())) {
      throw new WrongModel("proof is for model " + model + ", this directory's vk is model "
          + vk.modelIdHex());
    }
    byte[] proof = Hex.decode(root.get("proof").asText());
    if (proof == null) {
      throw new Malformed(label + ": \"proof\" is not hex");
    }
    boolean[] hidden = new boolean[vk.circuit().inputs().length];
    if (root.has("format")) {
      JsonNode f = root.get("format");
      if (!f.isInt() || f.asInt() != FORMAT_ZK) {
        throw new Malformed(label + ": proof JSON format " + f + " unsupported (known: 2, or none for version 1)");
      }
      if (!vk.zk()) {
        throw new Malformed(label + ": a version-2 (zk) proof JSON for a version-1 key");
      }
      if (!root.path("zk").isBoolean() || !root.get("zk").asBoolean()) {
        throw new Malformed(label + ": a version-2 proof JSON must say \"zk\": true");
      }
      if (!visibility(new ObjectMapper(), vk.visibility()).equals(root.get("visibility"))) {
        throw new Malformed(label + ": \"visibility\" is not the vk's " + visibility(new ObjectMapper(),
            vk.visibility()));
      }
      hidden = vk.visibility().privateInputs();
    }
    byte[][] commitments = null;
    if (vk.zk() && !vk.visibility().allPublic()) {
      commitments = new byte[hidden.length][];
      JsonNode arr = root.path("inputs");
      for (int i = 0; i < hidden.length; i++) {
        if (!vk.visibility().committedInput(i)) {
          continue;
        }
        if (!root.has("format")) {
          throw new Malformed(label + ": input " + i + " is committed: a version-1 proof JSON cannot carry it");
        }
        JsonNode a = arr.isArray() && arr.size() == hidden.length ? arr.get(i) : null;
        byte[] c = a != null && a.isObject() && a.size() == 1 && a.path("commitment").isTextual()
            ? Hex.decode(a.get("commitment").asText()) : null;
        if (c == null || c.length != org.besuzkml.proof.verify.Statement.COMMITMENT_BYTES) {
          throw new Malformed("\"inputs\"[" + i + "] is committed: it must be {\"commitment\": \"0x<128 hex>\"}");
        }
        commitments[i] = c;
      }
    }
    long[][] ins = ints(root.path("inputs"), vk, vk.circuit().inputs(), "inputs", hidden, commitments);
    return new Parsed(model, ins,
        ints(root.path("outputs"), vk, vk.circuit().outputs(), "outputs", new boolean[vk.circuit().outputs().length], null),
        proof, commitments);
  }

  private static long[][] ints(JsonNode arr, VerifyingKey vk, int[] ids, String what, boolean[] hidden,
      byte[][] committed) throws Malformed {
    if (!arr.isArray() || arr.size() != ids.length) {
      throw new Malformed("\"" + what + "\" must hold " + ids.length + " lists");
    }
    long[][] out = new long[ids.length][];
    for (int i = 0; i < ids.length; i++) {
      JsonNode a = arr.get(i);
      if (committed != null && committed[i] != null) {
        continue; // a committed input, read by parse
      }
      if (hidden[i]) {
        if (!a.isNull()) {
          throw new Malformed("\"" + what + "\"[" + i + "] is private: it must be null");
        }
        continue;
      }
      long n = vk.circuit().tensor(ids[i]).size();
      if (!a.isArray() || a.size() != n) {
        throw new Malformed("\"" + what + "\"[" + i + "] must hold " + n + " numbers");
      }
      int s = vk.scales()[ids[i]];
      out[i] = new long[(int) n];
      for (int j = 0; j < n; j++) {
        JsonNode v = a.get(j);
        double x = v.isNumber() ? Math.scalb(v.asDouble(), s) : Double.NaN;
        if (!(Math.abs(x) < 0x1p62) || x != Math.rint(x)) {
          throw new Malformed("\"" + what + "\"[" + i + "][" + j + "] is not a multiple of 2^-" + s);
        }
        out[i][j] = (long) x;
      }
    }
    return out;
  }

  public static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
