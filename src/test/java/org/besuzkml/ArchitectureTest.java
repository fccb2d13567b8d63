package org.besuzkml;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the verifier side consensus-safe: its packages import only the JDK, BouncyCastle (which
 * Besu ships) and each other, never the prover side, ONNX, Vert.x or ONNX Runtime; and they use no
 * floating point, whose results a validator must never depend on.
 */
class ArchitectureTest {
  private static final Path MAIN = Path.of("src/main/java/org/besuzkml");
  /** The classes a JDK 21+ loads instead (META-INF/versions/21 of the multi-release jars). */
  private static final Path MAIN21 = Path.of("src/main/java21/org/besuzkml");

  /** Packages that run inside every validating node (directly or through the verifier). */
  static final Set<String> CONSENSUS = Set.of("field", "curve", "pairing", "poly", "transcript",
      "precompile", "msm", "pcs", "sumcheck", "lookup", "proof.gadget", "proof.verify", "codec", "mask");

  private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);
  private static final Pattern FLOATING = Pattern.compile("\\b(double|float|Double|Float)\\b");

  @Test
  void consensusPackagesDependOnlyOnJdkBouncyCastleAndEachOther() throws IOException {
    List<String> violations = new ArrayList<>();
    for (String pkg : CONSENSUS) {
      for (Path file : sources(pkg)) {
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) {
          String imported = m.group(2);
          if (!allowed(imported)) {
            violations.add(file + " imports " + imported);
          }
        }
      }
    }
    assertTrue(violations.isEmpty(), String.join("\n", violations));
  }

  @Test
  void consensusCryptoUsesNoFloatingPoint() throws IOException {
    List<String> violations = new ArrayList<>();
    for (String pkg : List.of("field", "curve", "pairing", "transcript", "sumcheck", "lookup",
        "precompile", "pcs", "proof.gadget", "proof.verify", "codec")) {
      for (Path file : sources(pkg)) {
        String code = stripComments(Files.readString(file));
        if (FLOATING.matcher(code).find()) {
          violations.add(file.toString());
        }
      }
    }
    assertTrue(violations.isEmpty(), "floating point in consensus code: " + violations);
  }

  private static boolean allowed(String imported) {
    if (imported.startsWith("java.") || imported.startsWith("org.bouncycastle.")) {
      return true;
    }
    for (String pkg : CONSENSUS) {
      if (imported.startsWith("org.besuzkml." + pkg + ".")) {
        return true;
      }
    }
    return false;
  }

  private static List<Path> sources(String pkg) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path root : List.of(MAIN, MAIN21)) {
      Path dir = root.resolve(pkg.replace('.', '/'));
      if (Files.isDirectory(dir)) {
        try (Stream<Path> s = Files.walk(dir)) {
          s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
        }
      }
    }
    return files;
  }

  private static String stripComments(String code) {
    return code.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
  }
}
