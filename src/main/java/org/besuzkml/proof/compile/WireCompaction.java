package org.besuzkml.proof.compile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.besuzkml.codec.GadgetCodec;
import org.besuzkml.codec.WireMapCodec;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.Gadget;
import org.besuzkml.proof.gadget.TensorInfo;
import org.besuzkml.proof.gadget.Wire;
import org.besuzkml.proof.gadget.WireMap;

/**
 * Finds the affine description ({@link WireMap}) of the compiler's explicit Wire maps, so that the
 * vk carries a few pieces instead of 16 bytes per output entry. The lowerings keep producing
 * explicit maps (most read them off the engine op by probing); this pass fits them afterwards, so
 * every data movement op is covered the same way, and a map with no fit stays explicit.
 *
 * <p>Fit: the entries copied from input {@code k}, in output order, form a sequence of vectors
 * (output index, source coordinates). Mixed-radix digits are peeled from the least significant
 * end: a block length {@code E} divides the sequence when every step inside a block adds the same
 * vector; the sequence of block starts is then fitted the same way. One piece per input whose
 * sequence reduces to one vector, or, when a level has no block length (Gather with scattered
 * constant indices), one piece per vector of that level; every other entry must be one shared
 * constant. A fit is kept only
 * when its expansion equals the explicit map and its encoding is smaller.
 */
public final class WireCompaction {
  private WireCompaction() {}

  /** The circuit with every Wire that has a smaller affine form in that form (within the decoder's budget). */
  public static Circuit compact(Circuit c) {
    List<Gadget> out = new ArrayList<>(c.gadgets().size());
    long budget = WireMapCodec.MAX_EXPANDED;
    for (Gadget g : c.gadgets()) {
      if (g instanceof Wire w && w.map() == null && c.tensor(w.y()).size() <= budget
          && w.xs().length <= WireMapCodec.MAX_INPUTS) {
        Wire f = fitted(w, c);
        if (f != null) {
          budget -= c.tensor(w.y()).size();
          out.add(f);
          continue;
        }
      }
      out.add(g);
    }
    return new Circuit(c.tensors(), out, c.tables(), c.limbWidth(), c.inputs(), c.outputs());
  }

  /** The circuit with every Wire explicit (the version-1 encoding, byte for byte as before kind 15). */
  public static Circuit explicit(Circuit c) {
    List<Gadget> out = new ArrayList<>(c.gadgets().size());
    for (Gadget g : c.gadgets()) {
      out.add(g instanceof Wire w && w.map() != null
          ? new Wire(w.y(), w.xs(), w.srcInput(), w.srcIndex(), w.constant()) : g);
    }
    return new Circuit(c.tensors(), out, c.tables(), c.limbWidth(), c.inputs(), c.outputs());
  }

  /** The Wire with its affine form, or null when none fits or it is not smaller. */
  static Wire fitted(Wire w, Circuit c) {
    WireMap.Explicit e = null;
    WireMap m = fit(w, c);
    if (m != null) {
      e = expanded(w, c, m);
    }
    if (e == null) {
      m = fitCovering(w, c);
      e = m == null ? null : expanded(w, c, m);
    }
    if (e == null) {
      return null;
    }
    Wire f = new Wire(w.y(), w.xs(), e.srcInput(), e.srcIndex(), e.constant(), m);
    return GadgetCodec.encodeParams(f).length < GadgetCodec.encodeParams(w).length ? f : null;
  }

  /** m's expansion when it is w's map, else null. */
  private static WireMap.Explicit expanded(Wire w, Circuit c, WireMap m) {
    WireMap.Expanded e = m.expand((int) c.tensor(w.y()).size(), shapes(w, c));
    return e.error() == null && same(w, e.map()) ? e.map() : null;
  }

  /**
   * One piece over all of Y whose out-of-range reads are the constant (pool windows over padding):
   * the digits are Y's dimensions, one of them possibly split in two (the window taps), and each
   * digit's step is read off two copied entries that differ in that digit only.
   */
  static WireMap fitCovering(Wire w, Circuit c) {
    if (w.xs().length != 1) {
      return null;
    }
    long constant = 0;
    int first = -1;
    for (int i = 0; i < w.srcInput().length; i++) {
      if (w.srcInput()[i] < 0) {
        constant = w.constant()[i];
      } else if (first < 0) {
        first = i;
      }
    }
    int[] ys = c.tensor(w.y()).shape();
    if (first < 0) {
      return null;
    }
    int[] xshape = c.tensor(w.xs()[0]).shape();
    for (int split = -1; split < ys.length; split++) {
      for (int f = 2; split < 0 ? f == 2 : f < ys[split]; f++) {
        if (split >= 0 && ys[split] % f != 0) {
          continue;
        }
        int[] ext = split < 0 ? ys.clone() : splitAt(ys, split, f);
        WireMap m = covering(w, ext, xshape, first, constant);
        if (m != null && expanded(w, c, m) != null) {
          return m;
        }
      }
    }
    return null;
  }

  private static int[] splitAt(int[] s, int d, int f) {
    int[] e = new int[s.length + 1];
    System.arraycopy(s, 0, e, 0, d);
    e[d] = s[d] / f;
    e[d + 1] = f;
    System.arraycopy(s, d + 1, e, d + 2, s.length - d - 1);
    return e;
  }

