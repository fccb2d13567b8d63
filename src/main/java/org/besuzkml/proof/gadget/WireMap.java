package org.besuzkml.proof.gadget;

import java.util.List;

/**
 * A Wire's gather map described by affine pieces (6.8, 12.3 gadget kind 15) instead of one entry
 * per output element. A piece walks a box of digits {@code d} (extents, row-major, last fastest);
 * each point writes output entry {@code outBase + sum_t outSteps[t] d_t} and reads input
 * {@code xs[src]} at coordinates {@code j_q = srcBase[q] + sum_t srcSteps[q][t] d_t}, or takes
 * {@code constant} when some {@code j_q} is outside its dimension (Pad, out-of-window pool taps).
 * Entries no piece writes take {@code constant} too. Reshape, Transpose, Slice, Pad, Concat (a piece
 * per part), Expand, Tile, Resize nearest, pool windows and repacks are a few pieces each.
 *
 * <p>{@link #expand} re-derives exactly the explicit map the Wire holds, so every premise on Wire
 * maps applies unchanged; its work is at most {@code |Y| (rank + 2)} steps plus the pieces' digits,
 * and it refuses (never loops or allocates beyond) a description whose pieces write an entry twice,
 * outside {@code Y}, or more points than {@code Y} has.
 */
public record WireMap(long constant, List<Piece> pieces) {
  /** Most digits of one piece. */
  public static final int MAX_DIGITS = 16;

  public WireMap {
    pieces = List.copyOf(pieces);
  }

  /** One affine piece: {@code srcSteps[q]} has one step per digit. */
  public record Piece(int src, int[] extents, int outBase, int[] outSteps, int[] srcBase, int[][] srcSteps) {}

  /** The explicit map: srcInput, srcIndex and constant arrays of {@code Y}'s size. */
  public record Explicit(int[] srcInput, int[] srcIndex, long[] constant) {}

  /** The expansion or why the description is refused. */
  public record Expanded(Explicit map, String error) {}

  /** Points a piece visits (its extents' product, saturating at Long.MAX_VALUE). */
  public static long volume(Piece p) {
    long v = 1;
    for (int e : p.extents()) {
      if (e < 1) {
        return 0;
      }
      v = v > Long.MAX_VALUE / e ? Long.MAX_VALUE : v * e;
    }
    return v;
  }

  /**
   * Checks the description's shape against {@code Y}'s size and the inputs' shapes; null when the
   * expansion will be within its bounds. Linear in the description.
   */
  public String check(long ySize, int[][] inputShapes) {
    long points = 0;
    for (int k = 0; k < pieces.size(); k++) {
      Piece p = pieces.get(k);
      int nd = p.extents().length;
      if (nd > MAX_DIGITS || p.outSteps().length != nd) {
        return "piece " + k + ": digits";
      }
      if (p.src() < 0 || p.src() >= inputShapes.length) {
        return "piece " + k + ": source input " + p.src();
      }
      int rank = inputShapes[p.src()].length;
      if (p.srcBase().length != rank || p.srcSteps().length != rank) {
        return "piece " + k + ": source rank";
      }
      for (int[] s : p.srcSteps()) {
        if (s.length != nd) {
          return "piece " + k + ": source steps";
        }
      }
      long v = volume(p);
      if (v == 0) {
        return "piece " + k + ": an extent below 1";
      }
      points = v > Long.MAX_VALUE - points ? Long.MAX_VALUE : points + v;
      if (points > ySize) {
        return "pieces visit more points than the output has";
      }
    }
    return null;
  }

  /** The explicit map over an output of {@code ySize} entries; call {@link #check} first. */
  public Expanded expand(int ySize, int[][] inputShapes) {
    String bad = check(ySize, inputShapes);
    if (bad != null) {
      return new Expanded(null, bad);
    }
    int[] srcInput = new int[ySize];
    int[] srcIndex = new int[ySize];
    long[] cst = new long[ySize];
    boolean[] written = new boolean[ySize];
    for (int k = 0; k < pieces.size(); k++) {
      Piece p = pieces.get(k);
      int[] shape = inputShapes[p.src()];
      int nd = p.extents().length;
      int rank = shape.length;
      int[] d = new int[nd];
      long out = p.outBase();
      long[] j = new long[rank];
      for (int q = 0; q < rank; q++) {
        j[q] = p.srcBase()[q];
      }
      long n = volume(p);
      for (long step = 0; step < n; step++) {
        if (out < 0 || out >= ySize || written[(int) out]) {
          return new Expanded(null, "piece " + k + " writes entry " + out
              + (out < 0 || out >= ySize ? " outside the output" : " twice"));
        }
        int o = (int) out;
        written[o] = true;
        long idx = 0;
        boolean inside = true;
        for (int q = 0; q < rank && inside; q++) {
          inside = j[q] >= 0 && j[q] < shape[q];
          idx = idx * shape[q] + j[q];
        }
        if (inside) {
          srcInput[o] = p.src();
          srcIndex[o] = (int) idx;
        } else {
          srcInput[o] = -1;
          cst[o] = constant;
        }
        // next point: increment the last digit, carrying (undo a wrapped digit's steps)
        for (int t = nd - 1; t >= 0; t--) {
          if (++d[t] < p.extents()[t]) {
            out += p.outSteps()[t];
            for (int q = 0; q < rank; q++) {
              j[q] += p.srcSteps()[q][t];
            }
            break;
          }
          long back = d[t] - 1L;
          d[t] = 0;
          out -= back * p.outSteps()[t];
          for (int q = 0; q < rank; q++) {
            j[q] -= back * p.srcSteps()[q][t];
          }
        }
      }
    }
    for (int i = 0; i < ySize; i++) {
      if (!written[i]) {
        srcInput[i] = -1;
        cst[i] = constant;
      }
    }
    return new Expanded(new Explicit(srcInput, srcIndex, cst), null);
  }

  /**
   * The price of {@link #expand} in field multiplications, for cost bounds: one per output entry
   * plus the pieces' set-up. Measured at 10-20 ns per entry (rank-4 and rank-5 sources, lenet_5 and
   * self_attention) against 80 ns per Fr multiplication on the 2-core machine, so an upper bound.
   */
  public long expansionCost(long ySize) {
    long s = ySize;
    for (Piece p : pieces) {
      s += 4L * (p.extents().length + 1) * (p.srcBase().length + 1);
    }
    return s;
  }
}
