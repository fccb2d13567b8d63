package org.besuzkml.proof.gadget;

/**
 * 6.10 signed variant: committed bit {@code zeta} (lookup into R_1) meant to be {@code [d = 0]}.
 * The relation is enforced by the gadgets that follow: a Poly zero-check {@code zeta * d = 0} and a
 * Decomp check {@code Pos(B_d)} of {@code t d - sel + zeta} ({@code t = +-1} the sign of d), which
 * together force {@code zeta = 1} exactly when {@code d = 0}.
 */
public record ZeroBit(int d, int zeta) implements Gadget {
  @Override
  public String kind() {
    return "ZeroBit";
  }

  @Override
  public int[] inputs() {
    return new int[] {d};
  }

  @Override
  public int[] outputs() {
    return new int[] {zeta};
  }
}
