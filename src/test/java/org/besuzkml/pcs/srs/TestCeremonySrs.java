package org.besuzkml.pcs.srs;

/**
 * TEST ONLY. A development SRS relabelled as a ceremony SRS, for verifying keys of models larger
 * than the shared 2^12 ceremony file (pot12_final.ptau) in tests of consensus callers, which
 * refuse development keys. Its tau is public: never let this class near main code.
 */
public final class TestCeremonySrs {
  private TestCeremonySrs() {}

  public static Srs create(int logSize, long seed) {
    Srs d = DevSrs.create(logSize, seed);
    return new Srs(d.logSize(), d.g1Powers(), d.g2One(), d.g2Tau(), false, 0, d.betaG1(), d.betaG2());
  }
}
