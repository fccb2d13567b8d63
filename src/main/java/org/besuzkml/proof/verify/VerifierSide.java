package org.besuzkml.proof.verify;

import java.util.function.Supplier;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.ClaimMerge;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.sumcheck.SubClaim;
import org.besuzkml.sumcheck.SumcheckInstance;
import org.besuzkml.sumcheck.SumcheckVerifier;
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
  public SubClaim sumcheck(long[] claim, int numVars, int degree, Supplier<SumcheckInstance> instance) {
    if (numVars == 0) {
      return new SubClaim(new long[0], claim.clone(), 0);
    }
    Checked<SubClaim> c = SumcheckVerifier.verify(claim, numVars, degree, in, t);
    if (!c.isOk()) {
      throw new Rejection(c.reason());
    }
    return c.value();
  }

  @Override
  public SubClaim merge(int tensor, int m, long[][] points, long[] values) {
    Checked<SubClaim> c = ClaimMerge.verify(m, points, values, in, t);
    if (!c.isOk()) {
      throw new Rejection("tensor " + tensor + ": " + c.reason());
    }
    return c.value();
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
