package org.besuzkml.proof.witness;

/** Numpy broadcasting between equal-rank shapes (size-1 input dims repeat). */
final class Broadcast {
  private Broadcast() {}

  /** For each output element, the index of the input element it reads. */
  static int[] index(int[] out, int[] in) {
    if (out.length != in.length) {
      throw new IllegalArgumentException("rank " + in.length + " vs " + out.length);
    }
    int n = 1;
    for (int d : out) {
      n *= d;
    }
    int[] r = new int[n];
    int[] inStride = new int[in.length];
    int s = 1;
    for (int d = in.length - 1; d >= 0; d--) {
      if (in[d] != 1 && in[d] != out[d]) {
        throw new IllegalArgumentException("dimension " + d + ": " + in[d] + " vs " + out[d]);
      }
      inStride[d] = in[d] == 1 ? 0 : s;
      s *= in[d];
    }
    for (int i = 0; i < n; i++) {
      int rem = i;
      int idx = 0;
      for (int d = out.length - 1; d >= 0; d--) {
        idx += (rem % out[d]) * inStride[d];
        rem /= out[d];
      }
      r[i] = idx;
    }
    return r;
  }
}
