package org.besuzkml.proof.verify;

import org.besuzkml.field.Fr;
import org.besuzkml.proof.gadget.Poly;
import org.besuzkml.sumcheck.Composition;

/**
 * A Poly gadget's polynomial {@code P = sum_t c_t prod_{j in mono_t} v_j} as a sumcheck
 * composition over its inputs, plus one more factor {@code sel_Y} when some monomial is empty
 * (the constant term written as {@code c * sel}, 6.7).
 */
final class PolyComposition implements Composition {
  private static final int L = Fr.LIMBS;
  private final int[][] monomials;
  private final long[] coeffs;
  private final int inputs;
  private final boolean usesSel;
  private final int degree;

  PolyComposition(Poly p) {
    this.monomials = p.monomials();
    this.inputs = p.xs().length;
    this.coeffs = new long[p.coeffs().length * L];
    boolean sel = false;
    int deg = 1;
    for (int t = 0; t < monomials.length; t++) {
      Fr.fromLong(coeffs, t * L, p.coeffs()[t]);
      sel |= monomials[t].length == 0;
      deg = Math.max(deg, monomials[t].length);
    }
    this.usesSel = sel;
    this.degree = deg;
  }

  boolean usesSel() {
    return usesSel;
  }

  @Override
  public int arity() {
    return inputs + (usesSel ? 1 : 0);
  }

  @Override
  public int degree() {
    return degree;
  }

  @Override
  public int scratchElements() {
    return 1;
  }

  @Override
  public void evaluate(long[] out, int outOff, long[] v, int vOff, long[] s) {
    Fr.setZero(out, outOff);
    for (int t = 0; t < monomials.length; t++) {
      Fr.copy(s, 0, coeffs, t * L);
      if (monomials[t].length == 0) {
        Fr.mul(s, 0, s, 0, v, vOff + inputs * L);
      }
      for (int j : monomials[t]) {
        Fr.mul(s, 0, s, 0, v, vOff + j * L);
      }
      Fr.add(out, outOff, out, outOff, s, 0);
    }
  }
}
