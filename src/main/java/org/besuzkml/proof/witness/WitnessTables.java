package org.besuzkml.proof.witness;

import org.besuzkml.field.Fr;
import org.besuzkml.proof.gadget.ProverTables;

/** The witness as padded Montgomery MLE tables for the gadget provers (cached per tensor). */
public final class WitnessTables implements ProverTables {
  private final Witness w;
  private final long[][] cache;

  public WitnessTables(Witness w) {
    this.w = w;
    this.cache = new long[w.circuit().tensors().size()][];
  }

  @Override
  public long[] mle(int tensor) {
    long[] t = cache[tensor];
    if (t == null) {
      long[] p = w.padded(tensor);
      t = new long[p.length * Fr.LIMBS];
      for (int i = 0; i < p.length; i++) {
        Fr.fromLong(t, i * Fr.LIMBS, p[i]);
      }
      cache[tensor] = t;
    }
    return t;
  }
}
