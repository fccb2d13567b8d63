package org.besuzkml.sumcheck;

import org.besuzkml.field.Fr;

/**
 * A small polynomial {@code Q(v_1, ..., v_a)} over Fr combining factor values pointwise: the g of a
 * sumcheck is {@code Q(A_1(x), ..., A_a(x))}. Implementations must be allocation-free in
 * {@link #evaluate} (the prover calls it once per table entry and evaluation point) and usable by
 * the verifier on the stated final values.
 */
public interface Composition {
  /** Number of inputs a. */
  int arity();

  /** Total degree of Q (bounds the degree of g in each variable, for multilinear inputs). */
  int degree();

  /** Scratch elements {@link #evaluate} needs (callers allocate them once per thread). */
  default int scratchElements() {
    return 0;
  }

  /**
   * out = Q(v[vOff], v[vOff + 4], ...); out may not alias v; scratch holds at least
   * {@link #scratchElements()} elements (4 longs each) that Q may overwrite.
   */
  void evaluate(long[] out, int outOff, long[] v, int vOff, long[] scratch);

  /** As above with fresh scratch: for one-off (verifier) evaluations. */
  default void evaluate(long[] out, int outOff, long[] v, int vOff) {
    evaluate(out, outOff, v, vOff, new long[scratchElements() * Fr.LIMBS]);
  }

  /** {@code Q = v_1 v_2 ... v_a}. */
  static Composition product(int arity) {
    if (arity < 1 || arity > SumcheckProof.MAX_DEGREE) {
      throw new IllegalArgumentException("arity out of range: " + arity);
    }
    return new Composition() {
      @Override
      public int arity() {
        return arity;
      }

      @Override
      public int degree() {
        return arity;
      }

      @Override
      public void evaluate(long[] out, int outOff, long[] v, int vOff, long[] scratch) {
        Fr.copy(out, outOff, v, vOff);
        for (int j = 1; j < arity; j++) {
          Fr.mul(out, outOff, out, outOff, v, vOff + j * Fr.LIMBS);
        }
      }
    };
  }
}
