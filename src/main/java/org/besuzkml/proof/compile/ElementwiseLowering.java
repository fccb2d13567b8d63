package org.besuzkml.proof.compile;

import org.besuzkml.model.Node;
import org.besuzkml.proof.gadget.Decomp;
import org.besuzkml.proof.gadget.DivConst;
import org.besuzkml.proof.gadget.DivTensor;
import org.besuzkml.proof.gadget.Poly;
import org.besuzkml.proof.gadget.TensorKind;
import org.besuzkml.proof.gadget.ZeroBit;

/**
 * Broadcasting binary ops (engine ElementwiseOps, VariadicOps, WhereOp): aligned ops are Lin for
 * sums and comparisons through signs (6.11), Mul is Poly + Requant, Div by an activation is
 * DivTensor, Pow 2/3 repeated Poly + Requant.
 */
final class ElementwiseLowering {
  private ElementwiseLowering() {}

  static int[] outShape(Compiler c, Node n) {
    return c.model.graph().shape(n.outputs().get(0));
  }

  /** Add, Sub, Max, Min and the comparisons: operands aligned to the larger scale. */
  static void aligned(Compiler c, Node n) {
    CircuitBuilder b = c.b;
    Compiler.Operand x = c.operand(n, 0);
    Compiler.Operand y = c.operand(n, 1);
    int common = Math.max(x.scale(), y.scale());
    long cx = 1L << (common - x.scale());
    long cy = 1L << (common - y.scale());
    int[] shape = outShape(c, n);
    String out = n.outputs().get(0);
    String op = n.opType();
    int result;
    switch (op) {
      case "Add", "Sub" -> {
        result = b.lin(n.name() + "/sum", shape, new int[] {x.id(), y.id()},
            new long[] {cx, op.equals("Add") ? cy : -cy}, 0);
      }
      case "Max", "Min" -> {
        int d = b.lin(n.name() + "/diff", shape, new int[] {x.id(), y.id()},
            new long[] {cx, -cy}, 0);
        int s = b.sign(d, Decomp.DIFF_BITS);
        result = op.equals("Max")
            ? b.poly(n.name() + "/max", shape, new int[] {y.id(), s, d}, new long[] {cy, 1},
                new int[][] {{0}, {1, 2}})
            : b.poly(n.name() + "/min", shape, new int[] {x.id(), s, d}, new long[] {cx, -1},
                new int[][] {{0}, {1, 2}});
      }
      default -> {
        boolean ab = op.equals("Less") || op.equals("GreaterOrEqual") || op.equals("Equal");
        int sab = 0;
        int sba = 0;
        if (ab) {
          int d = b.lin(n.name() + "/diff", shape, new int[] {x.id(), y.id()},
              new long[] {cx, -cy}, 0);
          sab = b.sign(d, Decomp.DIFF_BITS);
        }
        if (!ab || op.equals("Equal")) {
          int d = b.lin(n.name() + "/rdiff", shape, new int[] {x.id(), y.id()},
              new long[] {-cx, cy}, 0);
          sba = b.sign(d, Decomp.DIFF_BITS);
        }
        result = switch (op) {
          case "Less" -> b.poly(n.name() + "/lt", shape, new int[] {sab}, new long[] {1, -1},
              new int[][] {{}, {0}});
          case "Greater" -> b.poly(n.name() + "/gt", shape, new int[] {sba}, new long[] {1, -1},
              new int[][] {{}, {0}});
          case "GreaterOrEqual" -> b.poly(n.name() + "/ge", shape, new int[] {sab},
              new long[] {1}, new int[][] {{0}});
          case "LessOrEqual" -> b.poly(n.name() + "/le", shape, new int[] {sba},
              new long[] {1}, new int[][] {{0}});
          default -> b.poly(n.name() + "/eq", shape, new int[] {sab, sba}, new long[] {1},
              new int[][] {{0, 1}});
        };
        b.booleans.add(result);
        c.define(out, result);
        return;
      }
    }
    int s = c.scale(out);
    if (s == common) {
      c.define(out, result);
    } else {
      b.traced(result, n.name() + "/acc");
      c.define(out, b.rescale(result, common, s, out));
    }
  }

  /** Mul, Div, Pow. */
  static void arithmetic(Compiler c, Node n) {
    CircuitBuilder b = c.b;
    int[] shape = outShape(c, n);
    String out = n.outputs().get(0);
    switch (n.opType()) {
      case "Mul" -> {
        Compiler.Operand x = c.operand(n, 0);
        Compiler.Operand y = c.operand(n, 1);
        int p = b.poly(n.name() + "/prod", shape, new int[] {x.id(), y.id()}, new long[] {1},
            new int[][] {{0, 1}});
        c.finishRescaled(n, p, x.scale() + y.scale());
      }
      case "Div" -> {
        if (c.isConst(n.input(1))) {
          Compiler.Operand x = c.operand(n, 0);
          String id = n.name() + "/reciprocal";
          int y = c.param(n, id);
          int p = b.poly(n.name() + "/prod", shape, new int[] {x.id(), y}, new long[] {1},
              new int[][] {{0, 1}});
          c.finishRescaled(n, p, x.scale() + c.paramScale(id));
        } else {
          divide(c, n, shape);
        }
      }
      default -> power(c, n, shape);
    }
  }

