package org.besuzkml.proof.verify;

import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.Contract;
import org.besuzkml.proof.gadget.Conv;
import org.besuzkml.proof.gadget.Decomp;
import org.besuzkml.proof.gadget.DivConst;
import org.besuzkml.proof.gadget.DivTensor;
import org.besuzkml.proof.gadget.Gadget;
import org.besuzkml.proof.gadget.Lin;
import org.besuzkml.proof.gadget.MaxSelect;
import org.besuzkml.proof.gadget.Poly;
import org.besuzkml.proof.gadget.ReduceSum;
import org.besuzkml.proof.gadget.Requant;
import org.besuzkml.proof.gadget.TensorInfo;
import org.besuzkml.proof.gadget.Wire;

/**
 * The verifier's work for one gadget's argument (protocol.md 6.16, 10.1), given {@code e} claims on
 * its outputs after merging: the sumchecks it runs, the values it reads, and its data-dependent
 * loops (Conv windows, Wire gathers, per-entry divisors), each term mirroring a loop of the
 * gadget's verifier in {@code proof.gadget}. Upper bounds: a term is never below the loop it prices.
 */
final class GadgetCost {
  private GadgetCost() {}

  static void add(Gadget g, Circuit c, long e, CostMeter m) {
    if (g instanceof Lin x) {
      lin(x, c, e, m);
    } else if (g instanceof ReduceSum x) {
      TensorInfo in = c.tensor(x.x());
      m.muls(CostMeter.mul(e, in.vars() + 4));
      m.alloc(CostMeter.mul(e, CostMeter.ELEM * (in.vars() + 2)));
    } else if (g instanceof Contract x) {
      if (e > 0) {
        // ContractArgument: rounds m_b + m_k, degree 3 with batch variables, else 2
        TensorInfo a = c.tensor(x.a());
        int r = a.rank();
        int mb = 0;
        for (int d = 0; d < r - 2; d++) {
          mb += TensorInfo.log2Ceil(a.dim(d));
        }
        int mk = r >= 1 ? TensorInfo.log2Ceil(a.dim(r - 1)) : 0;
        m.sumcheck(mb + mk, mb > 0 ? 3 : 2);
        m.read(2);
        m.eq(c.tensor(x.y()).vars());
        m.muls(8); // eq * a * c, and the final comparison
        // the claims' points on A and B
        m.alloc(CostMeter.ELEM * (c.tensor(x.a()).vars() + c.tensor(x.b()).vars() + 4L));
      }
    } else if (g instanceof Conv x) {
      conv(x, c, e, m);
    } else if (g instanceof Poly x) {
      poly(x, c, e, m);
    } else if (g instanceof Wire x) {
      wire(x, c, e, m);
    } else if (g instanceof Requant x) {
      TensorInfo acc = c.tensor(x.acc());
      m.challenge(acc.vars());
      m.read(2);
      m.sel(acc);
      m.muls(8);
    } else if (g instanceof Decomp x) {
      decomp(x, c, x.define() ? e : 1, m);
    } else if (g instanceof DivConst x) {
      divConst(x, c, e, m);
    } else if (g instanceof DivTensor x) {
      TensorInfo q = c.tensor(x.q());
      m.read(CostMeter.mul(e, 2));
      m.muls(CostMeter.mul(e, 2L * q.vars() + q.rank() + 8));
      m.challenge(q.vars());
      m.read(4);
      m.sumcheck(q.vars(), 3);
      m.read(2);
      m.eq(q.vars());
      m.sel(q);
      m.muls(32);
    } else if (g instanceof MaxSelect x) {
      TensorInfo u = c.tensor(x.u());
      m.challenge(u.vars());
      m.read(1);
      m.sel(u);
      m.muls(u.vars() + 4L);
      m.alloc(CostMeter.ELEM * (u.vars() + 4L));
    }
    // Lookup, ZeroBit, Alias: nothing in the walk (their relations are lookups, or a relabeling)
  }

  /** Per claim: the stated inputs, sel_Y, and per input its restricted point and coefficient. */
  private static void lin(Lin g, Circuit c, long e, CostMeter m) {
    TensorInfo y = c.tensor(g.y());
    int a = g.xs().length;
    m.read(CostMeter.mul(e, a));
    long perClaim = CostMeter.mul(a + 1L, 2L * y.vars() + y.rank() + 5);
    m.muls(CostMeter.mul(e, perClaim));
    m.alloc(CostMeter.mul(e, CostMeter.mul(a + 1L, CostMeter.ELEM * (y.vars() + 4))));
  }

