package org.besuzkml.proof.witness;

import org.besuzkml.proof.gadget.Alias;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.Contract;
import org.besuzkml.proof.gadget.Conv;
import org.besuzkml.proof.gadget.Decomp;
import org.besuzkml.proof.gadget.DivConst;
import org.besuzkml.proof.gadget.DivTensor;
import org.besuzkml.proof.gadget.Gadget;
import org.besuzkml.proof.gadget.Lin;
import org.besuzkml.proof.gadget.Lookup;
import org.besuzkml.proof.gadget.MaxSelect;
import org.besuzkml.proof.gadget.Poly;
import org.besuzkml.proof.gadget.ReduceSum;
import org.besuzkml.proof.gadget.Requant;
import org.besuzkml.proof.gadget.Wire;
import org.besuzkml.proof.gadget.ZeroBit;

/**
 * The honest prover's computation of each gadget's outputs from its inputs: deterministic outputs
 * (Lin, Poly, Contract, ...) and advice (limbs, signs, remainders, quotients, selector bits, table
 * outputs). Exact integer arithmetic; an overflow throws. {@link WitnessChecker} reuses the
 * deterministic parts as the relation for those gadgets.
 */
public final class GadgetEvaluator {
  private GadgetEvaluator() {}

  /** Computes and stores the outputs of g. */
  static void evaluate(Gadget g, Witness w, Circuit c, long[][] tableValues) {
    if (g instanceof Requant r) {
      requant(r, w);
    } else if (g instanceof Decomp d) {
      decomp(d, w);
    } else if (g instanceof DivConst d) {
      divConst(d, w);
    } else if (g instanceof DivTensor d) {
      divTensor(d, w);
    } else if (g instanceof MaxSelect m) {
      maxSelect(m, w, c);
    } else if (g instanceof ZeroBit z) {
      long[] d = w.get(z.d());
      long[] zeta = new long[d.length];
      for (int i = 0; i < d.length; i++) {
        zeta[i] = d[i] == 0 ? 1 : 0;
      }
      w.set(z.zeta(), zeta);
    } else if (g instanceof Lookup l) {
      long[] idx = w.get(l.idx());
      long[] t = tableValues[l.table()];
      long[] y = new long[idx.length];
      for (int i = 0; i < y.length; i++) {
        y[i] = idx[i] >= 0 && idx[i] < t.length ? t[(int) idx[i]] : 0;
      }
      w.set(l.y(), y);
    } else {
      w.set(g.outputs()[0], deterministic(g, w, c));
    }
  }

  /** The output of a deterministic gadget (Alias, Wire, Lin, Poly, ReduceSum, Contract, Conv). */
  static long[] deterministic(Gadget g, Witness w, Circuit c) {
    if (g instanceof Alias a) {
      return w.get(a.x()).clone();
    } else if (g instanceof Wire wi) {
      return wire(wi, w, c);
    } else if (g instanceof Lin l) {
      return lin(l, w, c);
    } else if (g instanceof Poly p) {
      return poly(p, w, c);
    } else if (g instanceof ReduceSum r) {
      return reduceSum(r, w, c);
    } else if (g instanceof Contract k) {
      return contract(k, w, c);
    } else if (g instanceof Conv v) {
      return conv(v, w, c);
    }
    throw new IllegalArgumentException(g.kind() + " is not deterministic");
  }

  private static long[] wire(Wire g, Witness w, Circuit c) {
    long[] y = new long[g.srcInput().length];
    for (int i = 0; i < y.length; i++) {
      y[i] = g.srcInput()[i] < 0 ? g.constant()[i] : w.get(g.xs()[g.srcInput()[i]])[g.srcIndex()[i]];
    }
    return y;
  }

  private static long[] lin(Lin g, Witness w, Circuit c) {
    int[] ys = c.tensor(g.y()).shape();
    long[] y = new long[(int) c.tensor(g.y()).size()];
    java.util.Arrays.fill(y, g.c0());
    for (int j = 0; j < g.xs().length; j++) {
      int[] idx = Broadcast.index(ys, c.tensor(g.xs()[j]).shape());
      long[] x = w.get(g.xs()[j]);
      long cj = g.coeffs()[j];
      for (int i = 0; i < y.length; i++) {
        y[i] = Math.addExact(y[i], Math.multiplyExact(cj, x[idx[i]]));
      }
    }
    return y;
  }

