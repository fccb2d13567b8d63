package org.besuzkml.proof.gadget;

/**
 * 6.2: rescale by {@code 2^k}, round half up: {@code acc + 2^(k-1) sel = 2^k q + r}. {@code q} is
 * limb-backed (a Decomp define Act follows), {@code r} is a Decomp define {@code Pos(k)}.
 */
public record Requant(int acc, int q, int r, int k) implements Gadget {
  @Override
  public String kind() {
    return "Requant";
  }

  @Override
  public int[] inputs() {
    return new int[] {acc};
  }

  @Override
  public int[] outputs() {
    return new int[] {q, r};
  }
}
