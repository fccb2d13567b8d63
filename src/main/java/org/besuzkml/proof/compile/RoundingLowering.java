package org.besuzkml.proof.compile;

import org.besuzkml.model.Node;
import org.besuzkml.proof.gadget.Decomp;

/**
 * Floor, Ceil, Round (half to even) and Sign (engine RoundingOps), exactly on fixed point: at
 * scale s the value q stands for q / 2^s, and Floor(q) = 2^s floor(q / 2^s), which is a Requant
 * of a shifted q (Requant rounds half up: floor((a + 2^(s-1)) / 2^s)). Round splits
 * q = 2^(s+1) h + t with a Requant by s + 1 (t its remainder, 0 <= t < 2^(s+1)) and adds two
 * comparisons of t with constants. Sign is the difference of two signs. Scale s <= 0 values are
 * integers already: Floor, Ceil and Round are the identity there, as in the engine.
 */
final class RoundingLowering {
  private RoundingLowering() {}

  static void lower(Compiler c, Node n) {
    CircuitBuilder b = c.b;
    String out = n.outputs().get(0);
    int[] shape = c.model.graph().shape(out);
    int x = c.act(n.input(0));
    int s = c.scale(n.input(0));
    String op = n.opType();
    int y;
    if (op.equals("Sign")) {
      // [x >= 0] - [-x >= 0]: 1, 0 or -1 at scale 0
      int pos = b.sign(x, Decomp.ACT_BITS);
      int neg = b.lin(n.name() + "/neg", shape, new int[] {x}, new long[] {-1}, 0);
      int nonPos = b.sign(neg, Decomp.DIFF_BITS);
      y = b.lin(out, shape, new int[] {pos, nonPos}, new long[] {1, -1}, 0);
    } else if (s <= 0) {
      y = b.lin(out, shape, new int[] {x}, new long[] {1}, 0);
    } else if (s > 60) {
      throw new CompileException(n.name(), op, "input scale " + s + " above 60 (Requant shift)");
    } else if (op.equals("Round")) {
      y = roundHalfEven(b, n.name(), out, x, s);
    } else {
      long half = 1L << (s - 1);
      // Floor: floor((x - 2^(s-1) + 2^(s-1)) / 2^s); Ceil: floor((x + 2^s - 1) / 2^s)
      long shift = op.equals("Floor") ? -half : half - 1;
      int a = b.lin(n.name() + "/shifted", shape, new int[] {x}, new long[] {1}, shift);
      int q = b.requant(a, s, n.name() + "/units");
      y = b.lin(out, shape, new int[] {q}, new long[] {1L << s}, 0);
    }
    c.define(out, y);
  }

  /**
   * q / 2^s = 2h + t / 2^s with h = floor(q / 2^(s+1)), 0 <= t < 2^(s+1); 2h is even, so the
   * result is 2h + [t > 2^(s-1)] + [t >= 3 * 2^(s-1)] (the ties t = 2^(s-1) and t = 3 * 2^(s-1) go
   * to the even 2h and 2h + 2). The comparisons are signs of t minus a constant, s + 2 bits wide.
   */
  private static int roundHalfEven(CircuitBuilder b, String node, String out, int x, int s) {
    int[] shape = b.shape(x);
    long half = 1L << (s - 1);
    int a = b.lin(node + "/shifted", shape, new int[] {x}, new long[] {1}, -(1L << s));
    int[] ht = b.requantParts(a, s + 1, node + "/pairs");
    int v1 = b.lin(node + "/above_half", shape, new int[] {ht[1]}, new long[] {1}, -(half + 1));
    int v2 = b.lin(node + "/above_3half", shape, new int[] {ht[1]}, new long[] {1}, -3 * half);
    int s1 = b.sign(v1, s + 2);
    int s2 = b.sign(v2, s + 2);
    return b.lin(out, shape, new int[] {ht[0], s1, s2}, new long[] {1L << (s + 1), 1L << s,
        1L << s}, 0);
  }
}