  private static long[] poly(Poly g, Witness w, Circuit c) {
    int[] ys = c.tensor(g.y()).shape();
    int n = (int) c.tensor(g.y()).size();
    int[][] idx = new int[g.xs().length][];
    long[][] xs = new long[g.xs().length][];
    for (int j = 0; j < idx.length; j++) {
      idx[j] = Broadcast.index(ys, c.tensor(g.xs()[j]).shape());
      xs[j] = w.get(g.xs()[j]);
    }
    long[] y = new long[n];
    for (int i = 0; i < n; i++) {
      long acc = 0;
      for (int t = 0; t < g.coeffs().length; t++) {
        long m = g.coeffs()[t];
        for (int j : g.monomials()[t]) {
          m = Math.multiplyExact(m, xs[j][idx[j][i]]);
        }
        acc = Math.addExact(acc, m);
      }
      y[i] = acc;
    }
    return y;
  }

  private static long[] reduceSum(ReduceSum g, Witness w, Circuit c) {
    int[] xs = c.tensor(g.x()).shape();
    int[] ys = c.tensor(g.y()).shape();
    int[] idx = Broadcast.index(xs, ys);
    long[] x = w.get(g.x());
    long[] y = new long[(int) c.tensor(g.y()).size()];
    for (int i = 0; i < x.length; i++) {
      y[idx[i]] = Math.addExact(y[idx[i]], x[i]);
    }
    return y;
  }

  private static long[] contract(Contract g, Witness w, Circuit c) {
    int[] as = c.tensor(g.a()).shape();
    int[] bs = c.tensor(g.b()).shape();
    int[] ys = c.tensor(g.y()).shape();
    int r = ys.length;
    int m = as[r - 2];
    int k = as[r - 1];
    int n = bs[r - 1];
    int batch = (int) (c.tensor(g.y()).size() / ((long) m * n));
    int[] bShape = java.util.Arrays.copyOf(ys, r - 2);
    int[] ia = Broadcast.index(bShape, java.util.Arrays.copyOf(as, r - 2));
    int[] ib = Broadcast.index(bShape, java.util.Arrays.copyOf(bs, r - 2));
    long[] a = w.get(g.a());
    long[] b = w.get(g.b());
    long[] y = new long[batch * m * n];
    for (int t = 0; t < batch; t++) {
      int ao = ia[t] * m * k;
      int bo = ib[t] * k * n;
      int yo = t * m * n;
      for (int i = 0; i < m; i++) {
        for (int p = 0; p < k; p++) {
          long av = a[ao + i * k + p];
          if (av == 0) {
            continue;
          }
          for (int j = 0; j < n; j++) {
            y[yo + i * n + j] = Math.addExact(y[yo + i * n + j],
                Math.multiplyExact(av, b[bo + p * n + j]));
          }
        }
      }
    }
    return y;
  }

