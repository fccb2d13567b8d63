package org.besuzkml.proof.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Every corpus model: compile, setup (dev SRS), prove, verify; the proof's outputs are exactly the
 * integer engine's outputs (what `run` prints, dequantized). All 36 models must get through: a model
 * that stops compiling or proving fails here rather than being skipped.
 */
class CorpusEndToEndTest {
  static Stream<String> models() throws Exception {
    return CorpusModels.names();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void provesAndVerifies(String name) throws Exception {
    CorpusModels.Loaded l = CorpusModels.load(name);
    assertNull(Prover.unsupported(l.compiled().circuit()), name + ": a gadget has no prover");
    ProvingKey pk = Setup.run(l.compiled(), DevSrs.create(Setup.binVars(l.compiled()), 0));
    long t0 = System.nanoTime();
    Prover.Proof p = Prover.prove(pk, l.honest(), true);
    long t1 = System.nanoTime();
    VerifyResult r = Verifier.verify(pk.vk().bytes(), p.inputs(), p.outputs(), p.bytes(), Verifier.SrsPolicy.ALLOW_DEV);
    long t2 = System.nanoTime();
    System.out.printf("E2E %s: proof %d bytes, prove %.1f ms, verify %.1f ms, %s%n", name,
        p.bytes().length, (t1 - t0) / 1e6, (t2 - t1) / 1e6, r);
    assertTrue(r.valid(), name + ": " + r);
    var outputs = l.compiled().model().graph().outputs();
    for (int i = 0; i < outputs.size(); i++) {
      assertArrayEquals(l.trace().get(outputs.get(i).name()).data(), p.outputs()[i],
          name + ": proof output " + i + " differs from the engine's");
    }
  }
}
