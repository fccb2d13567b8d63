package org.besuzkml.mask;

import org.besuzkml.field.Fr;

/** Test helpers on offsets: prover and verifier must build the same form, term for term. */
public final class MaskForms {
  private MaskForms() {}

  /** Whether two forms have the same terms in the same order. */
  public static boolean same(MaskForm a, MaskForm b) {
    if (a.terms() != b.terms()) {
      return false;
    }
    long[] ca = new long[Fr.LIMBS];
    long[] cb = new long[Fr.LIMBS];
    for (int j = 0; j < a.terms(); j++) {
      a.coefficient(j, ca, 0);
      b.coefficient(j, cb, 0);
      if (a.index(j) != b.index(j) || !Fr.equal(ca, 0, cb, 0)) {
        return false;
      }
    }
    return true;
  }
}
