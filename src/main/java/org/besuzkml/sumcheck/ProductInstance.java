package org.besuzkml.sumcheck;

import org.besuzkml.field.Fr;

/**
 * Product of multilinears: {@code claim = sum_x f_1(x) f_2(x) ... f_a(x)}, degree a.
 * Final values: {@code f_1(r), ..., f_a(r)}; the verifier's check is
 * {@code subClaim.value == prod_j f_j(r)} ({@link #expectedFinal}).
 */
public final class ProductInstance extends CompositeInstance {
  /** sum_x prod_j factors[j][x], each factor a table of 2^numVars elements. */
  public ProductInstance(int numVars, long[]... factors) {
    super(Composition.product(factors.length), numVars, factors);
  }

  /** The verifier's g(r) from the stated factor values: their product. */
  public static long[] expectedFinal(long[] factorValues, int count) {
    long[] out = new long[Fr.LIMBS];
    Fr.setOne(out, 0);
    for (int j = 0; j < count; j++) {
      Fr.mul(out, 0, out, 0, factorValues, j * Fr.LIMBS);
    }
    return out;
  }
}
