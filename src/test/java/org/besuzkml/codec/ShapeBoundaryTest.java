package org.besuzkml.codec;

import static org.besuzkml.codec.Net.CONST;
import static org.besuzkml.codec.Net.PUB;
import static org.besuzkml.codec.Net.VIRT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.besuzkml.proof.gadget.Alias;
import org.besuzkml.proof.gadget.Contract;
import org.besuzkml.proof.gadget.Conv;
import org.besuzkml.proof.gadget.Lin;
import org.besuzkml.proof.gadget.Poly;
import org.besuzkml.proof.gadget.ReduceSum;
import org.besuzkml.proof.gadget.TableInfo;
import org.besuzkml.proof.gadget.Wire;
import org.junit.jupiter.api.Test;

/**
 * Premises P4 (shapes and geometry agree with the tensors) and P5 (zero checks) of protocol.md
 * 9.0 on hand-built circuits, each at its boundary and one past it.
 */
class ShapeBoundaryTest {
  private static final int G = CircuitInvariants.MAX_GEOMETRY;

  private static int[] p(int... a) {
    return a;
  }

  /** A 2-D Conv whose tensors have the geometry's shapes (each dimension at least 1). */
  private static Net conv(int[] in, int[] k, int[] out, int[] s, int[] pad, int[] dil) {
    Net n = new Net();
    int x = n.t(PUB, 1, 1, Math.max(1, in[0]), Math.max(1, in[1]));
    int w = n.t(CONST, 1, 1, Math.max(1, k[0]), Math.max(1, k[1]));
    int y = n.t(VIRT, 1, 1, Math.max(1, out[0]), Math.max(1, out[1]));
    return n.g(new Conv(y, x, w, 1, in, k, out, s, pad, dil)).out(y);
  }

  private static Net conv(int[] out, int[] s, int[] k, int[] dil) {
    return conv(p(1, 1), k, out, s, p(0, 0), dil);
  }

  @Test
  void strideDilationPadLimits() {
    String why = "stride, dilation or pad out of range";
    conv(p(1, 1), p(G, G), p(1, 1), p(G, G)).accepted();
    conv(p(1, 1), p(1, 1), p(1, 1), p(G, G), p(G, G), p(1, 1)).accepted();
    conv(p(1, 1), p(G + 1, 1), p(1, 1), p(1, 1)).refused(why);
    conv(p(1, 1), p(1, G + 1), p(1, 1), p(1, 1)).refused(why);
    conv(p(1, 1), p(1, 1), p(1, 1), p(1, G + 1)).refused(why);
    conv(p(1, 1), p(1, 1), p(1, 1), p(G + 1, 1)).refused(why);
    conv(p(1, 1), p(1, 1), p(1, 1), p(1, 1), p(0, G + 1), p(1, 1)).refused(why);
    conv(p(1, 1), p(1, 1), p(1, 1), p(1, 1), p(G + 1, 0), p(1, 1)).refused(why);
    conv(p(1, 1), p(0, 1), p(1, 1), p(1, 1)).refused(why);
    conv(p(1, 1), p(1, 1), p(1, 1), p(1, 0)).refused(why);
    conv(p(1, 1), p(1, 1), p(1, 1), p(1, 1), p(0, -1), p(1, 1)).refused(why);
  }

  @Test
  void emptyWindows() {
    int[] one = p(1, 1);
    conv(one, one, one, one, p(0, 0), one).accepted();
    for (int a = 0; a < 2; a++) {
      int[] zero = a == 0 ? p(0, 1) : p(1, 0);
      conv(zero, one, one, one, p(0, 0), one).refused("empty window");
      conv(one, zero, one, one, p(0, 0), one).refused("empty window");
      conv(one, one, zero, one, p(0, 0), one).refused("empty window");
    }
  }

  @Test
  void lastTapIndexFitsHalfAnInt() {
    String why = "window indices overflow";
    // (64 - 1) 2^24 + (2 - 1)(2^24 - 1) = 2^30 - 1 = Integer.MAX_VALUE / 2: the largest allowed
    conv(p(1, 64), p(1, G), p(1, 2), p(1, G - 1)).accepted();
    conv(p(1, 65), p(1, G), p(1, 1), p(1, 1)).refused(why); // (65 - 1) 2^24 = 2^30
    conv(p(65, 1), p(G, 1), p(1, 1), p(1, 1)).refused(why);
    conv(p(1, 1), p(1, 1), p(1, 65), p(1, G)).refused(why); // (65 - 1) 2^24 by the kernel
    conv(p(1, 33), p(1, G), p(1, 33), p(1, G)).refused(why); // 2^29 + 2^29
  }