  private static WireMap covering(Wire w, int[] ext, int[] xshape, int first, long constant) {
    int nd = ext.length;
    int rank = xshape.length;
    int[] place = new int[nd];
    int p = 1;
    for (int t = nd - 1; t >= 0; t--) {
      place[t] = p;
      p *= ext[t];
    }
    int[][] steps = new int[rank][nd];
    int[] src = w.srcInput();
    for (int t = 0; t < nd; t++) {
      // the first copied entry whose neighbour in digit t is copied too
      for (int i = 0; i < src.length; i++) {
        if (src[i] >= 0 && (i / place[t]) % ext[t] < ext[t] - 1 && src[i + place[t]] >= 0) {
          int[] a = coords(w.srcIndex()[i], xshape);
          int[] b = coords(w.srcIndex()[i + place[t]], xshape);
          for (int q = 0; q < rank; q++) {
            steps[q][t] = b[q] - a[q];
          }
          break;
        }
      }
    }
    int[] base = coords(w.srcIndex()[first], xshape);
    for (int t = 0; t < nd; t++) {
      long d = (first / place[t]) % ext[t];
      for (int q = 0; q < rank; q++) {
        base[q] = toInt(base[q] - d * steps[q][t]);
      }
    }
    return new WireMap(constant, List.of(new WireMap.Piece(0, ext, 0, place, base, steps)));
  }

  private static int[] coords(int idx, int[] shape) {
    int[] j = new int[shape.length];
    for (int q = shape.length - 1; q >= 0; q--) {
      j[q] = idx % shape[q];
      idx /= shape[q];
    }
    return j;
  }

  private static int[][] shapes(Wire w, Circuit c) {
    int[][] s = new int[w.xs().length][];
    for (int k = 0; k < s.length; k++) {
      s[k] = c.tensor(w.xs()[k]).shape();
    }
    return s;
  }

  /** The same explicit map, array for array (so stripping the form gives the compiler's Wire back). */
  private static boolean same(Wire w, WireMap.Explicit e) {
    return Arrays.equals(w.srcInput(), e.srcInput()) && Arrays.equals(w.srcIndex(), e.srcIndex())
        && Arrays.equals(w.constant(), e.constant());
  }

  static WireMap fit(Wire w, Circuit c) {
    int n = w.srcInput().length;
    long constant = 0;
    boolean seen = false;
    for (int i = 0; i < n; i++) {
      if (w.srcInput()[i] < 0) {
        if (seen && w.constant()[i] != constant) {
          return null; // several constants: stays explicit
        }
        constant = w.constant()[i];
        seen = true;
      }
    }
    int[][] shapes = shapes(w, c);
    List<WireMap.Piece> pieces = new ArrayList<>();
    for (int k = 0; k < shapes.length; k++) {
      int count = 0;
      for (int i = 0; i < n; i++) {
        count += w.srcInput()[i] == k ? 1 : 0;
      }
      if (count == 0) {
        continue;
      }
      int rank = shapes[k].length;
      int dim = rank + 1;
      long[] s = new long[count * dim];
      int t = 0;
      for (int i = 0; i < n; i++) {
        if (w.srcInput()[i] == k) {
          s[t * dim] = i;
          int idx = w.srcIndex()[i];
          for (int q = rank - 1; q >= 0; q--) {
            s[t * dim + 1 + q] = idx % shapes[k][q];
            idx /= shapes[k][q];
          }
          t++;
        }
      }
      List<WireMap.Piece> p = pieces(k, s, count, dim);
      if (p == null || pieces.size() + p.size() > MAX_PIECES) {
        return null;
      }
      pieces.addAll(p);
    }
    return new WireMap(constant, pieces);
  }

  /** Most pieces of one fitted Wire (a scattered map is cheaper explicit long before). */
  static final int MAX_PIECES = 4096;

  /**
   * Peels digits off the sequence (count vectors of dim longs) until it is one vector: one piece.
   * When a level has no block length (Gather with scattered constant indices), each of that
   * level's vectors starts a piece of the digits peeled so far; null past {@link #MAX_PIECES}.
   */
  private static List<WireMap.Piece> pieces(int src, long[] s, int count, int dim) {
    List<Integer> extents = new ArrayList<>();
    List<long[]> steps = new ArrayList<>();
    int len = count;
    while (len > 1) {
      long[] a = new long[dim];
      for (int q = 0; q < dim; q++) {
        a[q] = s[dim + q] - s[q];
      }
      // every step that does not add a must start a block: E = gcd(len, those positions)
      int g = len;
      for (int t = 1; t < len && g > 1; t++) {
        for (int q = 0; q < dim; q++) {
          if (s[t * dim + q] - s[(t - 1) * dim + q] != a[q]) {
            g = gcd(g, t);
            break;
          }
        }
      }
      if (g == 1 || extents.size() == WireMap.MAX_DIGITS) {
        break;
      }
      extents.add(0, g);
      steps.add(0, a);
      int next = len / g;
      long[] r = new long[next * dim];
      for (int b = 0; b < next; b++) {
        System.arraycopy(s, b * g * dim, r, b * dim, dim);
      }
      s = r;
      len = next;
    }
    if (len > MAX_PIECES || (len > 1 && extents.isEmpty())) {
      return null; // a piece per entry is the explicit map over again
    }
    int nd = extents.size();
    int[] ext = new int[nd];
    int[] outSteps = new int[nd];
    int[][] srcSteps = new int[dim - 1][nd];
    for (int t = 0; t < nd; t++) {
      ext[t] = extents.get(t);
      outSteps[t] = toInt(steps.get(t)[0]);
      for (int q = 1; q < dim; q++) {
        srcSteps[q - 1][t] = toInt(steps.get(t)[q]);
      }
    }
    List<WireMap.Piece> out = new ArrayList<>(len);
    for (int b = 0; b < len; b++) {
      int[] base = new int[dim - 1];
      for (int q = 1; q < dim; q++) {
        base[q - 1] = toInt(s[b * dim + q]);
      }
      out.add(new WireMap.Piece(src, ext, toInt(s[b * dim]), outSteps, base, srcSteps));
    }
    return out;
  }

  private static int toInt(long v) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
