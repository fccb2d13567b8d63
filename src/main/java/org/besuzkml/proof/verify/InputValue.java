package org.besuzkml.proof.verify;

/**
 * What a statement says about one graph input (zk-design 1.2, 11.5): its values, or nothing (a
 * private input, whose values the proof hides). Committed inputs come with step 8's commitments.
 */
public sealed interface InputValue {
  /** The input's integer values, flat row-major (public). */
  record Public(long[] values) implements InputValue {
    public Public {
      values = values == null ? null : values.clone();
    }

    @Override
    public long[] values() {
      return values == null ? null : values.clone();
    }
  }

  /** A private input: the statement holds nothing about it. */
  record Private() implements InputValue {}
}
