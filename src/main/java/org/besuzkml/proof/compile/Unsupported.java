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
