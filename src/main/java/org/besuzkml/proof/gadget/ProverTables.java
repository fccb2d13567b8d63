package org.besuzkml.proof.gadget;

/**
 * What a gadget prover reads: each tensor's values as its padded multilinear table (1.3) in
 * Montgomery form, {@code 2^vars} elements. Implemented on the prover side by the witness.
 */
public interface ProverTables {
  long[] mle(int tensor);
}
