package org.besuzkml.chain;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Node.js and the npm tools pinned in it/node/package.json (solc-js, ganache), as .ci/run installs
 * them with {@code npm ci --prefix it/node}. Without them the chain tests skip, saying why; with
 * {@code -Dzkml.node.required=true}, or in CI (CI=true, as .ci/run runs), they fail instead, so CI
 * cannot skip them silently.
 * {@code -Dzkml.node=PATH} names another node executable.
 */
public final class NodeTools {
  static final Path DIR = Path.of("it/node");
  public static final Path GANACHE = DIR.resolve("node_modules/ganache/dist/node/cli.js");
  static final Path SOLC = DIR.resolve("node_modules/solc/package.json");

  static final String NODE = System.getProperty("zkml.node", "node");

  private NodeTools() {}

  /** The node executable, or skips (fails when required) if node or a tool is missing. */
  public static String require(Path tool) {
    String why = null;
    if (!nodeRuns()) {
      why = NODE + " does not run (apt-get install nodejs npm)";
    } else if (!Files.exists(tool)) {
      why = tool + " is missing (npm ci --prefix it/node)";
    }
    if (why != null) {
      if (Boolean.getBoolean("zkml.node.required") || "true".equals(System.getenv("CI"))) {
        fail("chain tests need Node.js tools: " + why);
      }
      System.err.println("SKIPPED chain test: " + why);
      Assumptions.abort("SKIPPED chain test: " + why);
    }
    return NODE;
  }

  private static boolean nodeRuns() {
    try {
      Process p = new ProcessBuilder(NODE, "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
