package org.besuzkml.proof.witness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.besuzkml.proof.compile.CompiledModel;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.Decomp;
import org.besuzkml.proof.gadget.DivConst;
import org.besuzkml.proof.gadget.DivTensor;
import org.besuzkml.proof.gadget.Gadget;
import org.besuzkml.proof.gadget.Lookup;
import org.besuzkml.proof.gadget.MaxSelect;
import org.besuzkml.proof.gadget.Requant;
import org.besuzkml.proof.gadget.TensorKind;
import org.besuzkml.proof.gadget.ZeroBit;

/**
 * Evaluates every relation of the circuit exactly over the integers on a witness: deterministic
 * gadgets by recomputation, advice gadgets by their defining identity and the ranges their lookups
 * enforce, constants against the committed values (the vk), public outputs against the stated
 * ones. An honest witness has no failure; each failure names the gadget and the first bad entry.
 */
public final class WitnessChecker {
  private WitnessChecker() {}

  /** One violated relation. */
  public record Failure(int gadget, String kind, String message) {
    @Override
    public String toString() {
      return "gadget " + gadget + " (" + kind + "): " + message;
    }
  }

  /** All failures (empty when every relation holds). */
  public static List<Failure> check(CompiledModel m, Witness w) {
    Circuit c = m.circuit();
    List<Failure> out = new ArrayList<>();
    for (Map.Entry<Integer, long[]> e : m.constants().entrySet()) {
      if (!Arrays.equals(e.getValue(), w.get(e.getKey()))) {
        out.add(new Failure(-1, "Constant",
            c.tensor(e.getKey()).name() + " differs from the committed constant"));
      }
    }
    long[][] tables = WitnessBuilder.tableValues(m);
    for (int i = 0; i < c.gadgets().size(); i++) {
      Gadget g = c.gadgets().get(i);
      String why;
      try {
        why = relation(g, w, c, tables);
      } catch (ArithmeticException | IllegalStateException e) {
        why = "cannot evaluate: " + e.getMessage();
      }
      if (why != null) {
        out.add(new Failure(i, g.kind(), why));
      }
    }
    return out;
  }

  static String relation(Gadget g, Witness w, Circuit c, long[][] tables) {
    if (g instanceof Requant r) {
      long[] acc = w.get(r.acc());
      long[] q = w.get(r.q());
      long[] rem = w.get(r.r());
      long half = 1L << (r.k() - 1);
      for (int i = 0; i < acc.length; i++) {
        if (Math.addExact(acc[i], half)
            != Math.addExact(Math.multiplyExact(q[i], 1L << r.k()), rem[i])) {
          return "acc + 2^(k-1) != 2^k q + r at " + i;
        }
      }
      return null;
    }
    if (g instanceof Decomp d) {
      return decomp(d, w);
    }
    if (g instanceof DivConst d) {
      long[] a = w.get(d.a());
      return division(a, i -> d.c().length == 1 ? d.c()[0] : d.c()[i], w.get(d.q()),
          w.get(d.r()), w.get(d.rPrime()));
    }
    if (g instanceof DivTensor d) {
      long[] dv = w.get(d.d());
      return division(w.get(d.a()), i -> dv[i], w.get(d.q()), w.get(d.r()),
          w.get(d.rPrime()));
    }
    if (g instanceof MaxSelect ms) {
      int[] us = c.tensor(ms.u()).shape();
      int taps = us[us.length - 1];
      long[] s = w.get(ms.sigma());
      for (int row = 0; row < s.length / taps; row++) {
        long sum = 0;
        for (int t = 0; t < taps; t++) {
          long v = s[row * taps + t];
          if (v != 0 && v != 1) {
            return "selector bit " + v + " not in R_1 at " + (row * taps + t);
          }
          sum += v;
        }
        if (sum != 1) {
          return "row " + row + " selects " + sum + " taps";
        }
      }
      return null;
    }
    if (g instanceof Lookup l) {
      long[] idx = w.get(l.idx());
      long[] y = w.get(l.y());
      long[] t = tables[l.table()];
      for (int i = 0; i < idx.length; i++) {
        if (idx[i] < 0 || idx[i] >= t.length) {
          return "index " + idx[i] + " outside the table at " + i;
        }
        if (y[i] != t[(int) idx[i]]) {
          return "(" + idx[i] + ", " + y[i] + ") not in the table at " + i;
        }
      }
      return null;
    }
    if (g instanceof ZeroBit z) {
      for (long v : w.get(z.zeta())) {
        if (v != 0 && v != 1) {
          return "zero bit " + v + " not in R_1";
        }
      }
      return null;
    }
    long[] expect = GadgetEvaluator.deterministic(g, w, c);
    long[] got = w.get(g.outputs()[0]);
    for (int i = 0; i < expect.length; i++) {
      if (expect[i] != got[i]) {
        return "output " + c.tensor(g.outputs()[0]).name() + "[" + i + "] = " + got[i]
            + ", relation gives " + expect[i];
      }
      if (g instanceof org.besuzkml.proof.gadget.Poly p && p.zeroCheck() && got[i] != 0) {
        return "zero-check output nonzero at " + i;
      }
    }
    return null;
  }

