package org.besuzkml.proof.witness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.besuzkml.model.Graph;
import org.besuzkml.model.quant.Calibrator;
import org.besuzkml.model.quant.QuantizedModel;
import org.besuzkml.model.quant.Trace;
import org.besuzkml.onnx.InputFile;
import org.besuzkml.onnx.OnnxImporter;
import org.besuzkml.proof.compile.CompiledModel;
import org.besuzkml.proof.compile.Compiler;

/** Loads, calibrates, compiles and traces corpus models (cached per JVM: tests share them). */
public final class CorpusModels {
  public static final Path CORPUS = Path.of("../shared/models/ezkl");
  /** Models that together have every gadget kind (WalkCoverageTest checks it; div_by_activation is built by a test). */
  public static final List<String> EVERY_GADGET_KIND = List.of("1l_mlp", "1l_max_pool", "1l_softmax",
      "layernorm", "lenet_5", "1l_mean", "1l_pad", "1l_sigmoid", "1l_reshape", "1l_average", "div_by_activation");
  /**
   * Set by the mutation profile (docs/mutation.md): sweeps over the whole corpus narrow to
   * {@link #EVERY_GADGET_KIND}. PIT's JUnit 5 plugin enumerates a parameterized test by running it
   * in every minion it starts, so a sweep over all 36 models cost about a minute per minion.
   */
  public static final boolean MUTATION_RUN = Boolean.getBoolean("zkml.mutation");

  /** A compiled model with its honest trace. */
  public record Loaded(String name, CompiledModel compiled, Trace trace) {
    public Witness honest() {
      return WitnessBuilder.build(compiled, trace);
    }
  }

  private static final Map<String, Loaded> CACHE = new ConcurrentHashMap<>();

  private CorpusModels() {}

  public static Stream<String> names() throws IOException {
    if (!Files.isDirectory(CORPUS)) {
      return Stream.of();
    }
    try (Stream<Path> s = Files.list(CORPUS)) {
      return s.filter(p -> Files.exists(p.resolve("network.onnx")))
          .map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  public static QuantizedModel quantized(String name) throws Exception {
    Path dir = CORPUS.resolve(name);
    Graph g = OnnxImporter.read(Files.readAllBytes(dir.resolve("network.onnx")));
    List<double[]> in = InputFile.read(dir.resolve("input.json"), g);
    return Calibrator.calibrate(g, List.of(in), null).model();
  }

  /** A model given as ONNX bytes, calibrated on one random normal input (seeded by its name). */
  public static Loaded fromBytes(String name, byte[] bytes) throws Exception {
    Graph g = OnnxImporter.read(bytes);
    java.util.Random r = new java.util.Random(name.hashCode());
    List<double[]> in = new java.util.ArrayList<>();
    for (Graph.Value v : g.inputs()) {
      double[] x = new double[org.besuzkml.model.Shapes.size(v.shape())];
      for (int i = 0; i < x.length; i++) {
        x[i] = r.nextGaussian();
      }
      in.add(x);
    }
    QuantizedModel q = Calibrator.calibrate(g, List.of(in), null).model();
    return new Loaded(name, Compiler.compile(q), q.run(in));
  }

  public static Loaded load(String name) throws Exception {
    Loaded l = CACHE.get(name);
    if (l != null) {
      return l;
    }
    Path dir = CORPUS.resolve(name);
    Graph g = OnnxImporter.read(Files.readAllBytes(dir.resolve("network.onnx")));
    List<double[]> in = InputFile.read(dir.resolve("input.json"), g);
    QuantizedModel q = Calibrator.calibrate(g, List.of(in), null).model();
    CompiledModel cm = Compiler.compile(q);
    l = new Loaded(name, cm, q.run(in));
    CACHE.put(name, l);
    return l;
  }
}
