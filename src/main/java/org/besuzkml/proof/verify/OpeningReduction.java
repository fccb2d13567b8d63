package org.besuzkml.proof.verify;

import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.poly.Multilinear;

/** Phase 4 helpers (3.4): the combined claim and the verifier's {@code G_k(s)}. */
public final class OpeningReduction {
  static final int L = Fr.LIMBS;

  private OpeningReduction() {}

  /** gamma^0 .. gamma^(J-1). */
  public static long[] powers(long[] gamma, int n) {
    long[] p = new long[Math.max(1, n) * L];
    Fr.setOne(p, 0);
    for (int j = 1; j < n; j++) {
      Fr.mul(p, j * L, p, (j - 1) * L, gamma, 0);
    }
    return p;
  }

  /** sum_j gamma^(j-1) v_j. */
  public static long[] combinedClaim(List<Walk.Opening> claims, long[] pw) {
    long[] s = new long[L];
    long[] t = new long[L];
    for (int j = 0; j < claims.size(); j++) {
      Fr.mul(t, 0, pw, j * L, claims.get(j).value(), 0);
      Fr.add(s, 0, s, 0, t, 0);
    }
    return s;
  }

  /** G_k(s) for every bin k (flat): sum over claims on k of gamma^(j-1) eq(z_j, s). */
  public static long[] weightsAt(List<Walk.Opening> claims, long[] pw, long[] s, int bins, int nBin) {
    long[] g = new long[bins * L];
    long[] e = new long[L];
    for (int j = 0; j < claims.size(); j++) {
      Walk.Opening o = claims.get(j);
      Multilinear.eqEvaluate(e, 0, o.point(), 0, s, 0, nBin);
      Fr.mul(e, 0, e, 0, pw, j * L);
      Fr.add(g, o.bin() * L, g, o.bin() * L, e, 0);
    }
    return g;
  }
}
