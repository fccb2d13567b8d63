package org.besuzkml.proof;

import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.pcs.srs.Srs;
import org.besuzkml.proof.compile.CompiledModel;

/**
 * What the prover needs (7.5): the vk (decoded, with its bytes), the compiled model (engine model,
 * gadget list, constants), the SRS truncated to {@code 2^n_bin} powers, and the model bins as
 * integers (rebuilt from the constants).
 */
public record ProvingKey(VerifyingKey vk, CompiledModel compiled, Srs srs, long[][] modelBins) {}
