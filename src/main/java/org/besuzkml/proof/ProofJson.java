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
 */
public final class ProofJson {
  private ProofJson() {}

  /** A parsed proof file. */
  public record Parsed(String model, long[][] inputs, long[][] outputs, byte[] proof) {}

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
    root.put("model", vk.modelIdHex());
    values(root.putArray("inputs"), p.inputs(), vk, vk.circuit().inputs());
    values(root.putArray("outputs"), p.outputs(), vk, vk.circuit().outputs());
    root.put("proof", Hex.encode(p.bytes()));
    root.put("proof_bytes", p.bytes().length);
    return root;
  }

  static void values(ArrayNode arr, long[][] vals, VerifyingKey vk, int[] ids) {
    for (int i = 0; i < vals.length; i++) {
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
    return new Parsed(model, ints(root.path("inputs"), vk, vk.circuit().inputs(), "inputs"),
        ints(root.path("outputs"), vk, vk.circuit().outputs(), "outputs"), proof);
  }

  private static long[][] ints(JsonNode arr, VerifyingKey vk, int[] ids, String what) throws Malformed {
    if (!arr.isArray() || arr.size() != ids.length) {
      throw new Malformed("\"" + what + "\" must hold " + ids.length + " lists");
    }
    long[][] out = new long[ids.length][];
    for (int i = 0; i < ids.length; i++) {
      JsonNode a = arr.get(i);
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
