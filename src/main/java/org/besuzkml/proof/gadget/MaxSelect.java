package org.besuzkml.proof.gadget;

/**
 * 6.12 (i): committed selector bits {@code sigma} in the layout of {@code u} (lookup into R_1), one
 * 1 per row (the last dimension is the reduced one): {@code sum_t sigma[i, t] = 1} on real rows.
 * The rest of MaxReduce is Poly ({@code sigma * u}), ReduceSum, Lin ({@code m - u}) and a Decomp
 * check {@code Pos(32)}.
 */
public record MaxSelect(int u, int sigma) implements Gadget {
  @Override
  public String kind() {
    return "MaxSelect";
  }

  @Override
  public int[] inputs() {
    return new int[] {u};
  }

  @Override
  public int[] outputs() {
    return new int[] {sigma};
  }
}