  /** A 1-D Conv: rank-3 tensors (1, C, W), height entries of the geometry given. */
  private static Net conv1(int inH, int kH, int outH) {
    Net n = new Net();
    int x = n.t(PUB, 1, 1, 4);
    int w = n.t(CONST, 1, 1, 2);
    int y = n.t(VIRT, 1, 1, 3);
    return n.g(new Conv(y, x, w, 1, p(inH, 4), p(kH, 2), p(outH, 3), p(1, 1), p(0, 0), p(1, 1)));
  }

  @Test
  void ranksAndOneDimensionalConvs() {
    conv1(1, 1, 1).accepted();
    conv1(2, 1, 1).refused("a 1-D convolution has height 1");
    conv1(1, 2, 1).refused("a 1-D convolution has height 1");
    conv1(1, 1, 2).refused("a 1-D convolution has height 1");
    int[][][] shapes = { // x, w, y
        {{1, 1, 4}, {1, 1, 1, 2}, {1, 1, 3}}, {{1, 1, 1, 4}, {1, 1, 1, 2}, {1, 1, 3}},
        {{1, 1, 4}, {1, 1, 2}, {1, 1, 1, 3}}, {{1, 4}, {1, 2}, {1, 3}},
        {{1, 1, 1, 1, 4}, {1, 1, 1, 1, 2}, {1, 1, 1, 1, 3}}};
    for (int[][] s : shapes) {
      Net n = new Net();
      int x = n.t(PUB, s[0]);
      int w = n.t(CONST, s[1]);
      int y = n.t(VIRT, s[2]);
      n.g(new Conv(y, x, w, 1, p(1, 4), p(1, 2), p(1, 3), p(1, 1), p(0, 0), p(1, 1)));
      n.refused("tensor ranks");
    }
  }

  private static Net contract(int[] a, int[] b, int[] y) {
    Net n = new Net();
    int ta = n.t(PUB, a);
    int tb = n.t(CONST, b);
    int ty = n.t(VIRT, y);
    return n.g(new Contract(ty, ta, tb));
  }

  @Test
  void contractShapes() {
    contract(p(2, 3, 4), p(2, 4, 5), p(2, 3, 5)).accepted();
    contract(p(3, 4), p(4, 5), p(3, 5)).accepted();
    contract(p(2, 3, 4), p(1, 4, 5), p(2, 3, 5)).refused("batch dimensions differ");
    contract(p(1, 3, 4), p(2, 4, 5), p(2, 3, 5)).refused("batch dimensions differ");
    contract(p(2, 2, 4), p(2, 4, 5), p(2, 3, 5)).refused("matrix shapes");
    contract(p(2, 3, 4), p(2, 4, 6), p(2, 3, 5)).refused("matrix shapes");
    contract(p(2, 3, 4), p(2, 3, 5), p(2, 3, 5)).refused("matrix shapes");
    contract(p(4), p(4), p(1)).refused("ranks");
    contract(p(3, 4), p(2, 4, 5), p(2, 3, 5)).refused("ranks");
    contract(p(2, 3, 4), p(4, 5), p(2, 3, 5)).refused("ranks");
  }

  private static Net reduce(int[] x, int[] y, int... axes) {
    Net n = new Net();
    int tx = n.t(PUB, x);
    int ty = n.t(VIRT, y);
    return n.g(new ReduceSum(ty, tx, axes));
  }

  @Test
  void reduceSumAxes() {
    reduce(p(2, 3), p(2, 1), 1).accepted();
    reduce(p(2, 3), p(1, 3), 0).accepted();
    reduce(p(2, 3), p(1, 1), 1, 0).accepted();
    reduce(p(2, 3), p(2, 3)).accepted(); // no axis: a copy
    reduce(p(2, 3), p(2, 1), 2).refused("axis 2");
    reduce(p(2, 3), p(2, 1), -1).refused("axis -1");
    reduce(p(2, 3), p(2, 1), 1, 1).refused("axis 1");
    reduce(p(2, 3), p(2), 1).refused("ranks");
    reduce(p(2, 3), p(2, 3), 1).refused("output shape");
    reduce(p(2, 3), p(2, 1)).refused("output shape");
    reduce(p(2, 3), p(1, 3), 1).refused("output shape");
  }

  private static Net wire(int[] src, int[] idx, int ySize) {
    Net n = new Net();
    int x = n.t(PUB, 4);
    int y = n.t(VIRT, ySize);
    return n.g(new Wire(y, new int[] {x}, src, idx, new long[src.length]));
  }

