package org.besuzkml.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.besuzkml.model.ModelException;
import org.besuzkml.onnx.InputFile;
import org.besuzkml.proof.ModelFiles;
import org.besuzkml.proof.ProofJson;
import org.besuzkml.proof.ProveMemory;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ProvingKey;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zkml prove DIR --input INPUT.json [--opening OPENING.json] -o PROOF.json [--json]}. */
@Command(name = "prove", mixinStandardHelpOptions = true,
    description = "Run the model on an input and prove the result (needs DIR/pk.bzkk from setup).")
final class ProveCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR")
  Path dir;

  @Option(names = "--input", required = true, paramLabel = "INPUT.json")
  Path input;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "PROOF.json")
  Path output;

  @Option(names = "--opening", paramLabel = "OPENING.json",
      description = "The opening from `commit` of each committed input (a key with committed inputs).")
  Path opening;

  @Option(names = "--json", description = "Print one JSON line: prove_ms, proof_bytes, outputs.")
  boolean json;

  @Option(names = InputRange.FLAG,
      description = "Clamp input values beyond the fixed-point range (with a warning) instead of refusing them.")
  boolean clampInputs;

  @Option(names = {"--check", "--check-pk"}, description = "Recommit the model's weights and compare them with "
      + "the vk's commitments, instead of checking them against the digest setup stored (slower; the full check).")
  boolean checkPk;

  @Option(names = "--skip-memory-check", description = "Prove even when the estimated heap exceeds this JVM's "
      + "limit (-Xmx).")
  boolean skipMemoryCheck;

  @Override
  public Integer call() throws Exception {
    ProvingKey pk = null;
    try {
      pk = ModelFiles.readProvingKey(dir, checkPk ? ModelFiles.PkCheck.FULL : ModelFiles.PkCheck.DIGEST);
      String tooSmall = skipMemoryCheck ? null : ProveMemory.check(pk.vk(), Runtime.getRuntime().maxMemory());
      if (tooSmall != null) {
        System.err.println("error: " + tooSmall + "; --skip-memory-check tries anyway");
        return 1;
      }
      org.besuzkml.proof.InputOpening[] openings = null;
      boolean committed = false;
      for (int i = 0; pk.vk().zk() && i < pk.vk().circuit().inputs().length; i++) {
        committed |= pk.vk().visibility().committedInput(i);
      }
      if (committed && opening == null) {
        System.err.println("error: this key's inputs are committed: prove needs --opening OPENING.json (from commit)");
        return 1;
      }
      if (!committed && opening != null) {
        System.err.println("error: --opening is for a key with committed inputs; this key has none");
        return 1;
      }
      if (committed) {
        try {
          openings = org.besuzkml.proof.OpeningFiles.read(opening, pk.vk());
        } catch (org.besuzkml.proof.OpeningFiles.Malformed e) {
          System.err.println("error: " + e.getMessage());
          return 1;
        }
        for (int i = 0; i < openings.length; i++) {
          String bad = openings[i] == null ? null : openings[i].check(pk.srs(), pk.vk(), i);
          if (bad != null) { // before any proof work (zk-design 1.4)
            System.err.println("error: input " + i + ": " + bad);
            return 1;
          }
        }
      }
      List<double[]> in = InputFile.read(input, pk.compiled().model().graph());
      InputRange.check(pk.compiled().model(), in, clampInputs);
      if (openings != null) { // the prover checks this too, but after tracing: say it before any work
        List<long[]> q = pk.compiled().model().quantizeInputs(in);
        for (int i = 0; i < openings.length && i < q.size(); i++) {
          if (openings[i] != null && !java.util.Arrays.equals(openings[i].values(), q.get(i))) {
            System.err.println("error: input " + i + ": the opening is for other values than this input");
            return 1;
          }
        }
      }
      Outputs.prepare(output);
      long t0 = System.nanoTime();
      Prover.Proof p;
      try (ProgressBar bar = new ProgressBarBuilder().setTaskName("prove").setInitialMax(Prover.PHASES.size())
          .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
          .hideEta().build()) {
        p = Prover.prove(pk, in, openings, phase -> {
          bar.setExtraMessage(phase);
          bar.step();
        });
      }
      double ms = (System.nanoTime() - t0) / 1e6;
      ObjectNode root = ProofJson.toJson(pk.vk(), p);
      Outputs.write(output, root.toString() + "\n");
      if (json) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("prove_ms", Math.round(ms * 10) / 10.0).put("proof_bytes", p.bytes().length);
        o.set("outputs", root.get("outputs"));
        System.out.println(new ObjectMapper().writeValueAsString(o));
      } else {
        System.out.printf("proved in %.1f ms: %d-byte proof written to %s%n", ms, p.bytes().length, output);
        System.out.println("outputs: " + root.get("outputs"));
      }
      return 0;
    } catch (ModelFiles.FileException | Prover.ProveException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    } catch (ModelException e) {
      return InspectCommand.fail(e);
    } catch (org.besuzkml.model.quant.QuantizedModel.StepOverflow e) {
      // this input drives an activation out of the fixed-point bound (the message names the node)
      System.err.println("error: fixed-point evaluation overflowed on this input: " + ProofJson.firstLine(e.getMessage()));
      return 2;
    } catch (RuntimeException e) {
      return InspectCommand.internal(e);
    } catch (OutOfMemoryError e) {
      return outOfMemory(pk);
    }
  }

  /** The prover ran out of heap: one line with the limit it had, the estimate, and how to raise it. */
  static int outOfMemory(ProvingKey pk) {
    long max = Runtime.getRuntime().maxMemory();
    System.err.println("error: " + (pk == null ? ProveMemory.outOfHeap(max) : ProveMemory.outOfHeap(pk.vk(), max)));
    return 1;
  }
}
