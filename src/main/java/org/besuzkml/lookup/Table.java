package org.besuzkml.lookup;

import org.besuzkml.field.Fr;

/**
 * One lookup table of 5.1: {@code 2^b} rows {@code (in(j), out(j))}, {@code j in [0, 2^b)}, all
 * real ({@code sel = 1}).
 * <ul>
 *   <li>{@code R_b} (kind 1): rows {@code (j, 0)}; {@code in~(rho) = sum_t 2^(b-t) rho_t},
 *       {@code out~ = 0}.
 *   <li>{@code MSB_b} (kind 2): rows {@code (j, [j >= 2^(b-1)])}; {@code in~} as R_b,
 *       {@code out~(rho) = rho_1} (the top bit is the first variable).
 *   <li>{@code F} (kind 3): rows {@code (j, val_F[min(j, size_F - 1)])}; {@code in~} as R_b;
 *       {@code out~ = F_out~}, a committed model column (the verifier never evaluates it).
 * </ul>
 * The verifier evaluates in~ and the structured out~ in O(b). The table's tag {@code tau_T} is its
 * 1-based position in the layout's table list, not a property of the table.
 */
public final class Table {
  /** The vk's kind codes (12.3). */
  public enum Kind {
    RANGE(1), MSB(2), FUNCTION(3);

    public final int code;

    Kind(int code) {
      this.code = code;
    }
  }

  /** Most index bits of any table (5.1: tables of at most 2^16 rows). */
  public static final int MAX_BITS = 16;

  private static final int L = Fr.LIMBS;

  private final Kind kind;
  private final int bits;
  private final int size;
  private final long[] values;

  private Table(Kind kind, int bits, int size, long[] values) {
    this.kind = kind;
    this.bits = bits;
    this.size = size;
    this.values = values;
  }

  /** {@code R_b}; null if b is out of [1, MAX_BITS]. */
  public static Table range(int b) {
    return b >= 1 && b <= MAX_BITS ? new Table(Kind.RANGE, b, 1 << b, null) : null;
  }

  /** {@code MSB_b}; null if b is out of [1, MAX_BITS]. */
  public static Table msb(int b) {
    return b >= 1 && b <= MAX_BITS ? new Table(Kind.MSB, b, 1 << b, null) : null;
  }

  /** A function table as the verifier knows it (no values); null unless 1 <= size <= 2^b. */
  public static Table function(int b, int size) {
    return b >= 1 && b <= MAX_BITS && size >= 1 && size <= 1 << b ? new Table(Kind.FUNCTION, b, size, null) : null;
  }

  /** A function table with its values {@code val_F} (prover side); null if they do not fit 2^b rows. */
  public static Table function(int b, long[] values) {
    if (values == null || b < 1 || b > MAX_BITS || values.length < 1 || values.length > 1 << b) {
      return null;
    }
    return new Table(Kind.FUNCTION, b, values.length, values.clone());
  }

  public Kind kind() {
    return kind;
  }

  /** b: index bits; the table has 2^b rows. */
  public int bits() {
    return bits;
  }

  public int rows() {
    return 1 << bits;
  }

  /** size_F for a function table, 2^b otherwise. */
  public int size() {
    return size;
  }

  /** True for function tables, whose out column is a committed model column. */
  public boolean hasCommittedOutput() {
    return kind == Kind.FUNCTION;
  }

  /** True when lookups into this table have two columns (index, output). */
  public boolean hasOutput() {
    return kind != Kind.RANGE;
  }

  /** out(j) as an integer (prover side; a function table needs its values). */
  public long rowOut(int j) {
    switch (kind) {
      case RANGE:
        return 0;
      case MSB:
        return j >= 1 << (bits - 1) ? 1 : 0;
      default:
        if (values == null) {
          throw new IllegalStateException("function table without values");
        }
        return values[Math.min(j, size - 1)];
    }
  }

  /** The row matching the integer tuple (x1, x2), or -1 if none (x2 ignored for R_b). */
  public int rowOf(long x1, long x2) {
    if (x1 < 0 || x1 >= rows()) {
      return -1;
    }
    int j = (int) x1;
    return rowOut(j) == x2 ? j : -1;
  }

  /** The out column (2^b elements, Montgomery): F_out for a function table (prover side). */
  public long[] outColumn() {
    long[] out = new long[rows() * L];
    for (int j = 0; j < rows(); j++) {
      Fr.fromLong(out, j * L, rowOut(j));
    }
    return out;
  }

  /** out = in~(rho) = sum_t 2^(b-t) rho_t for the b coordinates at rho[off..]: O(b). */
  public void inEvaluate(long[] out, int outOff, long[] rho, int off) {
    long[] acc = new long[L];
    for (int t = 0; t < bits; t++) { // Horner: acc = 2 acc + rho_t
      Fr.dbl(acc, 0, acc, 0);
      Fr.add(acc, 0, acc, 0, rho, off + t * L);
    }
    Fr.copy(out, outOff, acc, 0);
  }

  /** out = out~(rho) for a structured table (0 for R_b, rho_1 for MSB_b); false for a function table. */
  public boolean outEvaluate(long[] out, int outOff, long[] rho, int off) {
    switch (kind) {
      case RANGE:
        Fr.setZero(out, outOff);
        return true;
      case MSB:
        Fr.copy(out, outOff, rho, off);
        return true;
      default:
        return false;
    }
  }

  @Override
  public String toString() {
    return kind == Kind.FUNCTION ? "F(b=" + bits + ", size=" + size + ")" : kind + "_" + bits;
  }
}
