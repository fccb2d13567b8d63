package org.besuzkml.proof.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.besuzkml.proof.gadget.Circuit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus model compiles, its witness (built from the engine trace and cross-checked against
 * every tensor the engine records) satisfies every gadget relation, and the public outputs are the
 * engine's.
 */
class CorpusWitnessTest {
  static java.util.stream.Stream<String> models() throws Exception {
    return CorpusModels.names();
  }

  @ParameterizedTest
  @MethodSource("models")
  void honestWitnessSatisfiesEveryRelation(String name) throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(CorpusModels.CORPUS));
    CorpusModels.Loaded l = CorpusModels.load(name);
    Witness w = l.honest();
    List<WitnessChecker.Failure> f = WitnessChecker.check(l.compiled(), w);
    assertTrue(f.isEmpty(), name + ": " + f);
    Circuit c = l.compiled().circuit();
    for (int i = 0; i < c.outputs().length; i++) {
      String out = l.compiled().model().graph().outputs().get(i).name();
      assertEquals(java.util.Arrays.toString(l.trace().get(out).data()),
          java.util.Arrays.toString(w.get(c.outputs()[i])), name + " output " + i);
    }
    System.out.printf("%s: %d tensors, %d gadgets, %d tables, w=%d%n", name, c.tensors().size(),
        c.gadgets().size(), c.tables().size(), c.limbWidth());
  }
}
