package org.besuzkml.proof.gadget;

/**
 * 6.4: {@code Y[i] = sum_j X[i, j]} over the dimensions listed in {@code axes}; Y has X's rank with
 * size 1 there. Claim {@code (Y, z, v)} becomes {@code (X, z with 1/2 in reduced variables,
 * v / 2^m_A)}.
 */
public record ReduceSum(int y, int x, int[] axes) implements Gadget {
  @Override
  public String kind() {
    return "ReduceSum";
  }

  @Override
  public int[] inputs() {
    return new int[] {x};
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
