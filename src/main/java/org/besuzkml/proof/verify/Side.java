package org.besuzkml.proof.verify;

import java.util.function.Supplier;
import org.besuzkml.sumcheck.SubClaim;
import org.besuzkml.sumcheck.SumcheckInstance;

/**
 * What differs between the prover and the verifier while they run the same claim flow
 * ({@link Walk}): the prover computes a message and writes it, the verifier reads it. Both absorb
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

  /**
   * SC(k, d) of {@code claim = sum_x g(x)}: the prover runs {@code instance}, the verifier reads
   * the rounds; both return the sub-claim (point, final value).
   */
  SubClaim sumcheck(long[] claim, int numVars, int degree, Supplier<SumcheckInstance> instance);

  /** ClaimMerge (4.5) of claims on a tensor with m variables: the merged point and value. */
  SubClaim merge(int tensor, int m, long[][] points, long[] values);

  /** The prover's padded Fr table of a tensor (2^vars elements); the verifier never calls it. */
  long[] table(int tensor);

  /** The prover's multiplicity column of lookup table j as Fr; the verifier never calls it. */
  long[] multiplicities(int table);
}
