package org.besuzkml.lookup;

import org.besuzkml.field.Fr;
import org.besuzkml.sumcheck.Composition;

/**
 * {@code eq * (p0 q1 + p1 q0 + lambda q0 q1)} with the eq factor as a table: the fraction-tree layer
 * of 5.4 in the form a masked sumcheck needs (zk-design 5.3), where the four children carry masked
 * extensions and eq does not. Degree 3; the last round of a masked layer has degree 5.
 */
final class EqFractionLayer implements Composition {
  private static final int L = Fr.LIMBS;
  private final FractionLayer layer;

  EqFractionLayer(long[] lambda) {
    layer = new FractionLayer(lambda);
  }

  @Override
  public int arity() {
    return 5;
  }

  @Override
  public int degree() {
    return 3;
  }

  @Override
  public int scratchElements() {
    return 2;
  }

  @Override
  public void evaluate(long[] out, int outOff, long[] v, int vOff, long[] scratch) {
    // the layer's value in scratch[1], its own scratch in scratch[0]
    layer.evaluate(scratch, L, v, vOff + L, scratch);
    Fr.mul(out, outOff, scratch, L, v, vOff);
  }
}
