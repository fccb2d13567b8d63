package org.besuzkml.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.besuzkml.onnx.InputFile;
import org.besuzkml.pcs.srs.PtauReader;
import org.besuzkml.precompile.Outcome;
import org.besuzkml.precompile.ZkmlAbi;
import org.besuzkml.precompile.ZkmlPrecompile;
import org.besuzkml.proof.ModelFiles;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.compile.CompiledModel;
import org.besuzkml.proof.verify.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zkml bench precompile CORPUS --ptau FILE [--runs N] [--json]}: per model, the precompile's
 * gas against its measured time. Keys come from the ceremony file (the precompile refuses
 * development keys), so models needing more powers than it has are reported as skipped.
 */
@Command(name = "precompile", mixinStandardHelpOptions = true,
    description = "Gas vs measured time of the zkML precompile on every model of a corpus directory.")
final class BenchPrecompileCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "CORPUS", description = "Directory of <model>/network.onnx + input.json.")
  Path corpus;

  @Option(names = "--ptau", required = true, paramLabel = "FILE.ptau")
  Path ptau;

  @Option(names = "--runs", description = "Timed runs per figure (default ${DEFAULT-VALUE}).")
  int runs = 15;

  @Option(names = "--only", paramLabel = "MODEL", description = "Only this model.")
  String only;

  @Option(names = "--json", description = "One JSON object per model.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    int power = PtauReader.header(ptau).power();
    List<Path> dirs;
    try (Stream<Path> s = Files.list(corpus)) {
      dirs = s.filter(d -> Files.exists(d.resolve("network.onnx")))
          .filter(d -> only == null || d.getFileName().toString().equals(only)).sorted().toList();
    }
    int low = 0;
    for (Path d : dirs) {
      String name = d.getFileName().toString();
      byte[] onnx = Files.readAllBytes(d.resolve("network.onnx"));
      CompiledModel cm = ModelFiles.compile(onnx,
          Files.readString(d.resolve("input.json"), StandardCharsets.UTF_8));
      int nBin = Setup.binVars(cm);
      if (nBin > power) {
        print(String.format("{\"model\":\"%s\",\"skipped\":\"needs a ptau of power %d\"}", name, nBin),
            name + ": skipped (needs a ptau of power " + nBin + ")");
        continue;
      }
      ProvingKey pk = Setup.run(cm, PtauReader.read(ptau, nBin));
      Prover.Proof p = Prover.prove(pk, InputFile.read(d.resolve("input.json"), cm.model().graph()));
      byte[] in = ZkmlAbi.encodeVerify(pk.vk().bytes(), p.inputs(), p.outputs(), p.bytes());
      ZkmlPrecompile uncached = new ZkmlPrecompile(ZkmlPrecompile.DEFAULT_MAX_INPUT_BYTES, 0, 0);
      ZkmlPrecompile warm = new ZkmlPrecompile(ZkmlPrecompile.DEFAULT_MAX_INPUT_BYTES,
          ZkmlPrecompile.DEFAULT_CACHE_BYTES, 0);
      ZkmlPrecompile cached = new ZkmlPrecompile();
      if (uncached.call(in).status() != Outcome.Status.SUCCESS) {
        System.err.println("error: " + name + ": " + uncached.call(in).reason());
        return 1;
      }
      int n = Math.max(3, runs);
      double[] u = new double[n];
      double[] w = new double[n];
      double[] c = new double[n];
      double[] bare = new double[n];
      for (int i = -Math.max(3, n / 3); i < n; i++) {
        long t0 = System.nanoTime();
        uncached.call(in);
        long t1 = System.nanoTime();
        warm.call(in);
        long t2 = System.nanoTime();
        cached.call(in);
        long t3 = System.nanoTime();
        Verifier.verify(pk.vk(), p.inputs(), p.outputs(), p.bytes());
        long t4 = System.nanoTime();
        if (i >= 0) {
          u[i] = (t1 - t0) / 1e3;
          w[i] = (t2 - t1) / 1e3;
          c[i] = (t3 - t2) / 1e3;
          bare[i] = (t4 - t3) / 1e3;
        }
      }
      long gas = uncached.gas(in);
      double verifyUs = median(u);
      double ratio = gas / verifyUs;
      low += ratio < 100 ? 1 : 0;
      print(String.format(java.util.Locale.ROOT,
          "{\"model\":\"%s\",\"gas\":%d,\"verify_us\":%.0f,\"warm_us\":%.0f,\"bare_verify_us\":%.0f,"
              + "\"cached_us\":%.0f,\"gas_per_us\":%.0f,\"calldata_bytes\":%d}",
          name, gas, verifyUs, median(w), median(bare), median(c), ratio, in.length),
          String.format(java.util.Locale.ROOT,
              "%-24s gas %,10d  uncached %8.0f us  warm %8.0f us  bare verify %8.0f us  cached %6.0f us  %5.0f gas/us",
              name, gas, verifyUs, median(w), median(bare), median(c), ratio));
    }
    return low == 0 ? 0 : 1;
  }

  private void print(String jsonLine, String text) {
    System.out.println(json ? jsonLine : text);
  }

  static double median(double[] a) {
    double[] s = a.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
