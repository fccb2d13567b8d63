package org.besuzkml.proof.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.stream.Stream;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.verify.VerifyResult;
import org.besuzkml.proof.witness.CorpusModels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus model whose gadgets all have provers: compile, setup (dev SRS), prove, verify. A
 * model with an unsupported gadget is skipped, the gadget named in the skip reason.
 */
class CorpusEndToEndTest {
  static Stream<String> models() throws Exception {
    return CorpusModels.names();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void provesAndVerifies(String name) throws Exception {
    CorpusModels.Loaded l;
    try {
      l = CorpusModels.load(name);
    } catch (Exception | Error e) {
      assumeTrue(false, "does not compile: " + e.getMessage());
      return;
    }
    String why = Prover.unsupported(l.compiled().circuit());
    assumeTrue(why == null, "skipped: " + why);
    ProvingKey pk = Setup.run(l.compiled(), DevSrs.create(Setup.binVars(l.compiled()), 0));
    long t0 = System.nanoTime();
    Prover.Proof p = Prover.prove(pk, l.honest(), true);
    long t1 = System.nanoTime();
    VerifyResult r = Verifier.verify(pk.vk().bytes(), p.inputs(), p.outputs(), p.bytes());
    long t2 = System.nanoTime();
    System.out.printf("E2E %s: proof %d bytes, prove %.1f ms, verify %.1f ms, %s%n", name,
        p.bytes().length, (t1 - t0) / 1e6, (t2 - t1) / 1e6, r);
    assertTrue(r.valid(), name + ": " + r);
  }
}
