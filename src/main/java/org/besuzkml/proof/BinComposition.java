package org.besuzkml.proof;

import org.besuzkml.field.Fr;
import org.besuzkml.sumcheck.Composition;

/** {@code sum_k G_k P_k} over B bins: the opening reduction's g (3.4), degree 2. */
final class BinComposition implements Composition {
  private final int bins;

  BinComposition(int bins) {
    this.bins = bins;
  }

  @Override
  public int arity() {
    return 2 * bins;
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
  public void evaluate(long[] out, int outOff, long[] v, int vOff, long[] s) {
    Fr.setZero(out, outOff);
    for (int k = 0; k < bins; k++) {
      Fr.mul(s, 0, v, vOff + k * Fr.LIMBS, v, vOff + (bins + k) * Fr.LIMBS);
      Fr.add(out, outOff, out, outOff, s, 0);
    }
  }
}
