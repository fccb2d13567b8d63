package org.besuzkml.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.besuzkml.onnx.SyntheticModels;
import org.besuzkml.proof.ModelFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zkml bench scale}: generates ladders of MLPs (10^3 to 10^7 parameters) and CNNs (MNIST to
 * CIFAR size), and for each runs {@code compile}, {@code setup --dev-srs} and {@code bench prove}
 * in a child JVM of its own, so that each point's peak RSS is its own. Prints one table row per
 * point as it finishes, then the fitted growth (the exponent of a power law, least squares on
 * log-log) of each figure against parameters (MLPs) and MACs (CNNs).
 */
@Command(name = "scale", mixinStandardHelpOptions = true,
    description = "Prove ladders of generated MLPs and CNNs; report times, sizes, peak RSS and their growth.")
final class BenchScaleCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--ladder", description = "mlp, cnn or both (default ${DEFAULT-VALUE}).")
  String ladder = "both";

  @Option(names = "--max-params", description = "Largest MLP, in parameters (default ${DEFAULT-VALUE}).")
  long maxParams = 10_000_000;

  @Option(names = "--max-macs", description = "Largest CNN, in multiply-accumulates (default ${DEFAULT-VALUE}).")
  long maxMacs = 60_000_000;

  @Option(names = "--runs", description = "Timed proofs per point, after two warm-up proofs (default ${DEFAULT-VALUE}).")
  int runs = 3;

  @Option(names = "--heap", description = "-Xmx of each child JVM (default ${DEFAULT-VALUE}).")
  String heap = "20g";

  @Option(names = "--timeout", paramLabel = "MINUTES", description = "Per step of a point (default ${DEFAULT-VALUE}).")
  int timeoutMinutes = 30;

  @Option(names = "--dir", description = "Keep the generated models here (default: a temporary directory, deleted).")
  Path keep;

  @Option(names = "--json", description = "Print one JSON object at the end instead of the table.")
  boolean json;

  /** One point of a ladder: what it measured, or why it failed. */
  record Point(SyntheticModels.Model model, JsonNode bench, long vkBytes, long pkBytes, String error) {}

  static List<SyntheticModels.Model> mlps(long maxParams) {
    List<SyntheticModels.Model> out = new ArrayList<>();
    for (long p = 1_000; p <= maxParams; p *= 10) {
      out.add(SyntheticModels.mlpOfParams(p, 1));
    }
    return out;
  }

  static List<SyntheticModels.Model> cnns(long maxMacs) {
    List<SyntheticModels.Model> all = List.of(
        SyntheticModels.cnn("cnn-mnist-4", 1, 28, 4, 32, 2),
        SyntheticModels.cnn("cnn-mnist-16", 1, 28, 16, 64, 2),
        SyntheticModels.cnn("cnn-cifar-32", 3, 32, 32, 128, 2), // 357k parameters
        SyntheticModels.cnn("cnn-cifar-64", 3, 32, 64, 128, 2),
        SyntheticModels.cnn("cnn-cifar-76", 3, 32, 76, 128, 2)); // 5.5e7 MACs
    return all.stream().filter(m -> m.macs() <= maxMacs).toList();
  }

  @Override
  public Integer call() throws Exception {
    Integer bad = BenchCommand.checkRuns(runs);
    if (bad != null) {
      return bad;
    }
    if (!List.of("mlp", "cnn", "both").contains(ladder)) {
      System.err.println("error: --ladder must be mlp, cnn or both (got " + ladder + ")");
      return 2;
    }
    Path root = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("zkml-scale");
    try {
      List<Point> mlp = ladder.equals("cnn") ? List.of() : run(root, mlps(maxParams));
      List<Point> cnn = ladder.equals("mlp") ? List.of() : run(root, cnns(maxMacs));
      if (json) {
        ObjectNode o = JSON.createObjectNode();
        o.set("mlp", points(mlp));
        o.set("cnn", points(cnn));
        ObjectNode k = o.putObject("growth");
        fits(mlp, true).forEach(k.putObject("mlp_vs_params")::put);
        fits(cnn, false).forEach(k.putObject("cnn_vs_macs")::put);
        System.out.println(JSON.writeValueAsString(o));
      } else {
        print("MLPs, against parameters", fits(mlp, true));
        print("CNNs, against MACs", fits(cnn, false));
      }
      return mlp.stream().anyMatch(p -> p.error() != null) || cnn.stream().anyMatch(p -> p.error() != null) ? 1 : 0;
    } finally {
      if (keep == null) {
        deleteTree(root);
      }
    }
  }

  private List<Point> run(Path root, List<SyntheticModels.Model> models) throws Exception {
    if (!json) {
      System.out.println("| model | params | MACs | prove ms | verify ms | proof B | vk B | pk B | peak RSS MB |");
      System.out.println("|---|---|---|---|---|---|---|---|---|");
    }
    List<Point> out = new ArrayList<>();
    for (SyntheticModels.Model m : models) {
      Point p = point(root, m);
      out.add(p);
      if (!json) {
        System.out.println(p.error() != null
            ? String.format("| %s | %,d | %,d | %s |", m.name(), m.params(), m.macs(), p.error())
            : String.format("| %s | %,d | %,d | %.1f | %.2f | %,d | %,d | %,d | %.0f |", m.name(), m.params(),
                m.macs(), p.bench().get("prove_ms").asDouble(), p.bench().get("verify_ms").asDouble(),
                p.bench().get("proof_bytes").asLong(), p.vkBytes(), p.pkBytes(),
                p.bench().path("peak_rss_mb").asDouble()));
        System.out.flush();
      }
    }
    return out;
  }

  private Point point(Path root, SyntheticModels.Model m) throws Exception {
    Path dir = Files.createDirectories(root.resolve(m.name()));
    Path onnx = dir.resolve("network.onnx");
    Path input = dir.resolve("input.json");
    Files.write(onnx, m.onnx());
    Files.writeString(input, m.inputJson());
    Path model = dir.resolve("model");
    String err = child(dir, "compile", onnx.toString(), "--input", input.toString(), "-o", model.toString());
    if (err == null) {
      err = child(dir, "setup", model.toString(), "--dev-srs");
    }
    if (err != null) {
      return new Point(m, null, 0, 0, err);
    }
    err = child(dir, "bench", "prove", model.toString(), "--input", input.toString(), "--runs",
        String.valueOf(runs), "--json");
    if (err != null) {
      return new Point(m, null, 0, 0, err);
    }
    List<String> out = Files.readAllLines(dir.resolve("bench.out"));
    return new Point(m, JSON.readTree(out.get(out.size() - 1)), Files.size(model.resolve(ModelFiles.VK)),
        Files.size(model.resolve(ModelFiles.PK)), null);
  }

  /**
   * Runs {@code zkml ARGS} in a child JVM (stdout to ARGS[0].out, stderr to ARGS[0].log); null, or
   * the child's last error line.
   */
  private String child(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    Path log = dir.resolve(args[0] + ".log");
    Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).redirectOutput(dir.resolve(args[0] + ".out")
        .toFile()).start();
    if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      return args[0] + " took more than " + timeoutMinutes + " min";
    }
    if (p.exitValue() == 0) {
      return null;
    }
    List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
    return args[0] + " failed: " + (lines.isEmpty() ? "exit " + p.exitValue() : lines.get(lines.size() - 1));
  }

  private static ArrayNode points(List<Point> ps) {
    ArrayNode a = JSON.createArrayNode();
    for (Point p : ps) {
      ObjectNode o = a.addObject().put("model", p.model().name()).put("params", p.model().params())
          .put("macs", p.model().macs());
      if (p.error() != null) {
        o.put("error", p.error());
      } else {
        o.setAll((ObjectNode) p.bench());
        o.put("vk_bytes", p.vkBytes()).put("pk_bytes", p.pkBytes());
      }
    }
    return a;
  }

  /** Each figure's growth exponent against parameters or MACs (empty below two points). */
  static java.util.Map<String, Double> fits(List<Point> ps, boolean byParams) {
    java.util.Map<String, Double> k = new java.util.LinkedHashMap<>();
    List<Point> ok = ps.stream().filter(p -> p.error() == null).toList();
    if (ok.size() < 2) {
      return k;
    }
    double[] x = ok.stream().mapToDouble(p -> byParams ? p.model().params() : p.model().macs()).toArray();
    for (String f : List.of("prove_ms", "verify_ms", "proof_bytes", "peak_rss_mb")) {
      k.put(f, slope(x, ok.stream().mapToDouble(p -> p.bench().path(f).asDouble()).toArray()));
    }
    k.put("vk_bytes", slope(x, ok.stream().mapToDouble(Point::vkBytes).toArray()));
    k.put("pk_bytes", slope(x, ok.stream().mapToDouble(Point::pkBytes).toArray()));
    return k;
  }

  private static void print(String title, java.util.Map<String, Double> k) {
    if (k.isEmpty()) {
      return;
    }
    System.out.println();
    System.out.println("Growth, " + title + " (figure ~ size^k, least squares on log-log):");
    k.forEach((f, v) -> System.out.printf("  %-12s k = %.2f%n", f, v));
  }

  /** The least-squares slope of log y against log x (points with y <= 0 are left out). */
  static double slope(double[] x, double[] y) {
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    int n = 0;
    for (int i = 0; i < x.length; i++) {
      if (y[i] > 0 && x[i] > 0) {
        double lx = Math.log(x[i]);
        double ly = Math.log(y[i]);
        sx += lx;
        sy += ly;
        sxx += lx * lx;
        sxy += lx * ly;
        n++;
      }
    }
    double d = n * sxx - sx * sx;
    return n < 2 || d == 0 ? Double.NaN : (n * sxy - sx * sy) / d;
  }

  private static void deleteTree(Path root) throws IOException {
    try (var s = Files.walk(root)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
