package org.besuzkml.proof.e2e;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.ZkProver;
import org.besuzkml.proof.witness.CorpusModels;
import org.besuzkml.zk.SeededRandomness;

/** Corpus models with version-2 (zk, all-public) keys (dev SRS, seed 0) and one seeded zk proof, cached per JVM. */
final class ZkFixtures {
  record Keyed(CorpusModels.Loaded model, ProvingKey pk, Prover.Proof proof) {}

  private static final Map<String, Keyed> CACHE = new ConcurrentHashMap<>();

  private ZkFixtures() {}

  static Keyed get(String name) {
    return CACHE.computeIfAbsent(name, n -> {
      try {
        CorpusModels.Loaded l = Fixtures.load(n);
        ProvingKey pk = Setup.runZk(l.compiled(), DevSrs.create(Setup.binVars(l.compiled()), 0));
        return new Keyed(l, pk, ZkProver.prove(pk, l.honest(), true, SeededRandomness.of(1)));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
