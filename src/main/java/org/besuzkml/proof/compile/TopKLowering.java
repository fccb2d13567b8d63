package org.besuzkml.proof.compile;

import org.besuzkml.model.Node;
import org.besuzkml.model.Shapes;
import org.besuzkml.proof.gadget.Decomp;

/**
 * TopK (6.15b) as k rounds of ArgMax's tie-broken maximum: with {@code L = 2^b >= len}, the key
 * {@code +-x L + (L - 1 - t)} is distinct per tap (the lower index wins a tie, as ONNX says, for
 * largest and smallest alike). Round j takes the maximum m of its keys (MaxReduce, gap
 * {@code D = m - u >= 0}); the next round's keys are {@code u - 2^(33+b) [D = 0]}, with
 * {@code [D = 0] = 1 - [D - 1 >= 0]} the sign of a Decomp check: the chosen tap (the only one at
 * D = 0, keys being distinct) drops below every key still in play, so each round's maximum is
 * again attained at one tap only. (MaxSelect's selector may be read by its product only, so the
 * removal cannot reuse it.) Each maximum splits (Requant by b) into the value and the index.
 */
final class TopKLowering {
  private TopKLowering() {}

  static void lower(Compiler c, Node n) {
    CircuitBuilder b = c.b;
    int x = c.act(n.input(0));
    int[] shape = b.shape(x);
    int axis = ScanLowering.axis(n, n.attrs().getInt("axis", -1), shape.length);
    int[] g = Shapes.groups(shape, axis);
    int k = c.model.graph().shape(n.outputs().get(0))[axis];
    if (k < 1) {
      throw new CompileException(n.name(), n.opType(), "K = 0 (an empty output)");
    }
    boolean largest = n.attrs().getInt("largest", 1) != 0;
    int bits = Math.max(1, 64 - Long.numberOfLeadingZeros(g[1] - 1));
    if (Decomp.ACT_BITS + bits + 3 > 63) {
      throw new CompileException(n.name(), n.opType(), "axis of " + g[1] + " too long");
    }
    long size = 1L << bits;
    String name = n.name();
    long[] pos = new long[Math.toIntExact(b.info(x).size())];
    for (int i = 0; i < pos.length; i++) {
      pos[i] = size - 1 - (i / g[2]) % g[1];
    }
    int p = b.constant(name + "/tiebreak", shape, pos);
    int key = b.lin(name + "/key", shape, new int[] {x, p},
        new long[] {largest ? size : -size, 1}, 0);
    int u = ScanLowering.rows(b, key, g, name + "/rows", true);
    int[] us = b.shape(u);
    int rowsN = us[0];
    // keys lie in [-2^(31+b), 2^(31+b) + L); a removed key drops below -2^(31+b) - L, and every
    // gap m - u stays below 2^(34+b)
    long removed = 1L << (Decomp.ACT_BITS + 1 + bits);
    int[] vals = new int[k];
    int[] idxs = new int[k];
    for (int j = 0; j < k; j++) {
      String r = name + "/round" + j;
      int gap = j == 0 ? Decomp.ACT_BITS + bits : Decomp.ACT_BITS + bits + 2;
      int[] ms = PoolLowering.maxSelect(b, u, r + "/max", gap);
      int shifted = b.lin(r + "/max_shifted", b.shape(ms[0]), new int[] {ms[0]}, new long[] {1},
          -(size >> 1));
      int[] qr = b.requantParts(shifted, bits, r + "/split");
      vals[j] = largest ? qr[0]
          : b.lin(r + "/value", b.shape(qr[0]), new int[] {qr[0]}, new long[] {-1}, 0);
      idxs[j] = b.lin(r + "/index", b.shape(qr[1]), new int[] {qr[1]}, new long[] {-1},
          size - 1);
      if (j + 1 < k) {
        // [D - 1 >= 0] (signed, one bit wider than the gap) is 0 at the chosen tap only
        int dm1 = b.lin(r + "/gap_minus_1", us, new int[] {ms[1]}, new long[] {1}, -1);
        int other = b.sign(dm1, gap + 1);
        int next = b.lin(r + "/rest", us, new int[] {u, other}, new long[] {1, removed},
            -removed);
        // MaxSelect's u is a Wire output (6.15b): an identity gather
        int[] id = new int[rowsN * g[1]];
        for (int i = 0; i < id.length; i++) {
          id[i] = i;
        }
        u = MovementLowering.wire(b, r + "/rest_rows", us, new int[] {next}, new int[id.length],
            id, null);
      }
    }
    String vOut = n.outputs().get(0);
    c.define(vOut, gather(c, vals, g, k, vOut));
    if (n.outputs().size() > 1 && !n.outputs().get(1).isEmpty()) {
      String iOut = n.outputs().get(1);
      c.define(iOut, gather(c, idxs, g, k, iOut));
    }
  }

  /** The k per-round columns {@code (rows, 1)} into the output layout {@code (outer, k, inner)}. */
  private static int gather(Compiler c, int[] cols, int[] g, int k, String out) {
    int[] shape = c.model.graph().shape(out);
    if (k == 1) {
      return c.b.alias(cols[0], shape, out);
    }
    int[] srcIn = new int[g[0] * k * g[2]];
    int[] srcIdx = new int[srcIn.length];
    for (int e = 0; e < srcIn.length; e++) {
      int o = e / (k * g[2]);
      int j = (e / g[2]) % k;
      int i = e % g[2];
      srcIn[e] = j;
      srcIdx[e] = o * g[2] + i;
    }
    return MovementLowering.wire(c.b, out, shape, cols, srcIn, srcIdx, null);
  }
}
