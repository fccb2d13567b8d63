package org.besuzkml.lookup;

import org.besuzkml.field.Fr;
import org.besuzkml.sumcheck.Composition;

/**
 * {@code P(p0, p1, q0, q1) = p0 q1 + p1 q0 + lambda q0 q1}: one fraction-tree layer (5.4) folds the
 * children's numerator and denominator claims into one with {@code lambda}.
 */
final class FractionLayer implements Composition {
  private static final int L = Fr.LIMBS;
  private final long[] lambda;

  FractionLayer(long[] lambda) {
    this.lambda = lambda.clone();
  }

  @Override
  public int arity() {
    return 4;
  }

  @Override
  public int degree() {
    return 2;
  }

  @Override
  public int scratchElements() {
    return 1;
  }

  @Override
  public void evaluate(long[] out, int outOff, long[] v, int vOff, long[] t) {
    int p0 = vOff;
    int p1 = vOff + L;
    int q0 = vOff + 2 * L;
    int q1 = vOff + 3 * L;
    // p0 q1 + q0 (p1 + lambda q1)
    Fr.mul(t, 0, lambda, 0, v, q1);
    Fr.add(t, 0, t, 0, v, p1);
    Fr.mul(t, 0, t, 0, v, q0);
    Fr.mul(out, outOff, v, p0, v, q1);
    Fr.add(out, outOff, out, outOff, t, 0);
  }
}
