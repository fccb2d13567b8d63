package org.besuzkml.proof.compile;

import org.besuzkml.model.Node;
import org.besuzkml.model.ops.ResizeOp;
import org.besuzkml.proof.gadget.ReduceSum;
import org.besuzkml.proof.gadget.TensorKind;

/**
 * Resize / Upsample mode linear (6.15b), exactly as the engine: every output element is a fixed
 * weighted sum of at most {@code T = 2^(resized axes)} input elements with the engine's quantized
 * weights. A Wire gathers the taps into {@code (out, T)} (missing taps the constant 0), a Poly
 * multiplies them by the constant weight tensor of the same layout, ReduceSum adds the taps, and
 * the sum is rescaled as the engine does (Requant). Linear in the output size (no dense
 * interpolation matrix).
 */
final class ResizeLowering {
  private ResizeLowering() {}

  static boolean isLinear(Compiler c, Node n) {
    return n.attrs().getString("mode", "nearest").equals("linear");
  }

  static void lower(Compiler c, Node n) {
    CircuitBuilder b = c.b;
    int x = c.act(n.input(0));
    ResizeOp.QTaps t = ResizeOp.quantized(n, b.shape(x),
        ResizeOp.constants(n, c.model.graph().constants()::get), c.model.weightScale());
    int out = t.idx().length;
    int taps = 1;
    for (int[] i : t.idx()) {
      taps = Math.max(taps, i.length);
    }
    int[] srcIn = new int[out * taps];
    int[] srcIdx = new int[srcIn.length];
    long[] w = new long[srcIn.length];
    for (int e = 0; e < out; e++) {
      for (int k = 0; k < taps; k++) {
        int at = e * taps + k;
        if (k < t.idx()[e].length) {
          srcIdx[at] = t.idx()[e][k];
          w[at] = t.qw()[e][k];
        } else {
          srcIn[at] = -1;
        }
      }
    }
    String name = n.name();
    int[] ts = {out, taps};
    int u = MovementLowering.wire(b, name + "/taps", ts, new int[] {x}, srcIn, srcIdx,
        new long[srcIn.length]);
    int wc = b.constant(name + "/weights", ts, w);
    int prod = b.poly(name + "/weighted", ts, new int[] {u, wc}, new long[] {1},
        new int[][] {{0, 1}});
    int acc = prod;
    if (taps > 1) {
      acc = b.tensor(name + "/sum", TensorKind.VIRTUAL, new int[] {out, 1});
      b.add(new ReduceSum(acc, prod, new int[] {1}));
    }
    int[] shape = c.model.graph().shape(n.outputs().get(0));
    acc = b.alias(acc, shape, name + "/sum_out");
    c.finishRescaled(n, acc, c.scale(n.input(0)) + t.sw());
  }
}
