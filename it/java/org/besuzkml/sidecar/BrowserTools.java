package org.besuzkml.sidecar;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * What the browser test needs: Node.js, playwright-core as pinned in it/node/package.json
 * ({@code npm ci --prefix it/node}) and Debian's chromium. Without them the test skips, saying
 * why; with {@code -Dzkml.node.required=true}, or in CI ({@code CI=true}), it fails instead, as the
 * chain tests do. {@code -Dzkml.node=PATH} and {@code -Dzkml.chromium=PATH} name other executables.
 */
final class BrowserTools {
  static final Path NODE_DIR = Path.of("it/node");
  static final Path PLAYWRIGHT = NODE_DIR.resolve("node_modules/playwright-core/package.json");
  static final String NODE = System.getProperty("zkml.node", "node");
  static final String CHROMIUM = System.getProperty("zkml.chromium", "/usr/bin/chromium");

  private BrowserTools() {}

  /** Skips (fails when required) unless node, playwright-core and chromium are all there. */
  static void require() {
    String why = null;
    if (!runs(NODE, "--version")) {
      why = NODE + " does not run (apt-get install nodejs npm)";
    } else if (!Files.exists(PLAYWRIGHT)) {
      why = PLAYWRIGHT + " is missing (npm ci --prefix it/node)";
    } else if (!Files.isExecutable(Path.of(CHROMIUM)) || !runs(CHROMIUM, "--version")) {
      why = CHROMIUM + " does not run (apt-get install chromium)";
    }
    if (why != null) {
      if (Boolean.getBoolean("zkml.node.required") || "true".equals(System.getenv("CI"))) {
        fail("the status page test needs a browser: " + why);
      }
      System.err.println("SKIPPED status page test: " + why);
      Assumptions.abort("SKIPPED status page test: " + why);
    }
  }

  private static boolean runs(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
