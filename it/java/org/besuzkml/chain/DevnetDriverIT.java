package org.besuzkml.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

/**
 * it/besu-devnet.sh's Java driver, run from the packaged target/zkml.jar as the script runs it,
 * against ganache with the TEST STAND-IN verifier at the precompile address (no Besu here): so
 * everything but Besu itself is exercised. It must pass on a good network and fail, saying why,
 * when the precompile is missing or two nodes disagree on the state root.
 */
class DevnetDriverIT {
  static final String PRECOMPILE = ChainGanacheIT.PRECOMPILE;
  static LocalEthNode node;
  static LocalEthNode other;
  static List<String> models = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    node = LocalEthNode.start(Files.createTempDirectory("zkml-devnet"), "shanghai");
    node.setCode(PRECOMPILE, Numeric.toHexString(
        ContractArtifact.read(ChainGanacheIT.BUILD.resolve("StubZkmlVerifier.json")).deployedBytecode()));
    other = LocalEthNode.start(Files.createTempDirectory("zkml-devnet-other"), "shanghai");
    for (String m : new String[] {"1l_mlp", "2l_relu_fc"}) {
      models.add("--model");
      models.add(ProvedModels.get(m).dir().toString());
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (LocalEthNode n : new LocalEthNode[] {node, other}) {
      if (n != null) {
        n.close();
      }
    }
  }

  record Run(int status, List<String> lines) {
    String last() {
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
  }

  static Run driver(String keyEnv, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("java", "-Dslf4j.internal.verbosity=ERROR", "-cp",
        jar().toString(), "org.besuzkml.chain.DevnetDriver"));
    cmd.addAll(List.of(args));
    cmd.addAll(models);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (keyEnv != null) {
      pb.environment().put("ZKML_DEVNET_KEY", keyEnv);
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "driver timed out: " + out);
    return new Run(p.exitValue(), out.lines().toList());
  }

  static Path jar() {
    return Path.of("target/zkml.jar");
  }

  @Test
  void passesOnAGoodNetworkAndReportsItsFigures() throws Exception {
    String key = Files.readString(LocalEthNode.KEY_FILES[0]).strip();
    // the same node under two URLs stands for two synced nodes (ganache nodes do not sync)
    Run r = driver(key, "--rpc", node.url() + "," + node.url().replace("127.0.0.1", "localhost"),
        "--key-env", "ZKML_DEVNET_KEY");
    assertEquals(0, r.status(), String.join("\n", r.lines()));
    assertTrue(r.last().startsWith("devnet-driver: PASS (2 models, 8 transactions, STAND-IN verifier"), r.last());
    assertTrue(r.last().contains("on 2 node(s)"), r.last());
    int jsonLines = 0;
    for (String l : r.lines()) {
      assertFalse(l.contains(key.replaceFirst("^0x", "").substring(0, 12)), "the key never shows: " + l);
      if (l.startsWith("{")) {
        JsonNode j = new ObjectMapper().readTree(l);
        assertTrue(j.get("consumer_gas").asLong() > j.get("calldata_bytes").asLong() * 4, l);
        assertTrue(j.get("tampered_reason").asText().contains("proof starts with 0"), l);
        assertTrue(j.get("zkml_gas").asText().startsWith("skipped"), "never passed without a real precompile: " + l);
        System.out.println("devnet-driver on ganache: " + l);
        jsonLines++;
      }
    }
    assertEquals(2, jsonLines);
  }

  @Test
  void failsWhenThePrecompileIsMissing() throws Exception {
    Run r = driver(null, "--rpc", other.url(), "--key-file", LocalEthNode.KEY_FILES[0].toString());
    assertEquals(1, r.status(), String.join("\n", r.lines()));
    assertTrue(r.last().startsWith("devnet-driver: FAIL: 1l_mlp: modelId at " + PRECOMPILE), r.last());
  }

  @Test
  void failsWhenTwoNodesDisagreeOnTheStateRoot() throws Exception {
    // the other node has blocks at the same heights but none of the transactions
    String mined = other.rpc("evm_mine", "[{\"blocks\":200}]");
    assertTrue(mined.contains("result"), mined);
    Run r = driver(null, "--rpc", node.url() + "," + other.url(), "--key-file", LocalEthNode.KEY_FILES[0].toString(),
        "--sync-timeout", "5");
    assertEquals(1, r.status(), String.join("\n", r.lines()));
    assertTrue(r.last().startsWith("devnet-driver: FAIL: state root differs at block"), r.last());
  }
}
