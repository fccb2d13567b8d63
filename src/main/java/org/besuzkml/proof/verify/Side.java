package org.besuzkml.proof.verify;

import java.util.function.Supplier;

/**
 * What differs between the prover and the verifier while they run the same claim flow
 * ({@link Walk}, after the gadget walk): the prover computes a message and writes it, the verifier reads it. Both absorb
 * it into the transcript identically. The verifier's implementation signals a rejection by
 * throwing {@link Rejection}, which {@link Verifier} turns into an invalid result.
 */
public interface Side {
  /** True on the prover (checks are skipped there: a cheating prover just goes on). */
  boolean proving();

  /**
   * {@code count} field elements stated by the prover (computed by {@code values} on the prover,
   * read on the verifier), absorbed as one {@code "walk/vals"} record.
   */
  long[] state(int count, Supplier<long[]> values);

  /** The prover's padded Fr table of a tensor (2^vars elements); the verifier never calls it. */
  long[] table(int tensor);

  /** The prover's multiplicity column of lookup table j as Fr; the verifier never calls it. */
  long[] multiplicities(int table);
}
