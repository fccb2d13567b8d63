package org.besuzkml.proof.verify;

import java.util.Arrays;
import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.LambdaClaim;
import org.besuzkml.mask.MaskForm;
import org.besuzkml.mask.MaskedOpening;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.sumcheck.SubClaim;
import org.besuzkml.sumcheck.SumcheckVerifier;
import org.besuzkml.transcript.Transcript;

/**
 * Phase 4 in zero-knowledge mode (zk-design 6): the opening claims of phases 2-3, the Lambda-claims,
 * and the two claims on the affine masks {@code H_1, H_2} at {@code zeta_1 = (2..2)},
 * {@code zeta_2 = (3..3)} reduce by one unmasked {@code SC(n, 2)} to a single opening at its end point
 * {@code s} of {@code P* = sum_k G_k(s) P_k}, with value {@code final}. No per-object evaluation is
 * sent: the scalars {@code G_k(s)} go straight into the zero-knowledge HyperKZG opening
 * ({@code HyperKzgVerifier.verifyZk}), which is the reduction's final check.
 *
 * <p>Objects, in order: {@code bins} committed bins (witness, model, external), {@code maskBins} bins
 * of the mask column (entry e at bin {@code e >> n}, offset {@code e mod 2^n}), then H_1 and H_2.
 * Schedule: {@code ABS("zk/hvals", v_H1, v_H2); gamma = CH("open/gamma"); SC(n, 2)}. Work: the
 * sumcheck's O(n), one eq per distinct opening point (O(J log J) to find them), one eq table over the
 * used low variables of the mask bins and one pass over the forms' terms. Never throws.
 */
public final class ZkReduction {
  private ZkReduction() {}

  private static final int L = Fr.LIMBS;

  /** Where the reduction ended: open {@code sum_k scalars_k P_k} at {@code point} to {@code value}. */
  public record Result(long[] point, long[] value, long[] scalars) {}

  /** The constant coordinates of zeta_1 and zeta_2. */
  static final long[] ZETA_1 = element(2);
  static final long[] ZETA_2 = element(3);

  private static long[] element(long v) {
    long[] e = new long[L];
    Fr.fromLong(e, 0, v);
    return e;
  }

  public static Checked<Result> verify(List<MaskedOpening> openings, List<LambdaClaim> lambdaClaims, int bins,
      int maskBins, int n, FieldReader in, Transcript t) {
    if (openings == null || lambdaClaims == null || in == null || t == null) {
      return Checked.rejected("zk reduction: missing input");
    }
    if (n < 1 || n > Multilinear.MAX_VARS || bins < 0 || maskBins < 0 || bins + maskBins > 1 << 16) {
      return Checked.rejected("zk reduction: object counts out of range");
    }
    String bad = checkClaims(openings, lambdaClaims, bins, (long) maskBins << n, n);
    if (bad != null) {
      return Checked.rejected("zk reduction: " + bad);
    }
    long[] hv = in.read(2);
    if (hv == null) {
      return Checked.rejected("zk reduction: " + in.error());
    }
    t.absorbFrs("zk/hvals", hv, 0, 2);
    long[] gamma = t.challengeFr("open/gamma");
    int ja = openings.size();
    int jb = lambdaClaims.size();
    long[] pw = OpeningReduction.powers(gamma, ja + jb + 2);
    long[] claim = new long[L];
    long[] e = new long[L];
    for (int j = 0; j < ja + jb + 2; j++) {
      long[] v = j < ja ? openings.get(j).value() : j < ja + jb ? lambdaClaims.get(j - ja).value() : hv;
      Fr.mul(e, 0, pw, j * L, v, j < ja + jb ? 0 : (j - ja - jb) * L);
      Fr.add(claim, 0, claim, 0, e, 0);
    }
    Checked<SubClaim> sc = SumcheckVerifier.verify(claim, n, 2, in, t);
    if (!sc.isOk()) {
      return Checked.rejected("zk reduction: " + sc.reason());
    }
    long[] s = sc.value().point();
    int objects = bins + maskBins + 2;
    long[] scalars = new long[objects * L];
    binWeights(openings, pw, s, n, scalars);
    maskWeights(openings, lambdaClaims, pw, s, n, bins, scalars);
    constantEq(scalars, (bins + maskBins) * L, ZETA_1, s, n, pw, (ja + jb) * L);
    constantEq(scalars, (bins + maskBins + 1) * L, ZETA_2, s, n, pw, (ja + jb + 1) * L);
    return Checked.ok(new Result(s, sc.value().value(), scalars));
  }

