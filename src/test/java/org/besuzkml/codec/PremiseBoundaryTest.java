package org.besuzkml.codec;

import static org.besuzkml.codec.Net.COM;
import static org.besuzkml.codec.Net.CONST;
import static org.besuzkml.codec.Net.PUB;
import static org.besuzkml.codec.Net.VIRT;

import org.besuzkml.proof.gadget.Decomp;
import org.besuzkml.proof.gadget.DivConst;
import org.besuzkml.proof.gadget.DivTensor;
import org.besuzkml.proof.gadget.Lin;
import org.besuzkml.proof.gadget.Lookup;
import org.besuzkml.proof.gadget.MaxSelect;
import org.besuzkml.proof.gadget.Poly;
import org.besuzkml.proof.gadget.ReduceSum;
import org.besuzkml.proof.gadget.Requant;
import org.besuzkml.proof.gadget.TableInfo;
import org.besuzkml.proof.gadget.TensorInfo;
import org.besuzkml.proof.gadget.ZeroBit;
import org.junit.jupiter.api.Test;

/**
 * The structure checks and the premises P1-P3, P9 of protocol.md 9.0 on hand-built circuits, each
 * at its boundary (accepted as a circuit and as a vk) and one past it (refused, naming the premise).
 */
class PremiseBoundaryTest {
  private static Lin copy(int y, int x) {
    return new Lin(y, new int[] {x}, new long[] {1}, 0);
  }

  @Test
  void publicTensorIdsInRange() {
    Net n = Net.minimal(); // input 0, output 1
    n.accepted();
    n.inputs.add(2);
    n.refused("public input 2 is not a PUBLIC_INPUT tensor");
    n.inputs.set(1, -1);
    n.refused("public input -1 is not a PUBLIC_INPUT tensor");
    n.inputs.set(1, 1);
    n.refused("public input 1 is not a PUBLIC_INPUT tensor");
    for (int o : new int[] {2, -1}) {
      Net m = Net.minimal().out(o);
      m.refused("public output " + o + " is not a computed tensor");
    }
    Net k = Net.minimal();
    k.out(k.t(CONST, 4));
    k.refused("public output 2 is not a computed tensor");
    Net u = Net.minimal();
    u.out(u.t(VIRT, 4)); // never produced
    u.refused("public output 2 is not a computed tensor");
  }

  @Test
  void tensorZeroAsOutputAndDefinition() {
    // tensor 0 is a gadget's output, read, and public: the lower bound of every id check
    Net n = new Net();
    int y = n.t(VIRT, 4);
    int x = n.t(PUB, 4);
    int z = n.t(VIRT, 4);
    n.g(copy(y, x), copy(z, y)).out(y);
    n.accepted();
  }

  @Test
  void gadgetTensorIdsInRange() {
    for (int bad : new int[] {2, -1}) {
      Net n = new Net();
      n.t(PUB, 4);
      int y = n.t(VIRT, 4);
      n.g(copy(y, bad));
      n.refused("gadget 0 (Lin) reads tensor " + bad + " out of range");
      Net m = new Net();
      int x = m.t(PUB, 4);
      m.t(VIRT, 4);
      m.g(copy(bad, x));
      m.refused("gadget 0 (Lin) defines tensor " + bad + " out of range");
    }
    Net late = new Net();
    int x = late.t(PUB, 4);
    int a = late.t(VIRT, 4);
    int b = late.t(VIRT, 4);
    late.g(copy(a, b), copy(b, x));
    late.refused("gadget 0 (Lin) reads tensor 2 before it is defined");
  }

  /** x virtual (a copy of a public input) of shape {4}. */
  private static int virtualOf(Net n, int... shape) {
    int a = n.t(PUB, shape);
    int x = n.t(VIRT, shape);
    n.g(copy(x, a));
    return x;
  }