  private static void divide(Compiler c, Node n, int[] shape) {
    CircuitBuilder b = c.b;
    Compiler.Operand x = c.operand(n, 0);
    Compiler.Operand y = c.operand(n, 1);
    String out = n.outputs().get(0);
    int outScale = c.scale(out);
    int e = outScale + y.scale() - x.scale();
    long ex = e >= 0 ? 1L << e : 1;
    long ey = e >= 0 ? 1 : 1L << -e;
    Long low = b.lowerBounds.get(y.id());
    int num = b.lin(n.name() + "/num", shape, new int[] {x.id()}, new long[] {ex}, 0);
    int den = b.lin(n.name() + "/den", shape, new int[] {y.id()}, new long[] {ey}, 0);
    int dBits = 64 - Long.numberOfLeadingZeros(2 * ((1L << 31) * ey));
    if (!y.constant() && low != null && low >= 1) {
      c.define(out, divTensor(b, num, den, dBits, out));
      return;
    }
    // signed variant (6.10): t = 2s - sel, zeta = [d = 0], divide t a by t d + zeta
    int s = b.sign(den, Decomp.DIFF_BITS);
    int zeta = b.tensor(n.name() + "/zeta", TensorKind.COMMITTED, shape);
    b.add(new ZeroBit(den, zeta));
    b.booleans.add(zeta);
    int zd = b.tensor(n.name() + "/zeta_d", TensorKind.VIRTUAL, shape);
    b.add(new Poly(zd, new int[] {zeta, den}, new long[] {1}, new int[][] {{0, 1}}, true));
    // t d - sel + zeta = 2 s d - d - sel + zeta >= 0
    int pos = b.poly(n.name() + "/absd", shape, new int[] {s, den, zeta},
        new long[] {2, -1, -1, 1}, new int[][] {{0, 1}, {1}, {}, {2}});
    b.checkPos(pos, dBits);
    int ta = b.poly(n.name() + "/ta", shape, new int[] {s, num}, new long[] {2, -1},
        new int[][] {{0, 1}, {1}});
    int td = b.poly(n.name() + "/td", shape, new int[] {s, den, zeta}, new long[] {2, -1, 1},
        new int[][] {{0, 1}, {1}, {2}});
    int q = divTensor(b, ta, td, dBits, n.name() + "/q");
    c.define(out, b.poly(out, shape, new int[] {zeta, q}, new long[] {1, -1},
        new int[][] {{1}, {0, 1}}));
  }

  /** 6.10 with d >= 1 known from its producer; returns q (Decomp define Act). */
  static int divTensor(CircuitBuilder b, int a, int d, int dBits, String name) {
    int[] shape = b.shape(a);
    int q = b.tensor(name, TensorKind.COMMITTED, shape);
    int r = b.tensor(name + "/rem", TensorKind.COMMITTED, shape);
    int rp = b.tensor(name + "/rem2", TensorKind.VIRTUAL, shape);
    b.add(new DivTensor(a, d, q, r, rp, dBits));
    b.defineAct(q);
    b.definePos(r, dBits);
    b.checkPos(rp, dBits);
    return q;
  }

  /** 6.9: q = divRound(a, c) for a public positive divisor (scalar or per element). */
  static int divConst(CircuitBuilder b, int a, long[] c, String name) {
    long max = 1;
    boolean uniform = true;
    for (long v : c) {
      max = Math.max(max, v);
      uniform &= v == c[0];
    }
    if (uniform && c[0] == 1) {
      return a;
    }
    if (uniform && Long.bitCount(c[0]) == 1) {
      return b.requant(a, Long.numberOfTrailingZeros(c[0]), name);
    }
    int[] shape = b.shape(a);
    int rBits = 64 - Long.numberOfLeadingZeros(2 * max - 1);
    int q = b.tensor(name, TensorKind.COMMITTED, shape);
    int r = b.tensor(name + "/rem", TensorKind.COMMITTED, shape);
    int rp = b.tensor(name + "/rem2", TensorKind.VIRTUAL, shape);
    b.add(new DivConst(a, q, r, rp, uniform ? new long[] {c[0]} : c.clone(), rBits));
    b.defineAct(q);
    b.definePos(r, rBits);
    b.checkPos(rp, rBits);
    return q;
  }