  private static long[] conv(Conv g, Witness w, Circuit c) {
    int[] xs = c.tensor(g.x()).shape();
    int[] ws = c.tensor(g.w()).shape();
    int cin = xs[1];
    int cout = ws[0];
    int ih = g.in()[0];
    int iw = g.in()[1];
    int kh = g.kernel()[0];
    int kw = g.kernel()[1];
    int oh = g.out()[0];
    int ow = g.out()[1];
    int cpg = cin / g.groups();
    int opg = cout / g.groups();
    long[] x = w.get(g.x());
    long[] wt = w.get(g.w());
    long[] y = new long[cout * oh * ow];
    int o = 0;
    for (int oc = 0; oc < cout; oc++) {
      int grp = oc / opg;
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++, o++) {
          long acc = 0;
          for (int ch = 0; ch < cpg; ch++) {
            int xc = (grp * cpg + ch) * ih;
            int wc = (oc * cpg + ch) * kh;
            for (int ky = 0; ky < kh; ky++) {
              int yy = oy * g.strides()[0] - g.padBegin()[0] + ky * g.dilations()[0];
              if (yy < 0 || yy >= ih) {
                continue;
              }
              for (int kx = 0; kx < kw; kx++) {
                int xx = ox * g.strides()[1] - g.padBegin()[1] + kx * g.dilations()[1];
                if (xx < 0 || xx >= iw) {
                  continue;
                }
                acc = Math.addExact(acc,
                    Math.multiplyExact(x[(xc + yy) * iw + xx], wt[(wc + ky) * kw + kx]));
              }
            }
          }
          y[o] = acc;
        }
      }
    }
    return y;
  }

  private static void requant(Requant g, Witness w) {
    long[] acc = w.get(g.acc());
    long[] q = new long[acc.length];
    long[] r = new long[acc.length];
    long half = 1L << (g.k() - 1);
    for (int i = 0; i < acc.length; i++) {
      long u = Math.addExact(acc[i], half);
      q[i] = u >> g.k();
      r[i] = u - (q[i] << g.k());
    }
    w.set(g.q(), q);
    w.set(g.r(), r);
  }

  private static void decomp(Decomp g, Witness w) {
    long[] x = w.get(g.x());
    int n = g.limbs().length;
    long[][] limbs = new long[n][x.length];
    long[] sign = g.sign() >= 0 ? new long[x.length] : null;
    long off = g.signed() ? 1L << (g.bits() - 1) : 0;
    for (int i = 0; i < x.length; i++) {
      long v = x[i] - g.offset();
      long u = v + off;
      for (int j = 0; j < n; j++) {
        int b = g.limbBits(j);
        long mask = b >= 63 ? -1L >>> 1 : (1L << b) - 1;
        limbs[j][i] = (u >> (g.width() * j)) & mask;
      }
      if (sign != null) {
        sign[i] = v >= 0 ? 1 : 0;
      }
    }
    for (int j = 0; j < n; j++) {
      if (g.limbs()[j] != g.sign()) {
        w.set(g.limbs()[j], limbs[j]);
      }
    }
    if (sign != null) {
      w.set(g.sign(), sign);
    }
  }

  private static void divConst(DivConst g, Witness w) {
    long[] a = w.get(g.a());
    long[] q = new long[a.length];
    long[] r = new long[a.length];
    long[] rp = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      long c = g.c().length == 1 ? g.c()[0] : g.c()[i];
      long num = Math.addExact(Math.multiplyExact(2, a[i]), c);
      q[i] = Math.floorDiv(num, 2 * c);
      r[i] = num - 2 * c * q[i];
      rp[i] = 2 * c - 1 - r[i];
    }
    w.set(g.q(), q);
    w.set(g.r(), r);
    w.set(g.rPrime(), rp);
  }

  private static void divTensor(DivTensor g, Witness w) {
    long[] a = w.get(g.a());
    long[] d = w.get(g.d());
    long[] q = new long[a.length];
    long[] r = new long[a.length];
    long[] rp = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      long c = d[i];
      if (c <= 0) {
        throw new ArithmeticException("divisor " + c + " < 1 at " + i);
      }
      long num = Math.addExact(Math.multiplyExact(2, a[i]), c);
      q[i] = Math.floorDiv(num, Math.multiplyExact(2, c));
      r[i] = num - 2 * c * q[i];
      rp[i] = 2 * c - 1 - r[i];
    }
    w.set(g.q(), q);
    w.set(g.r(), r);
    w.set(g.rPrime(), rp);
  }

  private static void maxSelect(MaxSelect g, Witness w, Circuit c) {
    int[] us = c.tensor(g.u()).shape();
    int taps = us[us.length - 1];
    long[] u = w.get(g.u());
    long[] s = new long[u.length];
    for (int row = 0; row < u.length / taps; row++) {
      int best = row * taps;
      for (int t = 1; t < taps; t++) {
        if (u[row * taps + t] > u[best]) {
          best = row * taps + t;
        }
      }
      s[best] = 1;
    }
    w.set(g.sigma(), s);
  }
}
