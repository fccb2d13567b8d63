package org.besuzkml.model;

import java.util.Arrays;

/** Shape arithmetic shared by the float and integer evaluators: sizes, strides, broadcasting. */
public final class Shapes {
  private Shapes() {}

  /** Most elements of one tensor: Java arrays are int-indexed. */
  public static final int MAX_ELEMENTS = Integer.MAX_VALUE;

  /** A computed dimension as an int: negative or beyond the tensor limit is refused. */
  public static int dim(long d, String what) {
    if (d < 0 || d > MAX_ELEMENTS) {
      throw new IllegalArgumentException(what + " would have dimension " + d + " (must be in 0.." + MAX_ELEMENTS + ")");
    }
    return (int) d;
  }

  public static int size(int[] shape) {
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
      }
      n *= d;
      if (n > MAX_ELEMENTS) {
        throw new IllegalArgumentException("a tensor of shape " + Arrays.toString(shape)
            + " has more than " + MAX_ELEMENTS + " elements, the limit of one tensor");
      }
    }
    return (int) n;
  }

  public static int[] strides(int[] shape) {
    int[] s = new int[shape.length];
    int acc = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= shape[i];
    }
    return s;
  }

  /** A negative axis counts from the end (ONNX convention). */
  public static int axis(long axis, int rank) {
    long a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= Math.max(rank, 1)) {
      throw new IllegalArgumentException("axis " + axis + " out of range for rank " + rank);
    }
    return (int) a;
  }

  /** Multidirectional (numpy) broadcasting of two shapes. */
  public static int[] broadcast(int[] a, int[] b) {
    int r = Math.max(a.length, b.length);
    int[] out = new int[r];
    for (int i = 0; i < r; i++) {
      int da = i - (r - a.length) >= 0 ? a[i - (r - a.length)] : 1;
      int db = i - (r - b.length) >= 0 ? b[i - (r - b.length)] : 1;
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(
            "shapes " + Arrays.toString(a) + " and " + Arrays.toString(b) + " do not broadcast");
      }
      out[i] = da == 1 ? db : da;
    }
    return out;
  }

  public static int[] broadcast(int[][] shapes) {
    int[] out = new int[0];
    for (int[] s : shapes) {
      out = broadcast(out, s);
    }
    return out;
  }

  /** For each element of {@code out}, the index of the element of {@code in} that broadcasts to it. */
  public static int[] broadcastIndex(int[] out, int[] in) {
    int n = size(out);
    int[] idx = new int[n];
    int r = out.length;
    int off = r - in.length;
    int[] inStrides = strides(in);
    int[] eff = new int[r];
    for (int i = 0; i < in.length; i++) {
      eff[i + off] = in[i] == 1 ? 0 : inStrides[i];
    }
    int[] counter = new int[r];
    int cur = 0;
    for (int k = 0; k < n; k++) {
      idx[k] = cur;
      for (int d = r - 1; d >= 0; d--) {
        counter[d]++;
        cur += eff[d];
        if (counter[d] < out[d]) {
          break;
        }
        cur -= eff[d] * counter[d];
        counter[d] = 0;
      }
    }
    return idx;
  }

  /** {outer, len, inner}: the products of the dimensions before axis a, its own, and after it. */
  public static int[] groups(int[] shape, int a) {
    int outer = 1;
    for (int i = 0; i < a; i++) {
      outer *= shape[i];
    }
    int inner = 1;
    for (int i = a + 1; i < shape.length; i++) {
      inner *= shape[i];
    }
    return new int[] {outer, shape[a], inner};
  }

  public static String str(int[] shape) {
    return Arrays.toString(shape);
  }
}
