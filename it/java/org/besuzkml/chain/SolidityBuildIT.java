package org.besuzkml.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checked-in it/solidity/build artifacts are what the pinned solc-js makes of it/solidity/*.sol:
 * recompiled here with it/node/compile.js and compared byte for byte.
 */
class SolidityBuildIT {
  static final Path BUILD = Path.of("it/solidity/build");

  @Test
  void checkedInArtifactsAreExactlyTheRecompiledSources(@TempDir Path tmp) throws Exception {
    String node = NodeTools.require(NodeTools.SOLC);
    Process p = new ProcessBuilder(node, "it/node/compile.js", tmp.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "compile.js timed out");
    assertEquals(0, p.exitValue(), out);
    assertEquals(names(BUILD), names(tmp), "the same set of artifacts");
    for (String n : names(BUILD)) {
      assertArrayEquals(Files.readAllBytes(tmp.resolve(n)), Files.readAllBytes(BUILD.resolve(n)),
          n + " differs from a fresh compile: run `node it/node/compile.js` and commit the result");
    }
    String pinned = new ObjectMapper().readTree(NodeTools.DIR.resolve("package.json").toFile())
        .get("dependencies").get("solc").asText();
    JsonNode consumer = new ObjectMapper().readTree(BUILD.resolve("ZkmlConsumer.json").toFile());
    assertTrue(consumer.get("compiler").asText().startsWith("solc-js " + pinned + "+"), consumer.get("compiler").asText());
  }

  @Test
  void theConsumerAbiHasTheFunctionsTheClientEncodes() throws Exception {
    JsonNode abi = ContractArtifact.read(BUILD.resolve("ZkmlConsumer.json")).abi();
    TreeSet<String> sigs = new TreeSet<>();
    for (JsonNode f : abi) {
      if ("function".equals(f.path("type").asText())) {
        List<String> types = new java.util.ArrayList<>();
        f.get("inputs").forEach(i -> types.add(i.get("type").asText()));
        sigs.add(f.get("name").asText() + "(" + String.join(",", types) + ")");
      }
    }
    assertTrue(sigs.containsAll(List.of("submit(bytes,int256[][],int256[][],bytes)", "output(uint256,uint256)",
        "accepted()", "model()", "zkml()")), sigs.toString());
  }

  private static TreeSet<String> names(Path dir) throws java.io.IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(x -> x.getFileName().toString()).filter(n -> n.endsWith(".json"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
