package org.besuzkml.proof.e2e;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.besuzkml.codec.Visibility;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.InputOpening;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.ZkProver;
import org.besuzkml.proof.compile.CompiledModel;
import org.besuzkml.proof.witness.CorpusModels;
import org.besuzkml.proof.witness.WitnessBuilder;
import org.besuzkml.zk.SeededRandomness;

/**
 * Corpus models with every graph input committed (zk-design 4.7): the compiled model relowered by
 * {@code Setup.withInputVisibility}, a version-2 key (dev SRS, seed 0), the opening of the corpus
 * input (seeded blinding) and one seeded proof, cached per JVM.
 */
final class ZkCommittedFixtures {
  record Keyed(CorpusModels.Loaded model, ProvingKey pk, InputOpening[] openings, Prover.Proof proof) {}

  private static final Map<String, Keyed> CACHE = new ConcurrentHashMap<>();

  private ZkCommittedFixtures() {}

  static Keyed get(String name) {
    return CACHE.computeIfAbsent(name, n -> {
      CorpusModels.Loaded pub;
      try {
        pub = Fixtures.load(n);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      int[] codes = new int[pub.compiled().circuit().inputs().length];
      java.util.Arrays.fill(codes, Visibility.COMMITTED);
      CompiledModel cm = Setup.withInputVisibility(pub.compiled(), codes);
      CorpusModels.Loaded l = new CorpusModels.Loaded(n, cm, pub.trace());
      ProvingKey pk = Setup.runZk(cm, DevSrs.create(Setup.binVars(cm), 0));
      var w = WitnessBuilder.build(cm, l.trace());
      InputOpening[] op = openings(pk, w, 7);
      return new Keyed(l, pk, op, ZkProver.prove(pk, w, true, SeededRandomness.of(1), op));
    });
  }

  /** Fresh openings of the witness's inputs, blindings from a seeded source. */
  static InputOpening[] openings(ProvingKey pk, org.besuzkml.proof.witness.Witness w, long seed) {
    int[] in = pk.vk().circuit().inputs();
    InputOpening[] op = new InputOpening[in.length];
    SeededRandomness rnd = SeededRandomness.of(seed);
    for (int i = 0; i < in.length; i++) {
      op[i] = InputOpening.create(pk.srs(), pk.vk(), i, w.get(in[i]).clone(), rnd);
    }
    return op;
  }
}
