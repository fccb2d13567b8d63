package org.besuzkml.proof.gadget;

/**
 * Free Reshape/Flatten/Squeeze/Unsqueeze (6.8): {@code y} holds the same row-major data as
 * {@code x} under another shape. Bit-compatible in the padded layout only when size-1 dimensions
 * are added or removed, or power-of-two dimensions are merged or split ({@link #bitCompatible}).
 */
public record Alias(int y, int x) implements Gadget {
  @Override
  public String kind() {
    return "Alias";
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

  /** Whether the padded layouts of the two shapes hold the same data at the same indices. */
  public static boolean bitCompatible(int[] a, int[] b) {
    return strip(a).equals(strip(b));
  }

  /** Canonical form: non-1 dims, where runs of powers of two before the next dim are merged. */
  private static String strip(int[] s) {
    StringBuilder sb = new StringBuilder();
    long run = 1;
    for (int i = s.length - 1; i >= 0; i--) {
      int d = s[i];
      if (d == 1) {
        continue;
      }
      if (Integer.bitCount(d) == 1) {
        run *= d;
      } else {
        if (run > 1) {
          sb.append(run).append(',');
          run = 1;
        }
        sb.append('n').append(d).append(',');
      }
    }
    if (run > 1) {
      sb.append(run).append(',');
    }
    return sb.toString();
  }
}
