package org.besuzkml.lookup;

import org.besuzkml.field.Fr;

/**
 * How the value of one looked-up column at its segment point appears in the {@code "lu/leaves"}
 * message (5.5, 8): the prover states {@link #statedCount()} field elements and the verifier
 * recovers the column's MLE value from them. {@link #PLAIN} (one element, the value itself) is
 * the common case (committed or virtual columns); a limb-backed column states its limbs and
 * recomposes (6.1), a public column states nothing and the verifier evaluates it itself. The
 * encoding is fixed by the vk, so the message length is too.
 */
public interface ColumnEncoding {
  /** Most elements one column may state. */
  int MAX_STATED = 64;

  /** Number of elements stated for this column (0..MAX_STATED). */
  int statedCount();

  /**
   * out = the column's MLE at point (numVars coordinates at pointOff) from the stated elements.
   * Must not throw on any element values.
   */
  void value(long[] out, int outOff, long[] stated, int statedOff, long[] point, int pointOff, int numVars);

  /** One stated element: the value. */
  ColumnEncoding PLAIN = new ColumnEncoding() {
    @Override
    public int statedCount() {
      return 1;
    }

    @Override
    public void value(long[] out, int outOff, long[] stated, int statedOff, long[] point, int pointOff,
        int numVars) {
      Fr.copy(out, outOff, stated, statedOff);
    }

    @Override
    public String toString() {
      return "PLAIN";
    }
  };
}
