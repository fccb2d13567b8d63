package org.besuzkml.proof.gadget;

import java.util.List;
import org.besuzkml.transcript.Transcript;

/**
 * The prover's half of a gadget's argument: same messages in the same transcript order as its
 * {@link GadgetVerifier}, the same returned claims.
 */
public interface GadgetProver<G extends Gadget> {
  List<Claim> prove(G g, Circuit c, ProverTables w, List<Claim> outputClaims, ProofSink out,
      Transcript t);
}
