package org.besuzkml.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.besuzkml.model.ModelException;
import org.besuzkml.onnx.InputFile;
import org.besuzkml.proof.ModelFiles;
import org.besuzkml.proof.ProofJson;
import org.besuzkml.proof.ProveMemory;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.verify.VerifyResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zkml bench prove DIR --input INPUT.json [--runs N] [--json]}: warm medians of prove and
 * verify time, proof size, peak heap.
 */
@Command(name = "prove", mixinStandardHelpOptions = true,
    description = "Median prove and verify times (after warm-up), proof size and peak heap for a model.")
final class BenchProveCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR")
  Path dir;

  @Option(names = "--input", required = true, paramLabel = "INPUT.json")
  Path input;

  @Option(names = "--runs", description = "Timed runs (default ${DEFAULT-VALUE}).")
  int runs = 10;

  @Option(names = "--json", description = "Print one JSON line.")
  boolean json;

  @Option(names = InputRange.FLAG,
      description = "Clamp input values beyond the fixed-point range (with a warning) instead of refusing them.")
  boolean clampInputs;

  @Override
  public Integer call() throws Exception {
    Integer bad = BenchCommand.checkRuns(runs);
    if (bad != null) {
      return bad;
    }
    ProvingKey pk = null;
    try {
      pk = ModelFiles.readProvingKey(dir);
      String tooSmall = ProveMemory.check(pk.vk(), Runtime.getRuntime().maxMemory());
      if (tooSmall != null) {
        System.err.println("error: " + tooSmall);
        return 1;
      }
      List<double[]> in = InputFile.read(input, pk.compiled().model().graph());
      InputRange.check(pk.compiled().model(), in, clampInputs);
      int n = runs;
      long[] prove = new long[n];
      long[] verify = new long[n];
      Prover.Proof p = null;
      int warm = Math.max(2, n / 5);
      for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
        b.resetPeakUsage();
      }
      try (ProgressBar bar = new ProgressBarBuilder().setTaskName("bench prove").setInitialMax(warm + n)
          .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
          .build()) {
        for (int i = -warm; i < n; i++) {
          long a = System.nanoTime();
          p = Prover.prove(pk, in);
          long b = System.nanoTime();
          VerifyResult r = Verifier.verify(pk.vk(), p.statement(), p.bytes(), Verifier.SrsPolicy.ALLOW_DEV);
          long c = System.nanoTime();
          if (!r.valid()) {
            System.err.println("error: a proof did not verify: " + r.reason());
            return 1;
          }
          if (i >= 0) {
            prove[i] = b - a;
            verify[i] = c - b;
          }
          bar.step();
        }
      }
      long peak = 0;
      for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
        if (b.getType() == MemoryType.HEAP) {
          peak += b.getPeakUsage().getUsed();
        }
      }
      double pm = DemoCommand.median(prove) / 1e6;
      double vm = DemoCommand.median(verify) / 1e6;
      if (json) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("prove_ms", Math.round(pm * 10) / 10.0).put("verify_ms", Math.round(vm * 100) / 100.0)
            .put("proof_bytes", p.bytes().length).put("peak_heap_mb", Math.round(peak / 1048576.0 * 10) / 10.0)
            .put("runs", n);
        long rss = peakRssKb();
        if (rss > 0) {
          o.put("peak_rss_mb", Math.round(rss / 1024.0 * 10) / 10.0);
        }
        System.out.println(new ObjectMapper().writeValueAsString(o));
      } else {
        System.out.printf("prove %.1f ms, verify %.2f ms (medians of %d), proof %d bytes, peak heap %.1f MB, peak RSS %.1f MB%n",
            pm, vm, n, p.bytes().length, peak / 1048576.0, peakRssKb() / 1024.0);
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
      return ProveCommand.outOfMemory(pk);
    }
  }

  /** This process's peak resident set (VmHWM of /proc/self/status) in KiB; 0 where there is none. */
  static long peakRssKb() {
    try {
      for (String l : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("VmHWM:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // not Linux: no figure
    }
    return 0;
  }
}
