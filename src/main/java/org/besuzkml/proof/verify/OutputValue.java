package org.besuzkml.proof.verify;

/** What a statement says about one graph output (zk-design 11.5): its values (committed outputs come later). */
public sealed interface OutputValue {
  /** The output's integer values, flat row-major. */
  record Public(long[] values) implements OutputValue {
    public Public {
      values = values == null ? null : values.clone();
    }

    @Override
    public long[] values() {
      return values == null ? null : values.clone();
    }
  }
}