  @Test
  void decompWidthsAndOffsets() {
    for (int bits : new int[] {1, 63}) {
      Net n = new Net();
      n.g(n.decomp(virtualOf(n, 4), 0, bits, false, false));
      n.accepted();
    }
    for (int bits : new int[] {0, 64}) {
      Net n = new Net();
      n.g(n.decomp(virtualOf(n, 4), 0, bits, false, false));
      n.refused("limb shape");
    }
    Net wide = new Net();
    int x = virtualOf(wide, 4);
    wide.g(new Decomp(x, 0, 16, false, false, 16, wide.cols(1, 4), -1));
    wide.refused("limb shape"); // width 16 in a w = 8 circuit
    long max = 1L << CircuitInvariants.MAX_SHIFT;
    for (long off : new long[] {max, -max}) {
      Net n = new Net();
      n.g(n.decomp(virtualOf(n, 4), off, 8, false, false));
      n.accepted();
    }
    for (long off : new long[] {max + 1, -max - 1, Long.MIN_VALUE}) {
      Net n = new Net();
      n.g(n.decomp(virtualOf(n, 4), off, 8, false, false));
      n.refused("offset out of range");
    }
  }

  @Test
  void decompColumns() {
    Net def = new Net();
    def.g(def.decomp(virtualOf(def, 4), 0, 8, false, true));
    def.refused("a defining Decomp must back a committed tensor");
    Net limb = new Net();
    int x = virtualOf(limb, 4);
    limb.g(new Decomp(x, 0, 8, false, false, 8, new int[] {limb.t(VIRT, 4)}, -1));
    limb.refused("limb column must be committed");
    Net twice = new Net();
    int y = virtualOf(twice, 4);
    int l = twice.t(COM, 4);
    twice.g(new Decomp(y, 0, 16, false, false, 8, new int[] {l, l}, -1));
    twice.refused("a limb column appears twice");
  }

  /**
   * A Decomp check of a virtual x: signKind -1 no sign column, 0 a committed one (tensor 0), 1 a
   * virtual one; signIsTop makes the top limb the sign instead.
   */
  private static Net signed(int bits, boolean signedFlag, int signKind, boolean signIsTop) {
    Net n = new Net();
    int s = signKind < 0 ? -1 : n.t(signKind == 0 ? COM : VIRT, 4); // tensor 0 when present
    int x = virtualOf(n, 4);
    int[] limbs = n.cols(Decomp.limbCount(bits, 8), 4);
    if (signIsTop) {
      s = limbs[limbs.length - 1];
    }
    n.g(new Decomp(x, 0, bits, signedFlag, false, 8, limbs, s));
    return n;
  }

  @Test
  void signColumns() {
    signed(32, true, 0, false).accepted(); // an 8-bit top limb: a column of its own
    signed(33, true, -1, true).accepted(); // a 1-bit top limb is the sign
    signed(32, true, -1, false).accepted(); // no sign column
    signed(32, false, 0, false).refused("a sign column on an unsigned decomposition");
    signed(32, true, 1, false).refused("sign column must be committed");
    String top = "the sign column must be the top limb exactly when that limb has one bit";
    signed(32, true, -1, true).refused(top);
    signed(33, true, 0, false).refused(top);
  }

  /** acc virtual; q, r committed; Requant(k) with q signed 32-bit and r Pos(k) limb-backed. */
  private static Net requant(int k) {
    Net n = new Net();
    int acc = virtualOf(n, 4);
    int q = n.t(COM, 4);
    int r = n.t(COM, 4);
    n.g(new Requant(acc, q, r, k));
    return n.g(n.decomp(q, 0, Decomp.ACT_BITS, true, true), n.decomp(r, 0, k, false, true));
  }

  @Test
  void requantShift() {
    requant(1).accepted();
    requant(CircuitInvariants.MAX_SHIFT).accepted();
    requant(0).refused("shift 0 outside [1, 62]");
    requant(63).refused("shift 63 outside [1, 62]");
    Net two = requant(8);
    two.g(two.decomp(3, 0, 8, false, true)); // r (tensor 3) backed a second time
    two.refused("tensor 3 has two limb decompositions");
  }

  /** DivConst of a public a by c, remainder width rBits, every companion in place. */
  private static Net divConst(long[] c, int rBits) {
    Net n = new Net();
    int a = n.t(PUB, 4);
    int q = n.t(COM, 4);
    int r = n.t(COM, 4);
    int rp = n.t(VIRT, 4);
    n.g(new DivConst(a, q, r, rp, c, rBits));
    return n.g(n.decomp(q, 0, Decomp.ACT_BITS, true, true), n.decomp(r, 0, rBits, false, true),
        n.decomp(rp, 0, rBits, false, false));
  }

