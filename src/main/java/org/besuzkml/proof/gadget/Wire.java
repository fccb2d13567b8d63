package org.besuzkml.proof.gadget;

/**
 * Data movement (6.8) as an explicit gather: output element {@code i} is element
 * {@code srcIndex[i]} of input {@code xs[srcInput[i]]}, or the constant {@code constant[i]} when
 * {@code srcInput[i] < 0} (Pad value, out-of-window pooling taps). The proof system always uses the
 * explicit map (the Repack form, verifier cost O(|X| + |Y|)). {@code map}, when not null, is the
 * affine description the vk carries instead (gadget kind 15): the explicit arrays are then exactly
 * its expansion, and only the vk bytes differ.
 */
public record Wire(int y, int[] xs, int[] srcInput, int[] srcIndex, long[] constant, WireMap map)
    implements Gadget {
  /** An explicit Wire (gadget kind 2). */
  public Wire(int y, int[] xs, int[] srcInput, int[] srcIndex, long[] constant) {
    this(y, xs, srcInput, srcIndex, constant, null);
  }

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
