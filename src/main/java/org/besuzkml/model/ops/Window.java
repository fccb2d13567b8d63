package org.besuzkml.model.ops;

import org.besuzkml.model.Attributes;

/**
 * Sliding-window geometry of Conv and the pools over 1 or 2 spatial dimensions (1-D is treated as
 * height 1): kernel, strides, dilations, begin/end pads after auto_pad, and the output size.
 */
record Window(int[] in, int[] kernel, int[] strides, int[] dilations, int[] padBegin, int[] padEnd,
    int[] out) {

  /** in and kernel have 1 or 2 entries; the result always has 2 (height first). */
  static Window of(Attributes a, int[] in, int[] kernel, boolean ceilAllowed) {
    int r = in.length;
    if (r < 1 || r > 2) {
      throw new Unsupported(r + " spatial dimensions (1 or 2 are supported)");
    }
    long[] st = ints(a, "strides", r, 1);
    long[] dl = ints(a, "dilations", r, 1);
    long[] pd = ints(a, "pads", 2 * r, 0);
    for (int i = 0; i < r; i++) {
      if (kernel[i] < 1) {
        throw new IllegalArgumentException("kernel_shape must be >= 1, got " + kernel[i]);
      }
    }
    String autoPad = a.getString("auto_pad", "NOTSET");
    if (!java.util.List.of("NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID").contains(autoPad)) {
      throw new IllegalArgumentException("auto_pad '" + autoPad + "' is not an ONNX value");
    }
    boolean ceil = ceilAllowed && a.getInt("ceil_mode", 0) != 0;
    int[] s = new int[r];
    int[] d = new int[r];
    int[] pb = new int[r];
    int[] pe = new int[r];
    int[] o = new int[r];
    for (int i = 0; i < r; i++) {
      s[i] = (int) st[i];
      d[i] = (int) dl[i];
      long wide = (long) (kernel[i] - 1) * d[i] + 1;
      if (wide > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("kernel extent " + wide + " is too large");
      }
      int span = (int) wide;
      if (autoPad.equals("SAME_UPPER") || autoPad.equals("SAME_LOWER")) {
        o[i] = (in[i] + s[i] - 1) / s[i];
        int total = Math.max((o[i] - 1) * s[i] + span - in[i], 0);
        int small = total / 2;
        pb[i] = autoPad.equals("SAME_UPPER") ? small : total - small;
        pe[i] = total - pb[i];
        continue;
      }
      if (!autoPad.equals("VALID") && pd != null) {
        pb[i] = (int) pd[i];
        pe[i] = (int) pd[i + r];
      }
      long num = (long) in[i] + pb[i] + pe[i] - span;
      if (num < 0) {
        throw new IllegalArgumentException("kernel (extent " + span + " with dilation) is larger than"
            + " the padded input (" + in[i] + " + pads " + pb[i] + ", " + pe[i] + ") on spatial axis " + i);
      }
      o[i] = (int) ((ceil ? (num + s[i] - 1) / s[i] : num / s[i]) + 1);
      if (ceil && (o[i] - 1) * s[i] >= in[i] + pb[i]) {
        o[i]--;
      }
    }
    if (r == 1) {
      return new Window(
          new int[] {1, in[0]},
          new int[] {1, kernel[0]},
          new int[] {1, s[0]},
          new int[] {1, d[0]},
          new int[] {0, pb[0]},
          new int[] {0, pe[0]},
          new int[] {1, o[0]});
    }
    return new Window(in, kernel, s, d, pb, pe, o);
  }

  /**
   * Attribute {@code name}: absent gives {@code count} copies of {@code dflt}; present, it must
   * have {@code count} entries, each at least {@code dflt} (strides and dilations 1, pads 0) and
   * at most 2^20, or the geometry would divide by zero, index out of bounds or overflow.
   */
  static long[] ints(Attributes a, String name, int count, int dflt) {
    long[] v = a.getInts(name);
    if (v == null) {
      long[] r = new long[count];
      java.util.Arrays.fill(r, dflt);
      return r;
    }
    if (v.length != count) {
      throw new IllegalArgumentException(name + " must have " + count + " entries, got "
          + java.util.Arrays.toString(v));
    }
    for (long x : v) {
      if (x < dflt || x > MAX_ATTR) {
        throw new IllegalArgumentException(name + " must be in " + dflt + ".." + MAX_ATTR + ", got "
            + java.util.Arrays.toString(v));
      }
    }
    return v;
  }

  /** Bound of strides, dilations and pads: far beyond any real model, and overflow-free. */
  static final int MAX_ATTR = 1 << 20;

  /** Output spatial dims in the original rank. */
  int[] outDims(int rank) {
    return rank == 1 ? new int[] {out[1]} : out.clone();
  }
}