  private interface Divisor {
    long at(int i);
  }

  private static String division(long[] a, Divisor c, long[] q, long[] r, long[] rp) {
    for (int i = 0; i < a.length; i++) {
      long ci = c.at(i);
      long lhs = Math.addExact(Math.multiplyExact(2, a[i]), ci);
      long rhs = Math.addExact(Math.multiplyExact(Math.multiplyExact(2, ci), q[i]), r[i]);
      if (lhs != rhs) {
        return "2a + c != 2c q + r at " + i;
      }
      if (rp[i] != 2 * ci - 1 - r[i]) {
        return "r' != 2c - 1 - r at " + i;
      }
    }
    return null;
  }

  private static String decomp(Decomp d, Witness w) {
    long[] x = w.get(d.x());
    int n = d.limbs().length;
    long off = d.signed() ? 1L << (d.bits() - 1) : 0;
    long[] sign = d.sign() >= 0 ? w.get(d.sign()) : null;
    for (int i = 0; i < x.length; i++) {
      long u = 0;
      for (int j = 0; j < n; j++) {
        long l = w.get(d.limbs()[j])[i];
        int b = d.limbBits(j);
        if (l < 0 || (b < 63 && l >= 1L << b)) {
          return "limb " + j + " = " + l + " not in R_" + b + " at " + i;
        }
        u = Math.addExact(u, Math.multiplyExact(l, 1L << (d.width() * j)));
      }
      if (Math.addExact(Math.subtractExact(u, off), d.offset()) != x[i]) {
        return "limbs of " + w.circuit().tensor(d.x()).name() + " do not recompose at " + i;
      }
      if (sign != null) {
        int topBits = d.limbBits(n - 1);
        long top = w.get(d.limbs()[n - 1])[i];
        long msb = (top >> (topBits - 1)) & 1;
        if (sign[i] != msb || (sign[i] != 0 && sign[i] != 1)) {
          return "(top limb, sign) = (" + top + ", " + sign[i] + ") not in MSB_" + topBits
              + " at " + i;
        }
        if (!d.signed()) {
          return "sign of an unsigned decomposition";
        }
      }
    }
    return null;
  }

  /** Public-output check: the witness's output tensors equal the stated outputs. */
  public static List<Failure> checkOutputs(Circuit c, Witness w, List<long[]> outputs) {
    List<Failure> out = new ArrayList<>();
    for (int i = 0; i < c.outputs().length; i++) {
      if (!Arrays.equals(w.get(c.outputs()[i]), outputs.get(i))) {
        out.add(new Failure(-1, "Output", "output " + i + " differs from the stated value"));
      }
    }
    for (int i = 0; i < c.inputs().length; i++) {
      if (c.tensor(c.inputs()[i]).kind() != TensorKind.PUBLIC_INPUT) {
        out.add(new Failure(-1, "Input", "input " + i + " is not public"));
      }
    }
    return out;
  }
}
