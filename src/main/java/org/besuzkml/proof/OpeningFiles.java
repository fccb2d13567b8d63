package org.besuzkml.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.besuzkml.codec.Hex;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.field.Fr;
import org.besuzkml.onnx.Json;

/**
 * The files of {@code zkml commit} (zk-design 1.4): the public commitment file
 * {@code {"format":"besu-zkml/commitment/v1","model","srs_digest","inputs":[{"index","n","scale",
 * "commitment"}]}} and the secret opening file {@code {"format":"besu-zkml/opening/v1","model",
 * "inputs":[{"index","commitment","values":[engine integers],"blinding":"0x<64 hex>"}]}}, written with
 * file mode 0600 (owner only) and never printed.
 */
public final class OpeningFiles {
  public static final String COMMITMENT_FORMAT = "besu-zkml/commitment/v1";
  public static final String OPENING_FORMAT = "besu-zkml/opening/v1";

  private OpeningFiles() {}

  /** An unreadable or malformed opening file (one line). */
  public static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String m) {
      super(m);
    }
  }

  /** The public commitment file's JSON for the committed inputs' openings (vk order, null elsewhere). */
  public static ObjectNode commitmentJson(VerifyingKey vk, InputOpening[] openings) {
    ObjectMapper om = new ObjectMapper();
    ObjectNode root = om.createObjectNode().put("format", COMMITMENT_FORMAT).put("model", vk.modelIdHex())
        .put("srs_digest", Hex.encode(vk.srsDigest()));
    ArrayNode in = root.putArray("inputs");
    for (int i = 0; i < openings.length; i++) {
      if (openings[i] != null) {
        int t = vk.circuit().inputs()[i];
        in.addObject().put("index", i).put("n", vk.circuit().tensor(t).size()).put("scale", vk.scales()[t])
            .put("commitment", Hex.encode(openings[i].commitment()));
      }
    }
    return root;
  }

  /** The secret opening file's JSON. */
  public static ObjectNode openingJson(VerifyingKey vk, InputOpening[] openings) {
    ObjectMapper om = new ObjectMapper();
    ObjectNode root = om.createObjectNode().put("format", OPENING_FORMAT).put("model", vk.modelIdHex());
    ArrayNode in = root.putArray("inputs");
    for (int i = 0; i < openings.length; i++) {
      if (openings[i] != null) {
        ObjectNode o = in.addObject().put("index", i).put("commitment", Hex.encode(openings[i].commitment()));
        ArrayNode v = o.putArray("values");
        for (long x : openings[i].values()) {
          v.add(x);
        }
        o.put("blinding", Hex.encode(openings[i].blindingBytes()));
      }
    }
    return root;
  }

  /**
   * Writes {@code text} to {@code file} with mode 0600 from its creation on (a temporary file in the
   * same directory, moved into place), so the opening is never readable by others.
   */
  public static void writeSecret(Path file, String text) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp;
    try {
      tmp = Files.createTempFile(dir, ".opening", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      throw new IOException("this file system cannot make a file readable by its owner only");
    }
    try {
      Files.writeString(tmp, text);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Reads an opening file for this vk: per graph input its opening, null where the input is not committed. */
  public static InputOpening[] read(Path file, VerifyingKey vk) throws Malformed {
    JsonNode root;
    try {
      root = Json.reader().readTree(Files.readString(file));
    } catch (IOException | RuntimeException e) {
      throw new Malformed("cannot read opening " + file + ": " + Json.reason(e));
    }
    String label = "opening " + file;
    if (root == null || !root.isObject() || !OPENING_FORMAT.equals(root.path("format").asText(null))) {
      throw new Malformed(label + ": not a " + OPENING_FORMAT + " file");
    }
    if (!vk.modelIdHex().equalsIgnoreCase(root.path("model").asText(""))) {
      throw new Malformed(label + ": it is for model " + root.path("model").asText("?") + ", not this key's "
          + vk.modelIdHex());
    }
    int nIn = vk.circuit().inputs().length;
    InputOpening[] out = new InputOpening[nIn];
    JsonNode arr = root.path("inputs");
    if (!arr.isArray()) {
      throw new Malformed(label + ": \"inputs\" must be a list");
    }
    for (JsonNode o : arr) {
      int i = o.path("index").isInt() ? o.get("index").asInt() : -1;
      if (i < 0 || i >= nIn || out[i] != null || !vk.visibility().committedInput(i)) {
        throw new Malformed(label + ": \"index\" " + o.path("index") + " is not a committed input of this key"
            + " (or is listed twice)");
      }
      byte[] c = o.path("commitment").isTextual() ? Hex.decode(o.get("commitment").asText()) : null;
      byte[] r = o.path("blinding").isTextual() ? Hex.decode(o.get("blinding").asText()) : null;
      long[] blinding = new long[Fr.LIMBS];
      if (c == null || c.length != 64 || r == null || r.length != Fr.BYTES || !Fr.fromBytes(blinding, 0, r, 0)) {
        throw new Malformed(label + ": input " + i + " needs a 64-byte \"commitment\" and a canonical 32-byte"
            + " \"blinding\"");
      }
      long n = vk.circuit().tensor(vk.circuit().inputs()[i]).size();
      JsonNode v = o.path("values");
      if (!v.isArray() || v.size() != n) {
        throw new Malformed(label + ": input " + i + " needs " + n + " integer \"values\"");
      }
      long[] vals = new long[(int) n];
      for (int j = 0; j < n; j++) {
        if (!v.get(j).isIntegralNumber() || !v.get(j).canConvertToLong()) {
          throw new Malformed(label + ": input " + i + " value " + j + " is not an integer");
        }
        vals[j] = v.get(j).asLong();
      }
      out[i] = new InputOpening(vals, blinding, c);
    }
    for (int i = 0; i < nIn; i++) {
      if (vk.visibility().committedInput(i) && out[i] == null) {
        throw new Malformed(label + ": no opening for committed input " + i);
      }
    }
    return out;
  }
}