  /**
   * Kernel and window sumchecks, then per axis eq tables over out, tap and input indices and the
   * out x kernel loop (6.6: O(OH KH + OW KW + 2^m_H + 2^m_W)).
   */
  private static void conv(Conv g, Circuit c, long e, CostMeter m) {
    if (e == 0) {
      return;
    }
    // kernel SC over (channel, tap) = w's variables without the out channel; window SC over
    // (height, width) = x's variables without the channel (ConvGeometry fixes these shapes)
    TensorInfo w = c.tensor(g.w());
    TensorInfo x = c.tensor(g.x());
    m.sumcheck(w.vars() - TensorInfo.log2Ceil(w.rank() > 0 ? w.dim(0) : 1), 2);
    m.read(2);
    m.sumcheck(x.vars() - TensorInfo.log2Ceil(x.rank() > 1 ? x.dim(1) : 1), 2);
    m.read(1);
    m.muls(8);
    for (int axis = 0; axis < 2; axis++) {
      m.table(TensorInfo.log2Ceil(g.out()[axis]));
      m.table(TensorInfo.log2Ceil(g.kernel()[axis]));
      m.table(TensorInfo.log2Ceil(g.in()[axis]));
      m.muls(CostMeter.mul(2L * g.out()[axis], g.kernel()[axis]));
    }
    m.alloc(CostMeter.ELEM * 4L * (c.tensor(g.y()).vars() + c.tensor(g.x()).vars()
        + c.tensor(g.w()).vars()));
  }

  /** SC(m, deg + 1), the stated inputs, their restricted points, the composition at the end. */
  private static void poly(Poly g, Circuit c, long e, CostMeter m) {
    if (e == 0 && !g.zeroCheck()) {
      return;
    }
    TensorInfo y = c.tensor(g.y());
    int a = g.xs().length;
    if (g.zeroCheck()) {
      m.challenge(y.vars());
    }
    m.sumcheck(y.vars(), Math.min(g.degree(), Poly.MAX_DEGREE) + 1);
    m.read(a);
    m.muls(CostMeter.mul(a + 1L, 2L * y.vars() + y.rank() + 3));
    m.eq(y.vars());
    long terms = 0;
    for (int[] mono : g.monomials()) {
      terms = CostMeter.add(terms, mono.length + 3L);
    }
    m.muls(terms);
    m.alloc(CostMeter.mul(a + 2L, CostMeter.ELEM * (y.vars() + 2)));
  }

  /**
   * eq(z, .) over Y's hypercube and gathered to Y's entries, the constant part, the sumcheck(s),
   * then per input its scattered Sel table (one pass over Y for all inputs) and its fold.
   */
  private static void wire(Wire g, Circuit c, long e, CostMeter m) {
    TensorInfo y = c.tensor(g.y());
    if (e == 0) {
      return;
    }
    long ySize = y.size();
    m.table(y.vars());
    m.alloc(CostMeter.mul(ySize, CostMeter.ELEM + 4));
    m.muls(CostMeter.mul(ySize, 2)); // constants: fromLong and the product
    int a = g.xs().length;
    int maxVars = 0;
    for (int x : g.xs()) {
      TensorInfo t = c.tensor(x);
      maxVars = Math.max(maxVars, t.vars());
      m.table(t.vars());
      m.alloc(CostMeter.add(CostMeter.mul(CostMeter.pow2(t.vars()), CostMeter.ELEM), t.size() * 4));
      m.muls(8);
    }
    if (a > 1) {
      m.read(a);
      m.muls(CostMeter.mul(a, 4));
    }
    m.sumcheck(maxVars, 2);
    m.read(a);
  }

  private static void decomp(Decomp g, Circuit c, long points, CostMeter m) {
    TensorInfo x = c.tensor(g.x());
    int n = g.limbs().length;
    if (!g.define()) {
      m.challenge(x.vars());
    }
    m.read(CostMeter.mul(points, n));
    m.muls(CostMeter.mul(points, 2L * x.vars() + x.rank() + 2L * n + 6));
    m.alloc(CostMeter.mul(points, CostMeter.ELEM * (2L * n + 8)));
  }

  /** Claims on r', the fresh point, and with per-entry divisors SC(m, 3) and c~ over |q| entries. */
  private static void divConst(DivConst g, Circuit c, long e, CostMeter m) {
    TensorInfo q = c.tensor(g.q());
    boolean perEntry = g.c().length != 1;
    long cAt = perEntry ? CostMeter.add(CostMeter.pow2(q.vars()), 2L * g.c().length) : 2;
    if (perEntry) {
      m.alloc(CostMeter.mul(CostMeter.pow2(q.vars()), 2 * CostMeter.ELEM));
    }
    m.read(e);
    m.muls(CostMeter.mul(e, CostMeter.add(cAt, 2L * q.vars() + q.rank() + 8)));
    m.challenge(q.vars());
    m.read(2);
    m.muls(CostMeter.add(cAt, 2L * q.vars() + q.rank() + 16));
    if (perEntry) {
      m.sumcheck(q.vars(), 3);
      m.read(1);
      m.eq(q.vars());
      m.muls(cAt);
    }
    if (perEntry && e > 0) {
      m.alloc(CostMeter.mul(CostMeter.pow2(q.vars()), 2 * CostMeter.ELEM));
    }
  }
}
