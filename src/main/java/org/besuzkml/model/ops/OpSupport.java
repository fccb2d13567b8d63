package org.besuzkml.model.ops;

import org.besuzkml.model.Node;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.quant.FixedPoint;
import org.besuzkml.model.quant.QTensor;
import org.besuzkml.model.quant.QuantContext;
import org.besuzkml.model.quant.Trace;

/** Helpers shared by the op families. */
final class OpSupport {
  private OpSupport() {}

  static int[][] one(int[] shape) {
    return new int[][] {shape};
  }

  static Tensor[] one(Tensor t) {
    return new Tensor[] {t};
  }

  static QTensor[] one(QTensor t) {
    return new QTensor[] {t};
  }

  /**
   * The coarsest scale in [0, max] at which every value of t is an exact integer, or max when none
   * is: integer and dyadic constants then multiply exactly.
   */
  static int exactScale(Tensor t, int max) {
    for (int s = 0; s < max; s++) {
      boolean exact = true;
      for (double v : t.data()) {
        double x = Math.scalb(v, s);
        if (x != Math.rint(x) || Math.abs(x) > FixedPoint.MAX_ACT) {
          exact = false;
          break;
        }
      }
      if (exact) {
        return s;
      }
    }
    return max;
  }

  /** The scale a product at scale s is brought back to: the output's target scale when s exceeds it. */
  static int productTarget(int s, QuantContext ctx, String out) {
    return Math.min(s, ctx.target(out));
  }

  /** Records acc (at scale from) as node/acc and returns it rescaled to scale to. */
  static QTensor rescaleRecorded(Node n, QTensor acc, int to, Trace trace) {
    if (acc.scale() == to) {
      return acc;
    }
    trace.put(n.name() + "/acc", acc);
    return acc.toScale(to);
  }

  /**
   * One operand of an integer op: either an activation input (read at run time) or a constant
   * quantized once at a fixed scale.
   */
  static final class Operand {
    final int index;
    final QTensor constant;
    final int scale;
    final int[] shape;

    private Operand(int index, QTensor constant, int scale, int[] shape) {
      this.index = index;
      this.constant = constant;
      this.scale = scale;
      this.shape = shape;
    }

    /**
     * Input i of n. A constant is quantized at constScale: as a multiplicative parameter (at a
     * coarser exact scale when it has one) when multiplicative, else as an activation-like value.
     */
    static Operand of(Node n, int i, QuantContext ctx, int constScale, boolean multiplicative) {
      String name = n.input(i);
      if (ctx.isConst(name)) {
        Tensor t = ctx.constant(name);
        int s = multiplicative ? exactScale(t, ctx.weightScale(t)) : constScale;
        QTensor q = multiplicative ? ctx.param(n.name() + "/" + name, t, s)
            : ctx.actConst(n.name() + "/" + name, t, s);
        return new Operand(i, q, s, t.shape());
      }
      return new Operand(i, null, ctx.scale(name), ctx.shape(name));
    }

    static Operand ofConstant(int index, QTensor q) {
      return new Operand(index, q, q.scale(), q.shape());
    }

    boolean isConst() {
      return constant != null;
    }

    QTensor get(QTensor[] in) {
      return constant != null ? constant : in[index];
    }
  }
}
