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

  /**
   * G_k(s) for every bin k (flat): sum over claims on k of gamma^(j-1) eq(z_j, s). Many claims share
   * a point (tensors opened where one gadget left them), so eq(z, s) is computed once per distinct
   * point: the claims are sorted by point (a stable sort on the coordinates' limbs, deterministic
   * and O(J log J)) and each run of equal points shares one eq. The sum does not depend on the
   * order in which claims are added.
   */
  public static long[] weightsAt(List<Walk.Opening> claims, long[] pw, long[] s, int bins, int nBin) {
    long[] g = new long[bins * L];
    long[] e = new long[L];
    long[] eq = new long[L];
    int n = claims.size();
    Integer[] order = new Integer[n];
    for (int j = 0; j < n; j++) {
      order[j] = j;
    }
    Arrays.sort(order, (a, b) -> comparePoints(claims.get(a).point(), claims.get(b).point()));
    long[] previous = null;
    for (int k = 0; k < n; k++) {
      int j = order[k];
      Walk.Opening o = claims.get(j);
      long[] z = o.point();
      if (previous == null || comparePoints(previous, z) != 0) {
        Multilinear.eqEvaluate(eq, 0, z, 0, s, 0, nBin);
        previous = z;
      }
      Fr.mul(e, 0, eq, 0, pw, j * L);
      Fr.add(g, o.bin() * L, g, o.bin() * L, e, 0);
    }
    return g;
  }

  /** A total order on points: by length, then limb by limb (as signed longs: any fixed order). */
  static int comparePoints(long[] a, long[] b) {
    if (a.length != b.length) {
      return Integer.compare(a.length, b.length);
    }
    return Arrays.compare(a, b);
  }
}
