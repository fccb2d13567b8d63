package org.besuzkml.lookup;

import java.util.List;

/**
 * Multiplicities (5.6): {@code M_T[j]} = the number of real entries of all instances into T equal
 * to row j. Padded entries are not counted (they match the padding row, whose count P_T the
 * verifier knows). Prover side.
 */
public final class Multiplicities {
  private Multiplicities() {}

  /**
   * Counts per table (2^b_T entries each, in layout table order). With strict, an entry that is no
   * row of its table throws IllegalArgumentException (an honest prover cannot prove it); otherwise
   * it is skipped (tests use this to build cheating proofs).
   *
   * @param columns per instance (layout order), its 1 or 2 columns
   */
  public static long[][] compute(LeafLayout layout, List<LookupColumn[]> columns, boolean strict) {
    List<LookupInstance> instances = layout.instances();
    if (columns.size() != instances.size()) {
      throw new IllegalArgumentException("one column set per instance");
    }
    long[][] m = new long[layout.tables().size()][];
    for (int t = 0; t < m.length; t++) {
      m[t] = new long[layout.tables().get(t).rows()];
    }
    long[] scratch = new long[4];
    for (int i = 0; i < instances.size(); i++) {
      LookupInstance lk = instances.get(i);
      Table table = layout.tables().get(lk.table());
      LookupColumn[] cols = columns.get(i);
      checkColumns(lk, cols);
      int n = 1 << lk.numVars();
      for (int e = 0; e < n; e++) {
        if (!lk.isReal(e)) {
          continue;
        }
        long x1 = cols[0].smallValue(e, scratch);
        long x2 = cols.length > 1 ? cols[1].smallValue(e, scratch) : 0;
        int row = x1 == LookupColumn.NOT_SMALL || x2 == LookupColumn.NOT_SMALL ? -1 : table.rowOf(x1, x2);
        if (row < 0) {
          if (strict) {
            throw new IllegalArgumentException("instance " + i + " entry " + e + " is not a row of " + table);
          }
          continue;
        }
        m[lk.table()][row]++;
      }
    }
    return m;
  }

  static void checkColumns(LookupInstance lk, LookupColumn[] cols) {
    if (cols == null || cols.length != lk.columns()) {
      throw new IllegalArgumentException("instance needs " + lk.columns() + " columns");
    }
    for (LookupColumn c : cols) {
      if (c == null || c.size() != 1 << lk.numVars()) {
        throw new IllegalArgumentException("column must have 2^" + lk.numVars() + " entries");
      }
    }
  }
}
