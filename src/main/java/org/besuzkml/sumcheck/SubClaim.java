package org.besuzkml.sumcheck;

import org.besuzkml.field.Fr;

/**
 * What a sumcheck verification leaves to the caller: the statement {@code g(point) = value}. The
 * sumcheck verifier never accepts on its own; the caller must evaluate g at the point (from stated
 * values and verifier-computable factors) and compare, e.g. with {@link #holds}.
 *
 * @param point the k coordinates r_1..r_k (flat Montgomery, r_1 first)
 * @param value the claimed g(point)
 * @param numVars k
 */
public record SubClaim(long[] point, long[] value, int numVars) {
  /** True when the caller's own evaluation of g at {@link #point} equals the claimed value. */
  public boolean holds(long[] expected, int off) {
    return Fr.equal(value, 0, expected, off);
  }

  public boolean holds(long[] expected) {
    return holds(expected, 0);
  }
}
