package org.besuzkml.proof.gadget;

/**
 * 6.9: {@code q = divRound(a, c)} for a public positive divisor, scalar ({@code c.length == 1}) or
 * per output position: {@code 2a + c = 2c q + r}, {@code r' = 2c - 1 - r}; {@code q} is a Decomp
 * define Act, {@code r} a Decomp define {@code Pos(rBits)}, {@code r'} a Decomp check
 * {@code Pos(rBits)}, so {@code 0 <= r < 2c}.
 */
public record DivConst(int a, int q, int r, int rPrime, long[] c, int rBits) implements Gadget {
  @Override
  public String kind() {
    return "DivConst";
  }

  @Override
  public int[] inputs() {
    return new int[] {a};
  }

  @Override
  public int[] outputs() {
    return new int[] {q, r, rPrime};
  }
}
