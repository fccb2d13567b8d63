package org.besuzkml.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.besuzkml.sidecar.rpc.RpcError;
import org.besuzkml.sidecar.rpc.ZkmlMethods;
import org.junit.jupiter.api.Test;

/**
 * The written API agrees with the served one: the OpenRPC document lists exactly the methods of the
 * dispatch table and every error code the server sends, docs/sidecar.md names every method and
 * code; and no code outside the sidecar and the CLI refers to the sidecar.
 */
class SidecarDocumentsTest {
  static final Path OPENRPC = Path.of("docs/sidecar.openrpc.json");
  static final Path GUIDE = Path.of("docs/sidecar.md");

  static Set<String> served() {
    return new TreeSet<>(new ZkmlMethods(null, null, null, null, null, 0).table().keySet());
  }

  static Set<Integer> codes() throws IllegalAccessException {
    Set<Integer> codes = new TreeSet<>();
    for (Field f : RpcError.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
        codes.add(f.getInt(null));
      }
    }
    return codes;
  }

  @Test
  void openRpcDocumentListsTheServedMethodsAndErrorCodes() throws Exception {
    JsonNode doc = SidecarFixture.JSON.readTree(Files.readString(OPENRPC));
    Set<String> documented = new TreeSet<>();
    doc.get("methods").forEach(m -> documented.add(m.get("name").asText()));
    assertEquals(served(), documented);
    Set<Integer> documentedCodes = new TreeSet<>();
    doc.get("components").get("errors").forEach(e -> documentedCodes.add(e.get("code").asInt()));
    assertEquals(codes(), documentedCodes);
  }

  @Test
  void guideNamesEveryMethodAndCode() throws Exception {
    String guide = Files.readString(GUIDE);
    for (String m : served()) {
      assertTrue(guide.contains(m), m);
    }
    for (int c : codes()) {
      assertTrue(guide.contains(String.valueOf(c)), "code " + c);
    }
  }

  @Test
  void nothingOutsideTheSidecarAndTheCliReferencesIt() throws IOException {
    Path main = Path.of("src/main/java/org/besuzkml");
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> s = Files.walk(main)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
        String rel = main.relativize(p).toString();
        if (rel.startsWith("sidecar/") || rel.startsWith("cli/")) {
          continue;
        }
        if (Files.readString(p).contains("org.besuzkml.sidecar")) {
          offenders.add(rel);
        }
      }
    }
    assertTrue(offenders.isEmpty(), "the verifier and prover cores must not know the sidecar: " + offenders);
  }
}
