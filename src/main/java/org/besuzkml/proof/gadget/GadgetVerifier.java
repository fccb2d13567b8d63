package org.besuzkml.proof.gadget;

import java.util.List;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.transcript.Transcript;

/**
 * 4.4 step 2: a gadget's verifier takes the claims on its outputs, reads its messages from the
 * proof (absorbing each), runs its sumchecks and relation checks, and returns the claims on its
 * inputs (and opening claims on committed outputs it states), or a rejection with a reason. Never
 * throws on proof content; work is bounded by the gadget's shapes.
 */
public interface GadgetVerifier<G extends Gadget> {
  Checked<List<Claim>> verify(G g, Circuit c, List<Claim> outputClaims, FieldReader in,
      Transcript t);
}
