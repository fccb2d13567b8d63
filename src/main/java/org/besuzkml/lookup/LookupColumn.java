package org.besuzkml.lookup;

import org.besuzkml.field.Fr;
import org.besuzkml.poly.Multilinear;

/**
 * The prover's view of one looked-up column: its padded table of {@code 2^m} values (Montgomery Fr)
 * and how to state its value at a point in the leaves message (default: its MLE, one element,
 * matching {@link ColumnEncoding#PLAIN}). A column with another encoding supplies a {@link Stater}
 * producing the encoding's elements (e.g. the limb MLE values of a limb-backed tensor).
 */
public final class LookupColumn {
  /** Produces the stated elements of a column at a point (m coordinates, flat). */
  @FunctionalInterface
  public interface Stater {
    long[] state(long[] point, int numVars);
  }

  private final long[] values;
  private final Stater stater;

  private LookupColumn(long[] values, Stater stater) {
    this.values = values;
    this.stater = stater;
  }

  /** From Montgomery Fr values (2^m elements, padded layout; not copied, must not change). */
  public static LookupColumn ofFr(long[] montgomery) {
    return new LookupColumn(montgomery, null);
  }

  /** From signed integers in padded layout (2^m entries, embedded as v mod p). */
  public static LookupColumn ofLongs(long[] padded) {
    long[] v = new long[padded.length * Fr.LIMBS];
    for (int i = 0; i < padded.length; i++) {
      Fr.fromLong(v, i * Fr.LIMBS, padded[i]);
    }
    return new LookupColumn(v, null);
  }

  /** The same values stated by another encoding's stater. */
  public LookupColumn withStater(Stater s) {
    return new LookupColumn(values, s);
  }

  /** The padded values (Montgomery). */
  public long[] values() {
    return values;
  }

  /** Number of elements (2^m). */
  public int size() {
    return values.length / Fr.LIMBS;
  }

  /** The stated elements at point. */
  long[] state(long[] point, int numVars) {
    if (stater != null) {
      return stater.state(point, numVars);
    }
    long[] out = new long[Fr.LIMBS];
    Multilinear.evaluate(out, 0, values, 0, numVars, point, 0);
    return out;
  }

  /** Returned by {@link #smallValue} for an entry that is not a small signed integer. */
  static final long NOT_SMALL = Long.MIN_VALUE;

  /**
   * Entry i as a signed long if it embeds an integer of magnitude below 2^62 (v mod p), else
   * NOT_SMALL: table rows are such integers, so anything else matches no row.
   */
  long smallValue(int i, long[] scratch) {
    Fr.fromMontgomery(scratch, 0, values, i * Fr.LIMBS);
    if (scratch[1] == 0 && scratch[2] == 0 && scratch[3] == 0 && scratch[0] >= 0 && scratch[0] < 1L << 62) {
      return scratch[0];
    }
    Fr.neg(scratch, 0, values, i * Fr.LIMBS);
    Fr.fromMontgomery(scratch, 0, scratch, 0);
    if (scratch[1] == 0 && scratch[2] == 0 && scratch[3] == 0 && scratch[0] > 0 && scratch[0] < 1L << 62) {
      return -scratch[0];
    }
    return NOT_SMALL;
  }
}
