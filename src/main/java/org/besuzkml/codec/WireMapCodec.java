package org.besuzkml.codec;

import java.util.ArrayList;
import java.util.List;
import org.besuzkml.proof.gadget.TensorInfo;
import org.besuzkml.proof.gadget.Wire;
import org.besuzkml.proof.gadget.WireMap;

/**
 * Gadget kind 15, the affine Wire ({@link WireMap}, 12.3):
 * <pre>
 * 15 Wire(affine) y xs[] constant(i64) u32 nPieces, each:
 *      src(i32) u8 D  D x extent(i32)  outBase(i32) D x outStep(i32)
 *      u8 r  r x srcBase(i32)  r x D x srcStep(i32)   (r = rank of xs[src], row q then digit t)
 * </pre>
 * The decoder expands it to the explicit map of kind 2 before any check, so {@code CircuitCheck}
 * sees the same Wire either way. Expansion is refused, before allocating, when the output or an
 * input is not a tensor of the key, when the pieces visit more points than the output has, or when
 * the key's affine Wires would expand to more than {@link #MAX_EXPANDED} entries in all.
 */
public final class WireMapCodec {
  public static final int KIND = 15;
  /** Most output entries of all affine Wires of one key (the explicit form's bytes bound it otherwise). */
  public static final long MAX_EXPANDED = 1L << 22;
  /** Most inputs of an affine Wire (a Concat of more stays explicit). */
  public static final int MAX_INPUTS = 64;

  private WireMapCodec() {}

  public static byte[] encodeParams(Wire w) {
    WireMap m = w.map();
    ByteWriter b = new ByteWriter().i32(w.y()).ints(w.xs()).i64(m.constant()).i32(m.pieces().size());
    for (WireMap.Piece p : m.pieces()) {
      b.i32(p.src()).u8(p.extents().length);
      for (int e : p.extents()) {
        b.i32(e);
      }
      b.i32(p.outBase());
      for (int s : p.outSteps()) {
        b.i32(s);
      }
      b.u8(p.srcBase().length);
      for (int s : p.srcBase()) {
        b.i32(s);
      }
      for (int[] row : p.srcSteps()) {
        for (int s : row) {
          b.i32(s);
        }
      }
    }
    return b.toByteArray();
  }

  /** Budget of expanded entries left for one key's decoding. */
  public static final class Budget {
    long left = MAX_EXPANDED;
  }

  /** Reads and expands one affine Wire; null with r's error set when refused. */
  public static Wire decodeParams(ByteReader r, List<TensorInfo> tensors, Budget budget) {
    int y = r.i32("Wire(affine) output");
    int[] xs = r.ints("Wire(affine) inputs", MAX_INPUTS);
    long constant = r.i64("Wire(affine) constant");
    int np = r.count("Wire(affine) pieces", VkCodec.MAX_COUNT, 10);
    if (!r.ok()) {
      return null;
    }
    if (y < 0 || y >= tensors.size()) {
      r.fail("Wire(affine) output " + y + " is not a tensor");
      return null;
    }
    int[][] shapes = new int[xs.length][];
    for (int k = 0; k < xs.length; k++) {
      if (xs[k] < 0 || xs[k] >= tensors.size()) {
        r.fail("Wire(affine) input " + xs[k] + " is not a tensor");
        return null;
      }
      shapes[k] = tensors.get(xs[k]).shape();
    }
    List<WireMap.Piece> pieces = new ArrayList<>(np);
    for (int k = 0; k < np && r.ok(); k++) {
      int src = r.i32("piece source");
      int nd = r.u8("piece digits");
      if (nd > WireMap.MAX_DIGITS) {
        r.fail("Wire(affine) piece " + k + " has " + nd + " digits, over " + WireMap.MAX_DIGITS);
        return null;
      }
      int[] ext = ints(r, nd, "piece extent");
      int outBase = r.i32("piece output base");
      int[] outSteps = ints(r, nd, "piece output step");
      int rank = r.u8("piece source rank");
      if (rank > VkCodec.MAX_RANK || src < 0 || src >= xs.length || rank != shapes[src].length) {
        r.fail("Wire(affine) piece " + k + ": source " + src + " of rank " + rank + " is not an input");
        return null;
      }
      int[] base = ints(r, rank, "piece source base");
      int[][] steps = new int[rank][];
      for (int q = 0; q < rank; q++) {
        steps[q] = ints(r, nd, "piece source step");
      }
      pieces.add(new WireMap.Piece(src, ext, outBase, outSteps, base, steps));
    }
    if (!r.ok()) {
      return null;
    }
    long size = tensors.get(y).size();
    if (size > budget.left) {
      r.fail("Wire(affine) expansions exceed " + MAX_EXPANDED + " entries");
      return null;
    }
    budget.left -= size;
    WireMap map = new WireMap(constant, pieces);
    WireMap.Expanded e = map.expand((int) size, shapes);
    if (e.error() != null) {
      r.fail("Wire(affine): " + e.error());
      return null;
    }
    return new Wire(y, xs, e.map().srcInput(), e.map().srcIndex(), e.map().constant(), map);
  }

  private static int[] ints(ByteReader r, int n, String what) {
    if (4L * n > r.remaining()) {
      r.fail("truncated " + what);
      return new int[0];
    }
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.i32(what);
    }
    return a;
  }
}
