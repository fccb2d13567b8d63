package org.besuzkml.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the plugin jar holds, and that everything it references is in it or provided by Besu. */
class PluginJarIT {
  static final String[] ALLOWED = {"org/besuzkml/", "META-INF/"};
  static final String[] FORBIDDEN = {"org/hyperledger/", "org/apache/tuweni/", "io/vertx/",
      "ai/onnxruntime/", "org/bouncycastle/", "com/google/protobuf/", "picocli/", "org/slf4j/",
      "com/fasterxml/", "io/netty/", "org/besuzkml/cli/", "org/besuzkml/onnx/", "org/besuzkml/model/",
      "org/besuzkml/proof/compile/", "org/besuzkml/proof/witness/", "org/besuzkml/sidecar/",
      "org/besuzkml/chain/", "org/web3j/", "okhttp3/", "kotlin/"}; // the on-chain client is prover side

  @Test
  void holdsOnlyTheVerifierSideTheAdapterAndTheDescriptor() throws Exception {
    List<String> names = new ArrayList<>();
    try (JarFile j = new JarFile(BesuLikeLoader.jar().toFile())) {
      j.stream().map(JarEntry::getName).forEach(names::add);
      String svc = new String(j.getInputStream(j.getEntry(
          "META-INF/services/org.hyperledger.besu.plugin.BesuPlugin")).readAllBytes(),
          StandardCharsets.UTF_8).trim();
      assertEquals("org.besuzkml.besu.ZkmlPlugin", svc);
      assertTrue(j.getEntry("META-INF/plugin-artifacts-catalog.json") != null);
      assertEquals("besu-zkml", j.getManifest().getMainAttributes().getValue("Implementation-Title"));
      // the JDK 21+ field kernels of META-INF/versions/21 (pom.xml, profile jdk21-kernels)
      assertEquals("true", j.getManifest().getMainAttributes().getValue("Multi-Release"));
    }
    for (String entry : names) {
      // a versioned class obeys the same rules as a base one
      String n = entry.replaceFirst("^META-INF/versions/[0-9]+/", "");
      if (n.isEmpty() || n.endsWith("/") && ("org/besuzkml/".startsWith(n) || n.equals("META-INF/"))) {
        continue; // directory entries on the way
      }
      assertTrue(startsWithAny(n, ALLOWED), n);
      assertTrue(!startsWithAny(n, FORBIDDEN), n);
    }
    assertTrue(names.contains("org/besuzkml/proof/verify/Verifier.class"));
    assertTrue(names.contains("org/besuzkml/precompile/ZkmlPrecompile.class"));
  }

  /** Both the base classes and those a JDK 21+ loads instead (the jar is multi-release). */
  @ParameterizedTest
  @ValueSource(strings = {"base", "21"})
  void everyReferenceIsInTheJarOrProvidedByBesu(String release) {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    int rc = jdeps.run(ps, ps, "--multi-release", release, "-verbose:class", BesuLikeLoader.jar().toString());
    assertEquals(0, rc, out.toString(StandardCharsets.UTF_8));
    TreeSet<String> missing = new TreeSet<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[1].equals("->") && !f[2].equals("not") && line.contains("not found")) {
        missing.add(f[2]);
      }
    }
    assertTrue(!missing.isEmpty(), "jdeps output not understood");
    for (String m : missing) {
      boolean provided = false;
      for (String p : BesuLikeLoader.BESU_PROVIDES) {
        provided |= m.startsWith(p);
      }
      assertTrue(provided, "the jar needs " + m + ", which neither it nor Besu has");
    }
  }

  private static boolean startsWithAny(String n, String[] ps) {
    for (String p : ps) {
      if (n.startsWith(p)) {
        return true;
      }
    }
    return false;
  }
}
