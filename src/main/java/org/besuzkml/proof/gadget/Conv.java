package org.besuzkml.proof.gadget;

/**
 * 6.6: {@code Y[o, y, x] = sum_{c, i, j} Wt[o, c, i, j] X[g(o) Cg + c, sh y + dh i - ph,
 * sw x + dw j - pw]} with out-of-bounds reads zero. X is {@code (1, C, H, W)} (or {@code (1, C, W)}
 * for 1-D, height 1), Wt {@code (O, C/groups, KH, KW)}, Y {@code (1, O, OH, OW)}. Geometry arrays
 * are {height, width}.
 */
public record Conv(int y, int x, int w, int groups, int[] in, int[] kernel, int[] out,
    int[] strides, int[] padBegin, int[] dilations) implements Gadget {
  @Override
  public String kind() {
    return "Conv";
  }

  @Override
  public int[] inputs() {
    return new int[] {x, w};
  }

  @Override
  public int[] outputs() {
    return new int[] {y};
  }
}
