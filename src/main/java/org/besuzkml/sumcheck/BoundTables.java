package org.besuzkml.sumcheck;

import org.besuzkml.field.Fr;
import org.besuzkml.poly.Multilinear;

/** Table handling shared by the prover instances: binding the first variable, reading the ends. */
final class BoundTables {
  private BoundTables() {}

  /**
   * Fixes the first of {@code vars} variables of every table to r. The first binding writes into
   * fresh half-size tables so that the caller's tables are never modified; later ones work in place.
   */
  static void bindFirst(long[][] tables, boolean copied, int vars, long[] r, int rOff) {
    for (int j = 0; j < tables.length; j++) {
      if (!copied) {
        long[] dst = new long[Fr.LIMBS << (vars - 1)];
        Multilinear.fixFirstVariable(dst, 0, tables[j], 0, vars, r, rOff);
        tables[j] = dst;
      } else {
        Multilinear.fixFirstVariable(tables[j], 0, vars, r, rOff);
      }
    }
  }

  /** The single value left in each fully bound table, concatenated. */
  static long[] finalValues(long[][] tables, int vars) {
    if (vars != 0) {
      throw new IllegalStateException(vars + " variables still unbound");
    }
    long[] out = new long[tables.length * Fr.LIMBS];
    for (int j = 0; j < tables.length; j++) {
      Fr.copy(out, j * Fr.LIMBS, tables[j], 0);
    }
    return out;
  }
}
