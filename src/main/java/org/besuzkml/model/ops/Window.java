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
    long[] st = a.getInts("strides");
    long[] dl = a.getInts("dilations");
    long[] pd = a.getInts("pads");
    String autoPad = a.getString("auto_pad", "NOTSET");
    boolean ceil = ceilAllowed && a.getInt("ceil_mode", 0) != 0;
    int[] s = new int[r];
    int[] d = new int[r];
    int[] pb = new int[r];
    int[] pe = new int[r];
    int[] o = new int[r];
    for (int i = 0; i < r; i++) {
      s[i] = st == null ? 1 : (int) st[i];
      d[i] = dl == null ? 1 : (int) dl[i];
      int span = (kernel[i] - 1) * d[i] + 1;
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
      int num = in[i] + pb[i] + pe[i] - span;
      if (num < 0) {
        throw new IllegalArgumentException("kernel larger than padded input");
      }
      o[i] = (ceil ? (num + s[i] - 1) / s[i] : num / s[i]) + 1;
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

  /** Output spatial dims in the original rank. */
  int[] outDims(int rank) {
    return rank == 1 ? new int[] {out[1]} : out.clone();
  }
}
