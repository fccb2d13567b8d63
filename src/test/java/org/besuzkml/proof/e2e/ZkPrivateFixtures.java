package org.besuzkml.proof.e2e;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.ZkProver;
import org.besuzkml.proof.compile.CompiledModel;
import org.besuzkml.proof.witness.CorpusModels;
import org.besuzkml.proof.witness.WitnessBuilder;
import org.besuzkml.zk.SeededRandomness;

/**
 * Corpus models with every graph input private (zk-design 4.7): the compiled model relowered by
 * {@code Setup.withPrivateInputs}, a version-2 key (dev SRS, seed 0) and one seeded proof of the
 * corpus input, cached per JVM.
 */
final class ZkPrivateFixtures {
  /** The private-input model (its own compiled model and trace, for attacks), key and proof. */
  record Keyed(CorpusModels.Loaded model, ProvingKey pk, Prover.Proof proof) {}

  private static final Map<String, Keyed> CACHE = new ConcurrentHashMap<>();

  private ZkPrivateFixtures() {}

  static Keyed get(String name) {
    return CACHE.computeIfAbsent(name, n -> {
      try {
        CorpusModels.Loaded pub = Fixtures.load(n);
        boolean[] all = new boolean[pub.compiled().circuit().inputs().length];
        Arrays.fill(all, true);
        CompiledModel cm = Setup.withPrivateInputs(pub.compiled(), all);
        CorpusModels.Loaded l = new CorpusModels.Loaded(n, cm, pub.trace());
        ProvingKey pk = Setup.runZk(cm, DevSrs.create(Setup.binVars(cm), 0));
        return new Keyed(l, pk, ZkProver.prove(pk, WitnessBuilder.build(cm, l.trace()), true, SeededRandomness.of(1)));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
