package org.besuzkml.proof.verify;

/**
 * What a statement says about one graph input (zk-design 1.2, 11.5): its values, or nothing (a
 * private input, whose values the proof hides), or a hiding commitment {@code C_x} to them (a
 * committed input, zk-design 1.4).
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

  /** A committed input: the 64-byte encoding {@code x || y} (big-endian) of {@code C_x} in G1. */
  record Committed(byte[] commitment) implements InputValue {
    public Committed {
      commitment = commitment == null ? null : commitment.clone();
    }

    @Override
    public byte[] commitment() {
      return commitment == null ? null : commitment.clone();
    }
  }
}