  @Test
  void divConstDivisorsAndWidths() {
    divConst(new long[] {1}, 1).accepted();
    divConst(new long[] {1}, 62).accepted();
    divConst(new long[] {CircuitInvariants.MAX_DIVISOR}, 32).accepted();
    divConst(new long[] {4}, 3).accepted(); // 2c - 1 = 7 fits 3 bits exactly
    divConst(new long[] {1, 2, 3, 4}, 3).accepted(); // one divisor per entry
    divConst(new long[] {0}, 8).refused("divisor 0 outside [1, 2^31]");
    divConst(new long[] {CircuitInvariants.MAX_DIVISOR + 1}, 33)
        .refused("divisor 2147483649 outside [1, 2^31]");
    divConst(new long[] {5}, 3).refused("remainder width 3 cannot hold 2c - 1");
    divConst(new long[] {1}, 0).refused("remainder width 0 cannot hold 2c - 1");
    divConst(new long[] {1}, 63).refused("remainder width 63 cannot hold 2c - 1");
    divConst(new long[] {1, 2}, 3).refused("divisor count");
  }

  @Test
  void divisionColumns() {
    Net q = divConst(new long[] {2}, 2);
    q.gadgets.set(1, q.decomp(1, 0, Decomp.ACT_BITS, false, true));
    q.refused("q must be limb-backed as signed 32-bit");
    Net r = divConst(new long[] {2}, 2);
    r.gadgets.set(2, r.decomp(2, 0, 3, false, true));
    r.refused("r must be limb-backed as Pos(2)");
    Net rc = divConst(new long[] {2}, 2);
    rc.tensors.set(3, new TensorInfo(3, "rp", COM, new int[] {4}));
    rc.refused("r' must be virtual");
    Net shape = divConst(new long[] {2}, 2);
    shape.tensors.set(3, new TensorInfo(3, "rp", VIRT, new int[] {2, 2}));
    shape.gadgets.set(3, shape.decomp(3, 0, 2, false, false));
    shape.refused("r' column has another shape than tensor 0");
    Net unchecked = divConst(new long[] {2}, 2);
    unchecked.gadgets.remove(3);
    unchecked.refused("r' has no Decomp check Pos(2)");
    Net quot = divConst(new long[] {2}, 2);
    quot.tensors.set(1, new TensorInfo(1, "q", VIRT, new int[] {4}));
    quot.gadgets.remove(1);
    quot.refused("quotient column must be committed");
  }

  private static Net divTensor(int dBits, int... divisorShape) {
    Net n = new Net();
    int a = n.t(PUB, 4);
    int d = n.t(PUB, divisorShape);
    int q = n.t(COM, 4);
    int r = n.t(COM, 4);
    int rp = n.t(VIRT, 4);
    n.g(new DivTensor(a, d, q, r, rp, dBits));
    return n.g(n.decomp(q, 0, Decomp.ACT_BITS, true, true), n.decomp(r, 0, dBits, false, true),
        n.decomp(rp, 0, dBits, false, false));
  }

  @Test
  void divTensorWidths() {
    divTensor(1, 4).accepted();
    divTensor(62, 4).accepted();
    divTensor(0, 4).refused("divisor width 0");
    divTensor(63, 4).refused("divisor width 63");
    divTensor(8, 2, 2).refused("divisor column has another shape than tensor 0");
  }

  /** MaxSelect over the last axis of u (2 x 3) with picked, m, gap and a gap check Pos(gapBits). */
  private static Net maxSelect(int gapBits, long gapC0, long pickedCoeff, boolean swapped) {
    Net n = new Net();
    int u = virtualOf(n, 2, 3);
    int sigma = n.t(COM, 2, 3);
    int picked = n.t(VIRT, 2, 3);
    int m = n.t(VIRT, 2, 1);
    int gap = n.t(VIRT, 2, 3);
    int[] xs = swapped ? new int[] {u, sigma} : new int[] {sigma, u};
    n.g(new MaxSelect(u, sigma),
        new Poly(picked, xs, new long[] {pickedCoeff}, new int[][] {{0, 1}}, false),
        new ReduceSum(m, picked, new int[] {1}),
        new Lin(gap, new int[] {m, u}, new long[] {1, -1}, gapC0));
    return n.g(n.decomp(gap, 0, gapBits, false, false));
  }

