package org.besuzkml.proof.gadget;

/**
 * One tensor of the gadget list: its id (position in the tensor table), a name for messages, its
 * kind and its logical row-major shape. The padded layout (section 1.3) pads every dimension to a
 * power of two; {@link #vars()} is the number of multilinear variables.
 */
public record TensorInfo(int id, String name, TensorKind kind, int[] shape) {
  public TensorInfo {
    shape = shape.clone();
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  public int dim(int d) {
    return shape[d];
  }

  /** Number of logical (real) entries. */
  public long size() {
    long s = 1;
    for (int d : shape) {
      s *= d;
    }
    return s;
  }

  /** Variables of dimension d: ceil(log2 n_d), 0 for n_d = 1. */
  public static int log2Ceil(int n) {
    return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
  }

  /** Variables of the padded layout: sum of per-dimension ceil(log2 n_d). */
  public int vars() {
    int m = 0;
    for (int d : shape) {
      m += log2Ceil(d);
    }
    return m;
  }

  /** Per-dimension padded sizes (powers of two). */
  public int[] paddedShape() {
    int[] p = new int[shape.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = 1 << log2Ceil(shape[i]);
    }
    return p;
  }

  /** Hypercube index of the logical row-major index i (section 1.3: row-major over padded dims). */
  public int paddedIndex(int i) {
    int idx = 0;
    int shift = 0;
    for (int d = shape.length - 1; d >= 0; d--) {
      int c = i % shape[d];
      i /= shape[d];
      idx |= c << shift;
      shift += log2Ceil(shape[d]);
    }
    return idx;
  }
}
