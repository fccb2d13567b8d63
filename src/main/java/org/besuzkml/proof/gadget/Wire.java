package org.besuzkml.proof.gadget;

/**
 * Data movement (6.8) as an explicit gather: output element {@code i} is element
 * {@code srcIndex[i]} of input {@code xs[srcInput[i]]}, or the constant {@code constant[i]} when
 * {@code srcInput[i] < 0} (Pad value, out-of-window pooling taps). Version 1 keeps the map explicit
 * (the Repack form, verifier cost O(|X| + |Y|)); the per-dimension factorization is a later
 * optimization behind the same relation.
 */
public record Wire(int y, int[] xs, int[] srcInput, int[] srcIndex, long[] constant)
    implements Gadget {
  @Override
  public String kind() {
    return "Wire";
  }

  @Override
  public int[] inputs() {
    return xs.clone();
  }

  @Override
  public int[] outputs() {
    return new int[] {y};
  }
}
