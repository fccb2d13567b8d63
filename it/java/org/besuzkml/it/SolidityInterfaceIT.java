package org.besuzkml.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.besuzkml.precompile.ZkmlAbi;
import org.junit.jupiter.api.Test;

/**
 * The shipped Solidity interface declares exactly the functions and error the precompile
 * dispatches on (canonical signatures, so the same 4-byte selectors), until solc runs in CI.
 */
class SolidityInterfaceIT {
  static final Pattern DECL = Pattern.compile("(function|error)\\s+(\\w+)\\s*\\(([^)]*)\\)");

  @Test
  void signaturesMatchTheSelectors() throws Exception {
    String src = Files.readString(Path.of("it/solidity/IZkmlVerifier.sol"))
        .replaceAll("//[^\\n]*", "");
    Set<String> sigs = new TreeSet<>();
    Matcher m = DECL.matcher(src);
    while (m.find()) {
      StringBuilder types = new StringBuilder();
      for (String p : m.group(3).split(",")) {
        String t = p.trim().split("\\s+")[0];
        if (!t.isEmpty()) {
          types.append(types.length() == 0 ? "" : ",").append(t);
        }
      }
      sigs.add(m.group(2) + "(" + types + ")");
    }
    assertEquals(new TreeSet<>(Set.of(ZkmlAbi.VERIFY_SIG, ZkmlAbi.MODEL_ID_SIG,
        ZkmlAbi.INVALID_PROOF_SIG)), sigs);
  }
}
