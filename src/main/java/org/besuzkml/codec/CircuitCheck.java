package org.besuzkml.codec;

import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.Decomp;
import org.besuzkml.proof.gadget.Gadget;
import org.besuzkml.proof.gadget.TensorInfo;
import org.besuzkml.proof.gadget.TensorKind;

/**
 * Structural checks of a decoded gadget list: every tensor id in range, each tensor that is not a
 * public input or a constant defined by exactly one gadget and read only after (a Decomp define
 * backs a tensor its producer defined), public inputs distinct and all listed, public outputs
 * distinct and computed. Then {@link CircuitInvariants}: the premises of the soundness argument.
 */
final class CircuitCheck {
  private CircuitCheck() {}

  /** Null if the circuit is well formed, else the reason. */
  static String check(Circuit c) {
    return check(c, false);
  }

  /** As {@link #check(Circuit)}; {@code zk}: a graph input may be committed (a private input). */
  static String check(Circuit c, boolean zk) {
    int n = c.tensors().size();
    boolean[] defined = new boolean[n];
    for (TensorInfo t : c.tensors()) {
      if (t.kind() == TensorKind.PUBLIC_INPUT || t.kind() == TensorKind.CONSTANT) {
        defined[t.id()] = true;
      }
    }
    if (zk) {
      // a committed input (zk-design 4.7) is defined by the statement's C_x: its column exists before
      // any gadget, and only its Decomp check Act reads it first; a private one waits for its define
      boolean[] checked = new boolean[n];
      boolean[] backed = new boolean[n];
      for (var g : c.gadgets()) {
        if (g instanceof org.besuzkml.proof.gadget.Decomp d && d.x() >= 0 && d.x() < n) {
          (d.define() ? backed : checked)[d.x()] = true;
        }
      }
      for (int i : c.inputs()) {
        if (i >= 0 && i < n && c.tensor(i).kind() == TensorKind.COMMITTED && checked[i] && !backed[i]) {
          defined[i] = true;
        }
      }
    }
    boolean[] listed = new boolean[n];
    for (int i : c.inputs()) {
      if (i < 0 || i >= n || (c.tensor(i).kind() != TensorKind.PUBLIC_INPUT
          && !(zk && c.tensor(i).kind() == TensorKind.COMMITTED))) {
        return "public input " + i + " is not a PUBLIC_INPUT tensor";
      }
      if (listed[i]) {
        return "public input " + i + " is listed twice";
      }
      listed[i] = true;
    }
    for (TensorInfo t : c.tensors()) {
      if (t.kind() == TensorKind.PUBLIC_INPUT && !listed[t.id()]) {
        return "tensor " + t.id() + " is a public input the statement does not list";
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
    }
    boolean[] out = new boolean[n];
    for (int o : c.outputs()) {
      if (o < 0 || o >= n || !defined[o] || c.tensor(o).kind() == TensorKind.CONSTANT) {
        return "public output " + o + " is not a computed tensor";
      }
      if (out[o]) {
        return "public output " + o + " is listed twice";
      }
      out[o] = true;
    }
    return CircuitInvariants.check(c, zk);
  }
}
