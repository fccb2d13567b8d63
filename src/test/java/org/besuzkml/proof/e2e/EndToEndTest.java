package org.besuzkml.proof.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.verify.VerifyResult;
import org.besuzkml.proof.witness.CorpusModels;
import org.junit.jupiter.api.Test;

class EndToEndTest {
  @Test
  void oneLayerMlpProvesAndVerifies() throws Exception {
    var l = CorpusModels.load("1l_mlp");
    ProvingKey pk = Setup.run(l.compiled(), DevSrs.create(Setup.binVars(l.compiled()), 0));
    Prover.Proof p = Prover.prove(pk, l.honest(), true);
    VerifyResult r = Verifier.verify(pk.vk().bytes(), p.inputs(), p.outputs(), p.bytes(), Verifier.SrsPolicy.ALLOW_DEV);
    System.out.println("proof bytes " + p.bytes().length + " " + r);
    assertTrue(r.valid(), r.toString());
    String out = l.compiled().model().graph().outputs().get(0).name();
    assertArrayEquals(l.trace().get(out).data(), p.outputs()[0]);
  }

  /**
   * A fresh proof (not the per-JVM cached one) of a model with chunked columns: the prover's side
   * of the walk's chunk statements (Walk.stateColumn) must produce values the verifier accepts.
   */
  @Test
  void chunkedColumnsProveAndVerify() {
    Fixtures.Keyed k = Fixtures.get("1l_tanh");
    assertTrue(k.pk().vk().layout().witness().stream().anyMatch(c -> c.chunks() > 1),
        "1l_tanh has a chunked column");
    Prover.Proof p = Prover.prove(k.pk(), k.model().honest(), true);
    VerifyResult r = Verifier.verify(k.pk().vk().bytes(), p.inputs(), p.outputs(), p.bytes(),
        Verifier.SrsPolicy.ALLOW_DEV);
    assertTrue(r.valid(), r.toString());
  }
}
