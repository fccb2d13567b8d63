package org.besuzkml.proof.gadget;

/**
 * 6.3: {@code Y = sum_j c_j Bcast(X_j) + c0 sel_Y} with integer constants (Add, Sub, Neg, scale-up
 * by {@code 2^j}, adding a constant, bias). Inputs have the output's rank; size-1 dimensions
 * broadcast.
 */
public record Lin(int y, int[] xs, long[] coeffs, long c0) implements Gadget {
  @Override
  public String kind() {
    return "Lin";
  }

  @Override
  public int[] inputs() {
    return xs.clone();
  }

  @Override
  public int[] outputs() {
    return new int[] {y};
  }

  @Override
  public boolean linear() {
    return true;
  }
}
