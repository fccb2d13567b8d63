package org.besuzkml.proof.witness;

import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.LookupPlan;

/**
 * Multiplicities of 5.6: {@code M_T[j]} = number of real entries of all instances into table T
 * that equal row j (the row is identified by the first column: the value for range and MSB tables,
 * the index for function tables). An entry outside every row makes the witness unprovable; {@link
 * #of} reports it.
 */
public final class LookupCounts {
  private LookupCounts() {}

  /** Counts per table (in plan order); throws when an entry is not a row of its table. */
  public static long[][] of(LookupPlan plan, Witness w) {
    Circuit c = w.circuit();
    long[][] m = new long[plan.tables().size()][];
    for (int t = 0; t < m.length; t++) {
      m[t] = new long[plan.tables().get(t).rows()];
    }
    for (LookupPlan.Instance in : plan.instances()) {
      LookupPlan.Table t = plan.tables().get(in.table());
      long[] x = w.get(in.column1());
      long[] y = in.column2() >= 0 ? w.get(in.column2()) : null;
      for (int i = 0; i < x.length; i++) {
        long v = x[i];
        if (v < 0 || v >= t.rows()) {
          throw new IllegalStateException("entry " + v + " of " + c.tensor(in.column1()).name()
              + " is not a row of " + t.kind() + "_" + t.bits());
        }
        if (t.kind() == LookupPlan.Kind.MSB && y[i] != (v >> (t.bits() - 1))) {
          throw new IllegalStateException("(" + v + ", " + y[i] + ") is not a row of MSB_" + t.bits());
        }
        m[in.table()][(int) v]++;
      }
    }
    return m;
  }
}
