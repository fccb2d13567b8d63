package org.besuzkml.codec;

import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.Contract;
import org.besuzkml.proof.gadget.Decomp;
import org.besuzkml.proof.gadget.Gadget;
import org.besuzkml.proof.gadget.Lin;
import org.besuzkml.proof.gadget.Lookup;
import org.besuzkml.proof.gadget.Poly;
import org.besuzkml.proof.gadget.Requant;
import org.besuzkml.proof.gadget.TensorInfo;
import org.besuzkml.proof.gadget.TensorKind;
import org.besuzkml.proof.gadget.Wire;

/**
 * Structural checks of a decoded gadget list, so that the verifier's walk only meets well-formed
 * parameters: every tensor id in range, each non-input tensor defined by exactly one gadget and
 * read only after, public tensors of the right kind, per-kind parameter shapes.
 */
final class CircuitCheck {
  private CircuitCheck() {}

  /** Null if the circuit is well formed, else the reason. */
  static String check(Circuit c) {
    int n = c.tensors().size();
    boolean[] defined = new boolean[n];
    for (TensorInfo t : c.tensors()) {
      if (t.kind() == TensorKind.PUBLIC_INPUT || t.kind() == TensorKind.CONSTANT) {
        defined[t.id()] = true;
      }
    }
    for (int i : c.inputs()) {
      if (i < 0 || i >= n || c.tensor(i).kind() != TensorKind.PUBLIC_INPUT) {
        return "public input " + i + " is not a PUBLIC_INPUT tensor";
      }
    }
    for (int gi = 0; gi < c.gadgets().size(); gi++) {
      Gadget g = c.gadgets().get(gi);
      String where = "gadget " + gi + " (" + g.kind() + ")";
      for (int t : g.inputs()) {
        if (t < 0 || t >= n) {
          return where + " reads tensor " + t + " out of range";
        }
        if (!defined[t]) {
          return where + " reads tensor " + t + " before it is defined";
        }
      }
      int[] outs = g.outputs();
      for (int oi = 0; oi < outs.length; oi++) {
        int t = outs[oi];
        boolean repeat = false;
        for (int pj = 0; pj < oi; pj++) {
          repeat |= outs[pj] == t;
        }
        if (repeat) {
          continue; // a 1-bit top limb is the sign column itself
        }
        if (t < 0 || t >= n) {
          return where + " defines tensor " + t + " out of range";
        }
        boolean backs = g instanceof Decomp d && d.define() && d.x() == t;
        if (defined[t] && !backs) {
          return where + " redefines tensor " + t;
        }
        defined[t] = true;
      }
      String bad = kindCheck(c, g);
      if (bad != null) {
        return where + ": " + bad;
      }
    }
    for (int o : c.outputs()) {
      if (o < 0 || o >= n || !defined[o] || c.tensor(o).kind() == TensorKind.CONSTANT) {
        return "public output " + o + " is not a computed tensor";
      }
    }
    return null;
  }

  private static String kindCheck(Circuit c, Gadget g) {
    if (g instanceof Decomp d) {
      if (d.bits() < 1 || d.bits() > 64 || d.width() != c.limbWidth()
          || d.limbs().length != Decomp.limbCount(d.bits(), d.width())) {
        return "limb shape";
      }
      if (d.define() && c.tensor(d.x()).kind() != TensorKind.COMMITTED) {
        return "a defining Decomp must back a committed tensor";
      }
      for (int l : d.limbs()) {
        if (c.tensor(l).kind() != TensorKind.COMMITTED || c.tensor(l).size() != c.tensor(d.x()).size()) {
          return "limb column shape";
        }
      }
    } else if (g instanceof Requant q) {
      if (q.k() < 1 || q.k() > 30) {
        return "shift " + q.k();
      }
    } else if (g instanceof Poly p) {
      if (p.coeffs().length != p.monomials().length || p.degree() > Poly.MAX_DEGREE) {
        return "polynomial shape";
      }
      for (int[] m : p.monomials()) {
        for (int j : m) {
          if (j < 0 || j >= p.xs().length) {
            return "monomial index";
          }
        }
      }
      String b = sameRank(c, p.y(), p.xs());
      if (b != null) {
        return b;
      }
    } else if (g instanceof Lin l) {
      if (l.coeffs().length != l.xs().length) {
        return "coefficient count";
      }
      String b = sameRank(c, l.y(), l.xs());
      if (b != null) {
        return b;
      }
    } else if (g instanceof Contract k) {
      int r = c.tensor(k.y()).rank();
      if (r < 2 || c.tensor(k.a()).rank() != r || c.tensor(k.b()).rank() != r) {
        return "ranks";
      }
    } else if (g instanceof Lookup l) {
      if (l.table() < 0 || l.table() >= c.tables().size()) {
        return "table index";
      }
    } else if (g instanceof Wire w) {
      long size = c.tensor(w.y()).size();
      if (w.srcInput().length != size || w.srcIndex().length != size || w.constant().length != size) {
        return "map length";
      }
      for (int i = 0; i < size; i++) {
        int s = w.srcInput()[i];
        if (s < -1 || s >= w.xs().length
            || (s >= 0 && (w.srcIndex()[i] < 0 || w.srcIndex()[i] >= c.tensor(w.xs()[s]).size()))) {
          return "map entry " + i;
        }
      }
    }
    return null;
  }

  /** Inputs have the output's rank and each dimension equal or 1. */
  private static String sameRank(Circuit c, int y, int[] xs) {
    TensorInfo ty = c.tensor(y);
    for (int x : xs) {
      TensorInfo tx = c.tensor(x);
      if (tx.rank() != ty.rank()) {
        return "input rank";
      }
      for (int d = 0; d < ty.rank(); d++) {
        if (tx.dim(d) != ty.dim(d) && tx.dim(d) != 1) {
          return "broadcast shape";
        }
      }
    }
    return null;
  }
}
