package org.besuzkml.proof.gadget;

/**
 * 6.10: {@code q = divRound(a, d)} for a witnessed divisor {@code d >= 1} (already broadcast):
 * {@code 2a + d = 2d q + r}, {@code r' = 2d - 1 - r}, both Decomp {@code Pos(dBits)}.
 */
public record DivTensor(int a, int d, int q, int r, int rPrime, int dBits) implements Gadget {
  @Override
  public String kind() {
    return "DivTensor";
  }

  @Override
  public int[] inputs() {
    return new int[] {a, d};
  }

  @Override
  public int[] outputs() {
    return new int[] {q, r, rPrime};
  }
}
