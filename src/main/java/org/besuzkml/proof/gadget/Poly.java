package org.besuzkml.proof.gadget;

/**
 * 6.7: elementwise {@code Y = sum_t coeffs[t] * prod_{j in monomials[t]} Bcast(X_j)}, an integer
 * polynomial of total degree at most {@link #MAX_DEGREE}; an empty monomial stands for
 * {@code sel_Y} (so {@code P(0) = 0} and the padding of Y stays zero). Inputs have the output's
 * rank; size-1 dimensions broadcast. With {@code zeroCheck} the output is declared identically zero.
 */
public record Poly(int y, int[] xs, long[] coeffs, int[][] monomials, boolean zeroCheck)
    implements Gadget {
  public static final int MAX_DEGREE = 4;

  @Override
  public String kind() {
    return "Poly";
  }

  @Override
  public int[] inputs() {
    return xs.clone();
  }

  @Override
  public int[] outputs() {
    return new int[] {y};
  }

  /** Total degree of P. */
  public int degree() {
    int d = 0;
    for (int[] m : monomials) {
      d = Math.max(d, m.length);
    }
    return d;
  }
}
