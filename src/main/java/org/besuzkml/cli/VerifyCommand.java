package org.besuzkml.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.proof.ModelFiles;
import org.besuzkml.proof.ProofJson;
import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.verify.VerifyResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zkml verify DIR PROOF.json [--json]}: exit 0 valid, 1 invalid (one line why), 2 malformed
 * files. Under a zk key the visibility line ({@code zk: yes; inputs: #0 private; ...}) comes first.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Verify a proof against DIR/vk.bzkv. Exit 0 valid, 1 invalid, 2 malformed files.")
final class VerifyCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "Model directory (or a vk.bzkv file).")
  Path dir;

  @Parameters(index = "1", paramLabel = "PROOF.json")
  Path proof;

  @Option(names = "--json", description = "Print {\"valid\", \"verify_ms\", \"reason\"}.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    VerifyingKey vk;
    ProofJson.Parsed p;
    try {
      vk = ModelFiles.readVerifyingKey(dir);
      p = ProofJson.read(proof, vk);
    } catch (ModelFiles.FileException | ProofJson.Malformed e) {
      return report(false, 0, "malformed: " + e.getMessage(), 2);
    } catch (ProofJson.WrongModel e) {
      return report(false, 0, e.getMessage(), 1);
    }
    if (vk.dev()) {
      System.err.println("WARNING: this verifying key was made with the INSECURE development SRS: "
          + "anyone can forge proofs for it. Verifying anyway, for testing only; a validator "
          + "(the precompile) refuses it.");
    }
    long t0 = System.nanoTime();
    // ProofJson.read has checked that the proof names this vk's model.
    VerifyResult r = Verifier.verify(vk, p.statement(), p.proof(), Verifier.SrsPolicy.ALLOW_DEV);
    double ms = (System.nanoTime() - t0) / 1e6;
    visibility = vk.zk() ? vk.visibility().describe(p.statement().commitments()) : null;
    return report(r.valid(), ms, r.reason(), r.valid() ? 0 : 1);
  }

  /** The zk key's visibility line (zk-design 1.5), printed before the verdict; null for a version-1 key. */
  private String visibility;

  private int report(boolean valid, double ms, String reason, int code) throws Exception {
    if (visibility != null && !json) {
      System.out.println(visibility);
    }
    if (json) {
      ObjectNode o = new ObjectMapper().createObjectNode();
      if (visibility != null) {
        o.put("visibility", visibility);
      }
      o.put("valid", valid).put("verify_ms", Math.round(ms * 100) / 100.0);
      if (reason == null) {
        o.putNull("reason");
      } else {
        o.put("reason", reason);
      }
      System.out.println(new ObjectMapper().writeValueAsString(o));
    } else if (valid) {
      System.out.printf("valid (%.2f ms)%n", ms);
    } else {
      System.out.println((code == 2 ? "" : "invalid: ") + reason);
    }
    return code;
  }
}
