package org.besuzkml.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.besuzkml.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code zkml sidecar}: bad options and bad model directories fail at once, in one line. */
class SidecarCommandTest {
  @TempDir Path tmp;

  record Outcome(int status, String err) {}

  static Outcome exec(String... args) {
    PrintStream err = System.err;
    PrintStream out = System.out;
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      return new Outcome(new CommandLine(new Main()).execute(args), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(err);
      System.setOut(out);
    }
  }

  @Test
  void outOfRangeOptionsExitTwo() throws Exception {
    String m = SidecarFixture.model().toString();
    String d = tmp.resolve("data").toString();
    assertEquals(2, exec("sidecar", "--models", m, "--data", d, "--port", "70000").status());
    assertEquals(2, exec("sidecar", "--models", m, "--data", d, "--queue-limit", "0").status());
    assertEquals(2, exec("sidecar", "--data", d).status(), "--models is required");
  }

  @Test
  void chainOptionsAreCheckedAndAKeyNeverAppearsInAnError() throws Exception {
    String m = SidecarFixture.model().toString();
    String d = tmp.resolve("data").toString();
    Outcome noRpc = exec("sidecar", "--models", m, "--data", d, "--chain-key-file", "account.key");
    assertEquals(2, noRpc.status());
    assertTrue(noRpc.err().contains("--chain-rpc"), noRpc.err());
    assertEquals(2, exec("sidecar", "--models", m, "--data", d, "--chain-rpc", "http://127.0.0.1:1",
        "--chain-key-file", "account.key", "--chain-key-env", "ZKML_KEY").status(), "one key source, not two");
    assertEquals(2, exec("sidecar", "--models", m, "--data", d, "--chain-rpc", "http://127.0.0.1:1",
        "--chain-key-env", "ZKML_KEY", "--chain-target", "0x1234").status(), "not an address");
    Path bad = tmp.resolve("bad.key");
    java.nio.file.Files.writeString(bad, "not-a-key-but-secret-0123456789abcdef\n");
    Outcome o = exec("sidecar", "--models", m, "--data", d, "--port", "0", "--chain-rpc", "http://127.0.0.1:1",
        "--chain-key-file", bad.toString());
    assertEquals(1, o.status(), o.err());
    // web3j's SLF4J prints its "no provider" notice on first use; the error itself is one line
    List<String> lines = o.err().lines().filter(l -> !l.startsWith("SLF4J")).toList();
    assertEquals(1, lines.size(), o.err());
    assertTrue(lines.get(0).startsWith("error: chain submission: key file"), o.err());
    assertTrue(o.err().contains(bad.toString()), "names the file: " + o.err());
    assertFalse(o.err().contains("secret"), "never its content: " + o.err());
  }

  @Test
  void clusterOptionsAreCheckedInOneLineAndChainSubmissionIsRefusedWithIt() throws Exception {
    String m = SidecarFixture.model().toString();
    String d = tmp.resolve("data").toString();
    Outcome chain = exec("sidecar", "--models", m, "--data", d, "--cluster", "--chain-rpc", "http://127.0.0.1:1",
        "--chain-key-env", "ZKML_KEY");
    assertEquals(2, chain.status());
    assertEquals(List.of("error: --cluster and --chain-rpc cannot be combined: chain submission runs on a single"
        + " sidecar (docs/sidecar-cluster.md)"), chain.err().lines().toList());
    Outcome alone = exec("sidecar", "--models", m, "--data", d, "--cluster-members", "127.0.0.1:5701");
    assertEquals(2, alone.status());
    assertEquals(List.of("error: --cluster-members needs --cluster"), alone.err().lines().toList());
    Outcome bad = exec("sidecar", "--models", m, "--data", d, "--cluster", "--cluster-members", "127.0.0.1:5701,x");
    assertEquals(2, bad.status());
    assertEquals(List.of("error: --cluster-members: 'x' is not host:port"), bad.err().lines().toList());
    assertEquals(2, exec("sidecar", "--models", m, "--data", d, "--cluster", "--cluster-port", "0").status());
  }

  @Test
  void aDirectoryWithoutAModelFailsInOneLine() {
    Outcome o = exec("sidecar", "--models", tmp.toString(), "--data", tmp.resolve("data").toString(), "--port", "0");
    assertEquals(1, o.status());
    assertTrue(o.err().startsWith("error: ") && o.err().strip().lines().count() == 1, o.err());
    assertFalse(o.err().contains("\tat "));
  }
}
