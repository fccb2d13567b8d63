package org.besuzkml.lookup;

import org.besuzkml.field.Fr;
import org.besuzkml.poly.Multilinear;

/**
 * A lookup instance {@code Lk = (T, X_1[, X_2])} as the verifier knows it (5.2): the table (by its
 * 0-based position in the layout's table list), the columns' common logical shape
 * {@code (n_1, ..., n_r)} (padded to {@code 2^m_d} per dimension, row-major, first variable = MSB,
 * 1.3) and how each column is stated in the leaves message. Real entries are those with every
 * coordinate below {@code n_d}; {@code sel~(z) = prod_d LT_{n_d}(z^(d))}.
 */
public final class LookupInstance {
  /** Most variables of one instance. */
  public static final int MAX_VARS = Multilinear.MAX_VARS;

  private final int table;
  private final int[] dims;
  private final int[] dimVars;
  private final int numVars;
  private final long real;
  private final ColumnEncoding[] encodings;

  private LookupInstance(int table, int[] dims, int[] dimVars, int numVars, long real, ColumnEncoding[] encodings) {
    this.table = table;
    this.dims = dims;
    this.dimVars = dimVars;
    this.numVars = numVars;
    this.real = real;
    this.encodings = encodings;
  }

  /**
   * An instance; null if the shape is invalid (rank 1..8, dims >= 1, at most MAX_VARS variables), or
   * encodings are not 1 or 2 non-null columns.
   */
  public static LookupInstance of(int table, int[] dims, ColumnEncoding... encodings) {
    if (table < 0 || dims == null || dims.length < 1 || dims.length > 8 || encodings == null
        || encodings.length < 1 || encodings.length > 2) {
      return null;
    }
    int[] vars = new int[dims.length];
    int m = 0;
    long n = 1;
    for (int d = 0; d < dims.length; d++) {
      if (dims[d] < 1 || dims[d] > 1 << MAX_VARS) {
        return null;
      }
      vars[d] = 32 - Integer.numberOfLeadingZeros(dims[d] - 1);
      m += vars[d];
      n *= dims[d];
      if (m > MAX_VARS) {
        return null;
      }
    }
    for (ColumnEncoding e : encodings) {
      if (e == null || e.statedCount() < 0 || e.statedCount() > ColumnEncoding.MAX_STATED) {
        return null;
      }
    }
    return new LookupInstance(table, dims.clone(), vars, m, n, encodings.clone());
  }

  /** One- or two-column instance of plain columns over a 1-D tensor of n real entries. */
  public static LookupInstance plain(int table, int n, int columns) {
    return columns == 2 ? of(table, new int[] {n}, ColumnEncoding.PLAIN, ColumnEncoding.PLAIN)
        : of(table, new int[] {n}, ColumnEncoding.PLAIN);
  }

  public int table() {
    return table;
  }

  /** m: variables of the padded layout. */
  public int numVars() {
    return numVars;
  }

  /** n: number of real entries (product of the logical dims). */
  public long realEntries() {
    return real;
  }

  /** 2^m - n: padded entries, each matching the padding row. */
  public long paddedEntries() {
    return (1L << numVars) - real;
  }

  public int columns() {
    return encodings.length;
  }

  public ColumnEncoding encoding(int column) {
    return encodings[column];
  }

  public int[] dims() {
    return dims.clone();
  }

  /** True when padded index i (0 <= i < 2^m) is a real entry. */
  public boolean isReal(int i) {
    int shift = numVars;
    for (int d = 0; d < dims.length; d++) {
      shift -= dimVars[d];
      int coord = (i >>> shift) & ((1 << dimVars[d]) - 1);
      if (coord >= dims[d]) {
        return false;
      }
    }
    return true;
  }

  /** out = sel~(z) = prod_d LT_{n_d}(z^(d)) for the m coordinates at z[off..]: O(m). */
  public void selEvaluate(long[] out, int outOff, long[] z, int off) {
    long[] acc = new long[Fr.LIMBS];
    long[] t = new long[Fr.LIMBS];
    Fr.setOne(acc, 0);
    int pos = off;
    for (int d = 0; d < dims.length; d++) {
      Multilinear.lessThanEvaluate(t, 0, z, pos, dimVars[d], dims[d]);
      Fr.mul(acc, 0, acc, 0, t, 0);
      pos += dimVars[d] * Fr.LIMBS;
    }
    Fr.copy(out, outOff, acc, 0);
  }
}
