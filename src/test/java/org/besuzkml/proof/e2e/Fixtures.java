package org.besuzkml.proof.e2e;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.witness.CorpusModels;

/** Corpus models with keys (dev SRS, seed 0) and one honest proof, cached per JVM. */
final class Fixtures {
  record Keyed(CorpusModels.Loaded model, ProvingKey pk, Prover.Proof proof) {}

  private static final Map<String, Keyed> CACHE = new ConcurrentHashMap<>();

  /**
   * Set by the pom's mutation profile (-Dzkml.mutation=true). PIT reruns every covering test of a
   * mutant that survives, so the few sweeps whose breadth is about scale rather than about which
   * check runs (lenet_5 beside 1l_mlp, the whole corpus in VerifierCostTest, every element of a
   * long message) are narrowed there, each as its test says; `mvn verify` runs them in full.
   */
  static final boolean MUTATION_RUN = Boolean.getBoolean("zkml.mutation");

  private Fixtures() {}

  /** Synthetic models by name, for gadget kinds no corpus model has. */
  static byte[] synthetic(String name) {
    return switch (name) {
      // a divisor that may be zero or negative: the signed DivTensor with its zero bit (6.10)
      case "div_by_activation" -> org.besuzkml.onnx.OpModels.node("Div").input(1, 6).input(1, 6)
          .build();
      // a multi-input Wire (its parts-sum check), all public: no bins
      case "concat" -> org.besuzkml.onnx.OpModels.node("Concat").input(2, 3).input(2, 5)
          .attr("axis", 1L).build();
      // a per-position divisor: DivConst's tensor variant with its sumcheck (6.9)
      case "avgpool_pads" -> org.besuzkml.onnx.OpModels.node("AveragePool").input(1, 2, 5, 5)
          .attr("kernel_shape", 3L, 3L).attr("pads", 1L, 1L, 1L, 1L).build();
      default -> null;
    };
  }

  /** A corpus model, or a synthetic one by name. */
  static CorpusModels.Loaded load(String name) throws Exception {
    byte[] onnx = synthetic(name);
    return onnx != null ? CorpusModels.fromBytes(name, onnx) : CorpusModels.load(name);
  }

  static Keyed get(String name) {
    return CACHE.computeIfAbsent(name, n -> {
      try {
        CorpusModels.Loaded l = load(n);
        ProvingKey pk = Setup.run(l.compiled(), DevSrs.create(Setup.binVars(l.compiled()), 0));
        return new Keyed(l, pk, Prover.prove(pk, l.honest(), true));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
