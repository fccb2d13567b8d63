package org.besuzkml.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.besuzkml.model.ModelException;
import org.besuzkml.onnx.InputFile;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.ModelFiles;
import org.besuzkml.proof.ProofJson;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.compile.CompiledModel;
import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.verify.VerifyResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zkml demo}: the embedded EZKL {@code 1l_mlp} example (Gemm 3 -> 4, Relu) end to end:
 * compile, setup with the development SRS, prove, verify, and the figures.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Compile, set up (dev SRS), prove and verify the embedded 1l_mlp model.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--runs", description = "Timed prove/verify runs after one warm-up (default ${DEFAULT-VALUE}).")
  int runs = 5;

  @Override
  public Integer call() {
    Integer bad = BenchCommand.checkRuns(runs);
    if (bad != null) {
      return bad;
    }
    try {
      byte[] onnx = resource("network.onnx");
      String input = new String(resource("input.json"), StandardCharsets.UTF_8);
      long t0 = System.nanoTime();
      CompiledModel cm = ModelFiles.compile(onnx, input);
      long t1 = System.nanoTime();
      System.err.println("WARNING: the demo uses the INSECURE development SRS (public tau).");
      ProvingKey pk = Setup.run(cm, DevSrs.create(Setup.binVars(cm), 0));
      long t2 = System.nanoTime();
      List<double[]> in = InputFile.parse(input, cm.model().graph());
      Prover.Proof p = null;
      VerifyResult r = null;
      long[] prove = new long[runs];
      long[] verify = new long[prove.length];
      for (int i = -1; i < prove.length; i++) {
        long a = System.nanoTime();
        p = Prover.prove(pk, in);
        long b = System.nanoTime();
        r = Verifier.verify(pk.vk().bytes(), p.inputs(), p.outputs(), p.bytes(), Verifier.SrsPolicy.ALLOW_DEV);
        long c = System.nanoTime();
        if (i >= 0) {
          prove[i] = b - a;
          verify[i] = c - b;
        }
      }
      System.out.printf("model     1l_mlp (Gemm 3->4 + Relu), %d gadgets, model id %s%n",
          cm.circuit().gadgets().size(), pk.vk().modelIdHex());
      System.out.printf("compile   %.1f ms; setup %.1f ms (dev SRS 2^%d); vk %d bytes%n", (t1 - t0) / 1e6,
          (t2 - t1) / 1e6, pk.vk().nBin(), pk.vk().bytes().length);
      System.out.printf("prove     %.1f ms (median of %d warm runs)%n", median(prove) / 1e6, prove.length);
      System.out.printf("verify    %.2f ms (median), %s%n", median(verify) / 1e6, r);
      System.out.printf("proof     %d bytes%n", p.bytes().length);
      System.out.println("outputs   " + ProofJson.toJson(pk.vk(), p).get("outputs"));
      return r.valid() ? 0 : 1;
    } catch (ModelException e) {
      return InspectCommand.fail(e);
    } catch (IOException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      return InspectCommand.internal(e);
    }
  }

  static long median(long[] v) {
    long[] s = v.clone();
    java.util.Arrays.sort(s);
    return s[s.length / 2];
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream("/org/besuzkml/demo/" + name)) {
      if (in == null) {
        throw new IOException("embedded demo resource " + name + " missing from the jar");
      }
      return in.readAllBytes();
    }
  }
}