  /** Null when every claim names an existing bin with an n-variable point and every mask index is in the mask bins. */
  private static String checkClaims(List<MaskedOpening> openings, List<LambdaClaim> lambdaClaims, int bins,
      long maskEntries, int n) {
    if ((long) openings.size() + lambdaClaims.size() > 1 << 24) {
      return "too many claims";
    }
    for (int j = 0; j < openings.size(); j++) {
      MaskedOpening o = openings.get(j);
      if (o == null || o.object() < 0 || o.object() >= bins || o.point() == null || o.point().length != n * L
          || o.value() == null || o.value().length != L || !inRange(o.omega(), maskEntries)) {
        return "opening claim " + j + " malformed";
      }
    }
    for (int j = 0; j < lambdaClaims.size(); j++) {
      LambdaClaim c = lambdaClaims.get(j);
      if (c == null || c.value() == null || c.value().length != L || !inRange(c.omega(), maskEntries)) {
        return "Lambda-claim " + j + " malformed";
      }
    }
    return null;
  }

  private static boolean inRange(MaskForm f, long entries) {
    if (f == null) {
      return false;
    }
    for (int i = 0; i < f.terms(); i++) {
      if (f.index(i) < 0 || f.index(i) >= entries) {
        return false;
      }
    }
    return true;
  }

  /** G_k(s) for the bins: sum over claims on k of gamma^(j-1) eq(z_j, s), one eq per distinct point. */
  private static void binWeights(List<MaskedOpening> openings, long[] pw, long[] s, int n, long[] scalars) {
    int ja = openings.size();
    Integer[] order = new Integer[ja];
    for (int j = 0; j < ja; j++) {
      order[j] = j;
    }
    Arrays.sort(order, (a, b) -> OpeningReduction.comparePoints(openings.get(a).point(), openings.get(b).point()));
    long[] eq = new long[L];
    long[] e = new long[L];
    long[] previous = null;
    for (int k = 0; k < ja; k++) {
      int j = order[k];
      MaskedOpening o = openings.get(j);
      if (previous == null || OpeningReduction.comparePoints(previous, o.point()) != 0) {
        Multilinear.eqEvaluate(eq, 0, o.point(), 0, s, 0, n);
        previous = o.point();
      }
      Fr.mul(e, 0, eq, 0, pw, j * L);
      Fr.add(scalars, o.object() * L, scalars, o.object() * L, e, 0);
    }
  }

  /**
   * G of each mask bin at s: {@code sum_j gamma^(j-1) sum_terms c eq(bits(e mod 2^n), s)} over the
   * forms of the opening claims and the Lambda-claims. The offsets used fit in the low m bits (m from
   * the largest offset), so one eq table over the last m variables, times {@code prod_{t <= n-m}
   * (1 - s_t)} for the high bits that are zero, serves every term.
   */
  private static void maskWeights(List<MaskedOpening> openings, List<LambdaClaim> lambdaClaims, long[] pw, long[] s,
      int n, int bins, long[] scalars) {
    int ja = openings.size();
    int mask = (1 << n) - 1;
    int widest = 0;
    for (int j = 0; j < ja + lambdaClaims.size(); j++) {
      MaskForm f = j < ja ? openings.get(j).omega() : lambdaClaims.get(j - ja).omega();
      for (int i = 0; i < f.terms(); i++) {
        widest = Math.max(widest, f.index(i) & mask);
      }
    }
    int m = 32 - Integer.numberOfLeadingZeros(widest);
    long[] high = new long[L];
    Fr.setOne(high, 0);
    long[] one = element(1);
    long[] d = new long[L];
    for (int v = 0; v < n - m; v++) {
      Fr.sub(d, 0, one, 0, s, v * L);
      Fr.mul(high, 0, high, 0, d, 0);
    }
    long[] eq = Multilinear.eqTable(s, (n - m) * L, m, high, 0);
    long[] c = new long[L];
    long[] e = new long[L];
    for (int j = 0; j < ja + lambdaClaims.size(); j++) {
      MaskForm f = j < ja ? openings.get(j).omega() : lambdaClaims.get(j - ja).omega();
      for (int i = 0; i < f.terms(); i++) {
        int idx = f.index(i);
        int object = bins + (idx >>> n);
        f.coefficient(i, c, 0);
        Fr.mul(e, 0, c, 0, pw, j * L);
        Fr.mul(e, 0, e, 0, eq, (idx & mask) * L);
        Fr.add(scalars, object * L, scalars, object * L, e, 0);
      }
    }
  }

  /** out = scale * eq((c, ..., c), s) = scale * prod_t (c s_t + (1 - c)(1 - s_t)). */
  static void constantEq(long[] out, int outOff, long[] c, long[] s, int n, long[] scale, int scaleOff) {
    long[] one = element(1);
    long[] notC = new long[L];
    Fr.sub(notC, 0, one, 0, c, 0);
    long[] acc = new long[L];
    Fr.copy(acc, 0, scale, scaleOff);
    long[] f = new long[L];
    long[] g = new long[L];
    for (int v = 0; v < n; v++) {
      Fr.mul(f, 0, c, 0, s, v * L);
      Fr.sub(g, 0, one, 0, s, v * L);
      Fr.mul(g, 0, g, 0, notC, 0);
      Fr.add(f, 0, f, 0, g, 0);
      Fr.mul(acc, 0, acc, 0, f, 0);
    }
    Fr.copy(out, outOff, acc, 0);
  }
}