  private static void power(Compiler c, Node n, int[] shape) {
    if (c.model.tables().containsKey(n.name())) {
      ActivationLowering.table(c, n);
      return;
    }
    CircuitBuilder b = c.b;
    double p = c.model.graph().constants().get(n.input(1)).get(0);
    String out = n.outputs().get(0);
    int outScale = c.scale(out);
    int x = c.act(n.input(0));
    int sx = c.scale(n.input(0));
    if (p == 1) {
      c.define(out, b.rescale(x, sx, outScale, out));
      return;
    }
    int acc = x;
    int accScale = sx;
    for (int k = 1; k < (int) p; k++) {
      int prod = b.poly(n.name() + "/acc" + k, shape, new int[] {acc, x}, new long[] {1},
          new int[][] {{0, 1}});
      b.traced(prod, n.name() + "/acc" + k);
      acc = b.rescale(prod, accScale + sx, outScale, n.name() + "/pow" + k);
      accScale = outScale;
    }
    c.define(out, acc);
  }

  /** Sum, Mean (variadic): Lin at the common scale, Mean then DivConst(k). */
  static void variadic(Compiler c, Node n) {
    CircuitBuilder b = c.b;
    int k = n.inputs().size();
    String out = n.outputs().get(0);
    int s = c.scale(out);
    int[] shape = outShape(c, n);
    int[] xs = new int[k];
    long[] cs = new long[k];
    for (int i = 0; i < k; i++) {
      Compiler.Operand o = c.operand(n, i);
      xs[i] = o.id();
      cs[i] = 1L << (s - o.scale());
    }
    String op = n.opType();
    if (op.equals("Max") || op.equals("Min")) {
      int cur = b.lin(n.name() + "/m0", shape, new int[] {xs[0]}, new long[] {cs[0]}, 0);
      for (int j = 1; j < k; j++) {
        int d = b.lin(n.name() + "/diff" + j, shape, new int[] {cur, xs[j]},
            new long[] {1, -cs[j]}, 0);
        int sg = b.sign(d, Decomp.DIFF_BITS);
        cur = op.equals("Max")
            ? b.poly(n.name() + "/m" + j, shape, new int[] {xs[j], sg, d}, new long[] {cs[j], 1},
                new int[][] {{0}, {1, 2}})
            : b.poly(n.name() + "/m" + j, shape, new int[] {cur, sg, d}, new long[] {1, -1},
                new int[][] {{0}, {1, 2}});
      }
      c.define(out, cur);
      return;
    }
    int sum = b.lin(n.name() + "/sum", shape, xs, cs, 0);
    if (op.equals("Sum")) {
      c.define(out, sum);
      return;
    }
    b.traced(sum, n.name() + "/sum");
    c.define(out, divConst(b, sum, new long[] {k}, out));
  }

  /** Where(cond, a, b) = b + cond (a - b) with a Boolean cond. */
  static void where(Compiler c, Node n) {
    CircuitBuilder b = c.b;
    String out = n.outputs().get(0);
    int s = c.scale(out);
    int[] shape = outShape(c, n);
    Compiler.Operand cond = c.operand(n, 0);
    if (!cond.constant() && !b.booleans.contains(cond.id())) {
      throw new CompileException(n.name(), n.opType(), "condition is not a comparison output");
    }
    int condId = cond.id();
    if (cond.constant()) {
      long[] v = b.constants.get(condId);
      long[] z = new long[v.length];
      for (int i = 0; i < v.length; i++) {
        z[i] = v[i] != 0 ? 1 : 0;
      }
      condId = b.constant(n.name() + "/cond01", b.shape(condId), z);
    }
    Compiler.Operand x = c.operand(n, 1);
    Compiler.Operand y = c.operand(n, 2);
    long cx = 1L << (s - x.scale());
    long cy = 1L << (s - y.scale());
    c.define(out, b.poly(n.name() + "/where", shape, new int[] {condId, x.id(), y.id()},
        new long[] {cy, cx, -cy}, new int[][] {{2}, {0, 1}, {0, 2}}));
  }

  /** Not, And, Or, Xor on 0/1 tensors: polynomials. */
  static void logic(Compiler c, Node n) {
    CircuitBuilder b = c.b;
    int[] shape = outShape(c, n);
    String out = n.outputs().get(0);
    for (int i = 0; i < n.inputs().size(); i++) {
      if (!c.isConst(n.input(i)) && !b.booleans.contains(c.act(n.input(i)))) {
        throw new CompileException(n.name(), n.opType(), "input is not a comparison output");
      }
    }
    Compiler.Operand x = c.operand(n, 0);
    int y = switch (n.opType()) {
      case "Not" -> b.poly(n.name() + "/not", shape, new int[] {x.id()}, new long[] {1, -1},
          new int[][] {{}, {0}});
      case "And" -> b.poly(n.name() + "/and", shape, new int[] {x.id(), c.operand(n, 1).id()},
          new long[] {1}, new int[][] {{0, 1}});
      case "Or" -> b.poly(n.name() + "/or", shape, new int[] {x.id(), c.operand(n, 1).id()},
          new long[] {1, 1, -1}, new int[][] {{0}, {1}, {0, 1}});
      default -> b.poly(n.name() + "/xor", shape, new int[] {x.id(), c.operand(n, 1).id()},
          new long[] {1, 1, -2}, new int[][] {{0}, {1}, {0, 1}});
    };
    b.booleans.add(y);
    c.define(out, y);
  }
}
