package org.besuzkml.proof.gadget;

/**
 * A function table of 5.1: {@code size} rows, engine domain starting at {@code lo} (informative:
 * the lookup input is the index), output column {@code values} (a CONSTANT tensor id). Range tables
 * {@code R_b}, {@code MSB_b} are structured and implied by the Decomps.
 */
public record TableInfo(String function, int size, long lo, int values) {
  /** Index bits b_T. */
  public int bits() {
    return TensorInfo.log2Ceil(size);
  }
}
