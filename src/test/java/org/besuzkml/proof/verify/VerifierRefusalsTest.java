package org.besuzkml.proof.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Arrays;
import org.besuzkml.codec.Container;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.gadget.BackwardWalk;
import org.besuzkml.proof.witness.CorpusModels;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Verifier refusals that the end-to-end tests do not reach: missing arguments, and a WALK
 * section longer than the walk when no size limit stops it first (limits null).
 */
class VerifierRefusalsTest {
  private static final BackwardWalk.Visits NONE = (g, from, to) -> { };

  @Test
  void missingArgumentsAndOverlongWalk() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(CorpusModels.CORPUS));
    CorpusModels.Loaded l = CorpusModels.load("1l_flatten");
    ProvingKey pk = Setup.run(l.compiled(), DevSrs.create(Setup.binVars(l.compiled()), 0));
    Prover.Proof p = Prover.prove(pk, l.honest(), true);
    VerifyingKey vk = pk.vk();
    Verifier.SrsPolicy dev = Verifier.SrsPolicy.ALLOW_DEV;
    assertTrue(Verifier.verify(vk, p.inputs(), p.outputs(), p.bytes(), dev, null, NONE).valid());
    String missing = "missing vk, public values or proof";
    assertEquals(missing, Verifier.verify(vk, null, p.outputs(), p.bytes(), dev, NONE).reason());
    assertEquals(missing, Verifier.verify(vk, p.inputs(), null, p.bytes(), dev, NONE).reason());
    assertEquals(missing, Verifier.verify(vk, p.inputs(), p.outputs(), null, dev, NONE).reason());
    assertEquals(missing, Verifier.verify((VerifyingKey) null, p.inputs(), p.outputs(), p.bytes(), dev, NONE)
        .reason());
    // one more element in WALK: the size limit refuses it; without limits, the walk does
    int[] b = Container.decode(p.bytes(), Container.PROOF, ProofDecoder.SECTIONS).value();
    byte[][] s = new byte[ProofDecoder.SECTIONS][];
    for (int i = 0; i < s.length; i++) {
      s[i] = Arrays.copyOfRange(p.bytes(), b[2 * i], b[2 * i + 1]);
    }
    s[3] = Arrays.copyOf(s[3], s[3].length + 32);
    byte[] longer = Container.encode(Container.PROOF, s);
    assertTrue(Verifier.verify(vk, p.inputs(), p.outputs(), longer, dev, NONE).reason()
        .startsWith("proof format: " + longer.length + " bytes, the vk fixes "));
    assertEquals("walk: section longer than the walk",
        Verifier.verify(vk, p.inputs(), p.outputs(), longer, dev, null, NONE).reason());
  }
}