  @Test
  void maxSelectCompanions() {
    maxSelect(34, 0, 1, false).accepted();
    maxSelect(34, 0, 1, true).accepted(); // sigma * u in either order
    maxSelect(1, 0, 1, false).accepted(); // the narrowest and widest gap checks count
    maxSelect(63, 0, 1, false).accepted();
    maxSelect(34, 1, 1, false).refused("no gap check m - u >= 0");
    maxSelect(34, 0, 2, false).refused("its selector must be read exactly once, by the product");
  }

  /**
   * ZeroBit(d, zeta) with zeta * d = 0 and the positivity check 2 s d - d - sel + zeta. The sign
   * column s is tensor 0 (or, with dFirst, d is tensor 0 and a limb stands where s belongs).
   */
  private static Net zeroBit(boolean dFirst, long productCoeff, boolean swapped) {
    Net n = new Net();
    int s = dFirst ? -1 : n.t(COM, 4);
    int d = n.t(VIRT, 4);
    int a = n.t(PUB, 4);
    n.g(copy(d, a));
    int[] limbs = n.cols(4, 4);
    if (dFirst) {
      s = n.t(COM, 4);
    }
    n.g(new Decomp(d, 0, 32, true, false, 8, limbs, s));
    int zeta = n.t(COM, 4);
    int zero = n.t(VIRT, 4);
    int pos = n.t(VIRT, 4);
    int[] xs = swapped ? new int[] {d, zeta} : new int[] {zeta, d};
    int first = dFirst ? limbs[0] : s;
    n.g(new ZeroBit(d, zeta),
        new Poly(zero, xs, new long[] {productCoeff}, new int[][] {{0, 1}}, true),
        new Poly(pos, new int[] {first, d, zeta}, new long[] {2, -1, -1, 1},
            new int[][] {{0, 1}, {1}, {}, {2}}, false));
    return n.g(n.decomp(pos, 0, 34, false, false));
  }

  @Test
  void zeroBitCompanions() {
    zeroBit(false, 1, false).accepted(); // sign column 0 is indexed as a sign
    zeroBit(false, 1, true).accepted();
    String why = "its bit is [d = 0] only with the zero check zeta * d";
    zeroBit(false, 2, false).refused(why);
    zeroBit(true, 1, false).refused(why); // a limb is not d's sign (d is tensor 0)
  }

  @Test
  void lookupTableIndexAndColumns() {
    for (int table : new int[] {-1, 1}) {
      Net n = new Net();
      int col = n.t(CONST, 4);
      int idx = n.t(PUB, 4);
      int y = n.t(COM, 4);
      n.tables.add(new TableInfo("f", 4, 0, col));
      n.g(new Lookup(idx, y, table));
      n.refused("gadget 0 (Lookup): table index");
    }
    Net backed = new Net();
    int col = backed.t(CONST, 4);
    int idx = backed.t(PUB, 4);
    int y = backed.t(COM, 4);
    backed.tables.add(new TableInfo("f", 4, 0, col));
    backed.g(new Lookup(idx, y, 0), backed.decomp(y, 0, 8, false, true));
    backed.refused("tensor 2: a lookup column must not also be limb-backed");
  }

  @Test
  void productsMustBeOfTheirOwnTensors() {
    // picked = sigma * a (not u), zero check zeta * a (not d): the right form, the wrong factor
    Net m = maxSelect(34, 0, 1, false);
    m.gadgets.set(2, new Poly(3, new int[] {2, 0}, new long[] {1}, new int[][] {{0, 1}}, false));
    m.refused("its selector must be read exactly once, by the product");
    Net z = zeroBit(false, 1, false);
    Poly zero = (Poly) z.gadgets.get(3);
    z.gadgets.set(3, new Poly(zero.y(), new int[] {zero.xs()[0], 2}, new long[] {1},
        new int[][] {{0, 1}}, true));
    z.refused("its bit is [d = 0] only with the zero check zeta * d");
  }

  @Test
  void aCommittedTensorBackedButNotProduced() {
    // the Decomp define is its only definition: limbs pin it to nothing the statement computes
    Net n = new Net();
    int x = n.t(COM, 4);
    n.g(n.decomp(x, 0, 8, false, true));
    n.refused("tensor 0: committed but produced by no gadget");
  }
}
