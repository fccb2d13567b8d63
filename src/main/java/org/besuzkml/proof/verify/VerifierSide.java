package org.besuzkml.proof.verify;

import java.util.function.Supplier;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.transcript.Transcript;

/** The verifier's {@link Side}: reads the walk section, rejects by throwing {@link Rejection}. */
final class VerifierSide implements Side {
  private final FieldReader in;
  private final Transcript t;

  VerifierSide(FieldReader in, Transcript t) {
    this.in = in;
    this.t = t;
  }

  @Override
  public boolean proving() {
    return false;
  }

  @Override
  public long[] state(int count, Supplier<long[]> values) {
    long[] v = in.read(count);
    if (v == null) {
      throw new Rejection("walk section: " + in.error());
    }
    t.absorbFrs("walk/vals", v, 0, count);
    return v;
  }

  @Override
  public long[] table(int tensor) {
    throw new IllegalStateException("the verifier has no witness");
  }

  @Override
  public long[] multiplicities(int table) {
    throw new IllegalStateException("the verifier has no witness");
  }
}
