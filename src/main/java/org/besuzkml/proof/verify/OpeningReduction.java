package org.besuzkml.proof.verify;

import java.util.Arrays;
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
    // Many claims share a point (tensors opened where one gadget left them): eq(z, s) is computed
    // once per distinct point, found by a linear scan so the order stays deterministic.
    int n = claims.size();
    int len = nBin * L;
    int[] firstWithPoint = new int[n];
    long[] eqOfFirst = new long[n * L];
    int distinct = 0;
    for (int j = 0; j < n; j++) {
      Walk.Opening o = claims.get(j);
      long[] z = o.point();
      int found = -1;
      if (z.length >= len) {
        for (int d = 0; d < distinct && found < 0; d++) {
          long[] y = claims.get(firstWithPoint[d]).point();
          if (y == z || Arrays.equals(y, 0, len, z, 0, len)) {
            found = d;
          }
        }
      }
      if (found < 0) {
        found = distinct++;
        firstWithPoint[found] = j;
        Multilinear.eqEvaluate(eqOfFirst, found * L, z, 0, s, 0, nBin);
      }
      Fr.mul(e, 0, eqOfFirst, found * L, pw, j * L);
      Fr.add(g, o.bin() * L, g, o.bin() * L, e, 0);
    }
    return g;
  }
}
