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

  private Fixtures() {}

  static Keyed get(String name) {
    return CACHE.computeIfAbsent(name, n -> {
      try {
        CorpusModels.Loaded l = CorpusModels.load(n);
        ProvingKey pk = Setup.run(l.compiled(), DevSrs.create(Setup.binVars(l.compiled()), 0));
        return new Keyed(l, pk, Prover.prove(pk, l.honest(), true));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
