package org.besuzkml.proof.gadget;

/**
 * 6.1: limbs of {@code x}: with {@code off = signed ? 2^(bits-1) : 0}, on real entries
 * {@code x - offset + off = sum_j 2^(w j) limbs[j]}, {@code limbs[j] in [0, 2^b_j)} (b_j = w except
 * the top limb), and {@code sign = [x - offset >= 0]} when {@code sign >= 0}. {@code define}: x is
 * limb-backed (committed through its limbs); otherwise x is virtual and checked at a fresh point.
 */
public record Decomp(int x, long offset, int bits, boolean signed, boolean define, int width,
    int[] limbs, int sign) implements Gadget {
  /** Activations: signed 32-bit. */
  public static final int ACT_BITS = 32;
  /** Differences of two activations: signed 33-bit. */
  public static final int DIFF_BITS = 33;

  @Override
  public String kind() {
    return "Decomp";
  }

  @Override
  public int[] inputs() {
    return define ? new int[0] : new int[] {x};
  }

  @Override
  public int[] outputs() {
    int n = limbs.length + (sign >= 0 ? 1 : 0);
    int[] o = new int[n + (define ? 1 : 0)];
    System.arraycopy(limbs, 0, o, 0, limbs.length);
    if (sign >= 0) {
      o[limbs.length] = sign;
    }
    if (define) {
      o[n] = x;
    }
    return o;
  }

  /** Number of limbs for {@code bits} at limb width {@code w}. */
  public static int limbCount(int bits, int w) {
    return (bits + w - 1) / w;
  }

  /** Width of limb j. */
  public int limbBits(int j) {
    return j < limbs.length - 1 ? width : bits - width * (limbs.length - 1);
  }
}
