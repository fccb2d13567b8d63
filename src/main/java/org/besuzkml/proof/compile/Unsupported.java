package org.besuzkml.proof.compile;

import org.besuzkml.model.Node;

/**
 * Static checks, made before any lowering is attempted, for engine ops (or op variants) that
 * version 1 does not prove: the compiler rejects them with a clear reason instead of letting the
 * movement probe run an op that computes (or that fails on marker inputs, such as a Gather whose
 * indices are markers).
 */
final class Unsupported {
  private Unsupported() {}

  /**
   * True when a one-operand Einsum with an explicit output only permutes or takes diagonals: every
   * input label appears in the output, so nothing is summed. Two operands always multiply; an
   * implicit output sums repeated labels.
   */
  static boolean einsumIsMovement(Node n) {
    if (n.inputs().size() != 1) {
      return false;
    }
    String eq = n.attrs().getString("equation", "").replace(" ", "");
    int arrow = eq.indexOf("->");
    if (arrow < 0) {
      return false;
    }
    String lhs = eq.substring(0, arrow).replace("...", "");
    String rhs = eq.substring(arrow + 2);
    for (int i = 0; i < lhs.length(); i++) {
      if (rhs.indexOf(lhs.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when the engine's Cast is the identity on the integer value: to a float type (the value
   * keeps its scale), or to an integer type from scale 0 (nothing to truncate). A cast to bool, or
   * to an integer type from a fractional scale, computes.
   */
  static boolean castIsIdentity(Node n, int inputScale) {
    int to = (int) n.attrs().getInt("to", 1);
    return switch (to) {
      case 1, 10, 11, 16 -> true;
      case 2, 3, 4, 5, 6, 7, 12, 13 -> inputScale == 0;
      default -> false;
    };
  }
}