  @Test
  void wireMapEntries() {
    wire(p(0, -1, 0), p(3, 0, 0), 3).accepted(); // last index, a constant, first index
    wire(p(0, 0, 0), p(4, 0, 0), 3).refused("map entry 0");
    wire(p(0, 0, 0), p(0, 0, -1), 3).refused("map entry 2");
    wire(p(0, 1, 0), p(0, 0, 0), 3).refused("map entry 1");
    wire(p(0, -2, 0), p(0, 0, 0), 3).refused("map entry 1");
    wire(p(0, 0), p(0, 0), 3).refused("map length");
    Net n = new Net();
    int x = n.t(PUB, 4);
    int y = n.t(VIRT, 2);
    n.g(new Wire(y, new int[] {x}, p(0, 0), p(0, 1), new long[3])).refused("map length");
    // a constant only where nothing is copied
    Net c = new Net();
    int cx = c.t(PUB, 4);
    int cy = c.t(VIRT, 2);
    c.g(new Wire(cy, new int[] {cx}, p(0, -1), p(1, 0), new long[] {0, 5})).accepted();
    Net d = new Net();
    int dx = d.t(PUB, 4);
    int dy = d.t(VIRT, 2);
    d.g(new Wire(dy, new int[] {dx}, p(-1, 0), p(0, 1), new long[] {0, 5})).refused("map entry 1 copies and has a constant");
  }

  private static Net poly(int[] xShape, int[][] monomials, long[] coeffs, boolean zero) {
    Net n = new Net();
    int x = n.t(PUB, xShape);
    int y = n.t(VIRT, 2, 3);
    return n.g(new Poly(y, new int[] {x}, coeffs, monomials, zero));
  }

  @Test
  void polyDegreeIndicesAndBroadcast() {
    long[] one = {1};
    poly(p(2, 3), new int[][] {{0, 0, 0, 0}}, one, false).accepted(); // degree 4
    poly(p(2, 1), new int[][] {{0}}, one, false).accepted(); // broadcast over width
    poly(p(1, 3), new int[][] {{0}}, one, false).accepted();
    poly(p(2, 3), new int[][] {{0}}, one, true).accepted(); // an unread zero check
    Net five = poly(p(2, 3), new int[][] {{0, 0, 0, 0, 0}}, one, false);
    // degree 5 cannot be encoded (GadgetCodec: at most 4 factors), so only the circuit check
    assertEquals("gadget 0 (Poly): polynomial shape", five.check());
    poly(p(2, 3), new int[][] {{0}}, new long[] {1, 2}, false).refused("polynomial shape");
    poly(p(2, 3), new int[][] {{1}}, one, false).refused("monomial index");
    poly(p(2, 3), new int[][] {{-1}}, one, false).refused("monomial index");
    poly(p(2, 2), new int[][] {{0}}, one, false).refused("broadcast shape");
    poly(p(3, 3), new int[][] {{0}}, one, false).refused("broadcast shape");
    poly(p(6), new int[][] {{0}}, one, false).refused("input rank");
    Net read = poly(p(2, 3), new int[][] {{0}}, one, true);
    int z = read.t(VIRT, 2, 3);
    read.g(new Lin(z, new int[] {1}, new long[] {1}, 0));
    read.refused("a zero-check output is read by another gadget");
    Net pub = poly(p(2, 3), new int[][] {{0}}, one, true);
    pub.out(1).refused("a zero-check output is public");
  }

  @Test
  void linBroadcast() {
    Net n = new Net();
    int x = n.t(PUB, 2, 1);
    int b = n.t(PUB, 2, 3);
    int y = n.t(VIRT, 2, 3);
    n.g(new Lin(y, new int[] {x, b}, new long[] {1, 1}, 0)).accepted();
    Net m = new Net();
    int x2 = m.t(PUB, 2, 3);
    int b2 = m.t(PUB, 2, 2);
    int y2 = m.t(VIRT, 2, 3);
    m.g(new Lin(y2, new int[] {x2, b2}, new long[] {1, 1}, 0)).refused("broadcast shape");
  }

  @Test
  void tableColumns() {
    // the column must be a vector of exactly the table's size (size 1 cannot reach here as a vk)
    for (int[] shape : new int[][] {{8}, {2, 2}}) {
      Net n = new Net();
      int col = n.t(CONST, shape);
      n.tables.add(new TableInfo("f", 4, 0, col));
      n.refused("function table 0: its column must be a vector of its size read by no gadget");
    }
    Net one = new Net();
    int col = one.t(CONST, 1);
    one.tables.add(new TableInfo("f", 1, 0, col));
    assertEquals("function table 0: its column must be a vector of its size read by no gadget",
        one.check());
    Net alias = new Net();
    int c2 = alias.t(CONST, 4);
    int y = alias.t(VIRT, 2, 2);
    alias.g(new Alias(y, c2)).accepted(); // a bit-compatible relayout
    Net bad = new Net();
    int c3 = bad.t(CONST, 4);
    int y3 = bad.t(VIRT, 3);
    bad.g(new Alias(y3, c3)).refused("layouts are not bit-compatible");
  }
}
