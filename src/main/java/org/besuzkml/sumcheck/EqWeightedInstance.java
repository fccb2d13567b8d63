package org.besuzkml.sumcheck;

import org.besuzkml.field.Fr;
import org.besuzkml.poly.Multilinear;

/**
 * Eq-weighted composition: {@code claim = sum_x eq(z, x) P(f_1(x), ..., f_a(x))} for a fixed point
 * z and a small polynomial P, degree {@code deg P + 1}. This is the shape of every "claim on an
 * output at z reduces to claims on inputs" step: {@code Y~(z) = sum_x eq(z, x) Y(x)} with Y
 * pointwise P of its inputs (6.7 Poly, the fraction-tree layers of 5.4). The eq factor is computed
 * by the verifier, so {@link #finalValues()} are only {@code f_1(r), ..., f_a(r)} and the check is
 * {@code subClaim.value == eq(z, r) P(f(r))} ({@link #expectedFinal}).
 */
public final class EqWeightedInstance extends CompositeInstance {
  private final int arity;

  /**
   * @param z the point (numVars elements, flat)
   * @param p the polynomial P (arity = factors.length)
   * @param factors the tables f_j, 2^numVars elements each
   */
  public EqWeightedInstance(long[] z, int numVars, Composition p, long[]... factors) {
    super(eqTimes(p), numVars, prepend(Multilinear.eqTable(z, 0, numVars), factors));
    this.arity = p.arity();
  }

  @Override
  public long[] finalValues() {
    long[] all = super.finalValues();
    long[] out = new long[arity * Fr.LIMBS];
    System.arraycopy(all, Fr.LIMBS, out, 0, out.length);
    return out;
  }

  /** The verifier's g(r): {@code eq(z, r) * P(values)}, O(k + cost(P)). */
  public static long[] expectedFinal(long[] z, long[] r, int numVars, Composition p, long[] values) {
    long[] e = new long[Fr.LIMBS];
    Multilinear.eqEvaluate(e, 0, z, 0, r, 0, numVars);
    long[] v = new long[Fr.LIMBS];
    p.evaluate(v, 0, values, 0, new long[p.scratchElements() * Fr.LIMBS]);
    Fr.mul(v, 0, v, 0, e, 0);
    return v;
  }

  private static long[][] prepend(long[] eq, long[][] factors) {
    long[][] all = new long[factors.length + 1][];
    all[0] = eq;
    System.arraycopy(factors, 0, all, 1, factors.length);
    return all;
  }

  /** Q(e, f_1..f_a) = e * P(f_1..f_a). */
  private static Composition eqTimes(Composition p) {
    return new Composition() {
      @Override
      public int arity() {
        return p.arity() + 1;
      }

      @Override
      public int degree() {
        return p.degree() + 1;
      }

      @Override
      public int scratchElements() {
        return p.scratchElements();
      }

      @Override
      public void evaluate(long[] out, int outOff, long[] v, int vOff, long[] scratch) {
        p.evaluate(out, outOff, v, vOff + Fr.LIMBS, scratch);
        Fr.mul(out, outOff, out, outOff, v, vOff);
      }
    };
  }
}
