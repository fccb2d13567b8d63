package org.besuzkml.lookup;

import java.util.ArrayList;
import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.EqWeightedInstance;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.sumcheck.SubClaim;
import org.besuzkml.sumcheck.SumcheckVerifier;
import org.besuzkml.transcript.Transcript;

/**
 * The verifier of the lookup phase (5.4, 5.5; section 8 phase 2). Checks the root (numerator zero,
 * denominator non-zero), every layer's sumcheck final, and the leaf check {@code P == p(rho)},
 * {@code Q == q(rho)} computed from the stated leaf values in {@code O(#segments * L)}. On success
 * it returns the claims on the looked-up columns, multiplicities and function outputs
 * ({@link LogUpClaims}) that the caller must still discharge. Never throws on proof content.
 */
public final class LogUpVerifier {
  private LogUpVerifier() {}

  static final String ALPHA = "lu/alpha";
  static final String BETA = "lu/beta";
  static final String TOP = "lu/top";
  static final String MU = "lu/mu";
  static final String LAMBDA = "lu/lambda";
  static final String CHILDREN = "lu/children";
  static final String LEAVES = "lu/leaves";

  private static final int L = Fr.LIMBS;

  /** Reads the phase-2 messages for the layout from the cursor, then verifies. */
  public static Checked<LogUpClaims> verify(LeafLayout layout, FieldReader in, Transcript transcript) {
    Checked<LogUpProof> p = LogUpProof.read(in, layout);
    return p.isOk() ? verify(layout, p.value(), transcript) : p.rethrow("lookup");
  }

  public static Checked<LogUpClaims> verify(LeafLayout layout, LogUpProof proof, Transcript transcript) {
    if (layout == null || proof == null || transcript == null) {
      return Checked.rejected("lookup: missing input");
    }
    int lv = layout.leafVars();
    if (!proof.matches(layout)) {
      return Checked.rejected("lookup: proof does not match the layout");
    }
    long[] alpha = transcript.challengeFr(ALPHA);
    long[] beta = transcript.challengeFr(BETA);

    // 1. the root
    long[] top = proof.top();
    transcript.absorbFrs(TOP, top, 0, 4);
    String root = rootRefusal(top);
    if (root != null) {
      return Checked.rejected(root);
    }
    long[] t = new long[L];
    long[] u = new long[L];
    long[] zeta = transcript.challengeFr(MU);
    long[] pClaim = new long[L];
    long[] qClaim = new long[L];
    interpolate(pClaim, top, 0, L, zeta, 0);
    interpolate(qClaim, top, 2 * L, 3 * L, zeta, 0);

    // 2. the layers
    for (int k = 1; k < lv; k++) {
      long[] lambda = transcript.challengeFr(LAMBDA);
      long[] claim = new long[L];
      Fr.mul(claim, 0, lambda, 0, qClaim, 0);
      Fr.add(claim, 0, claim, 0, pClaim, 0);
      Checked<SubClaim> sc = SumcheckVerifier.verify(claim, k, 3, proof.layer(k), transcript);
      if (!sc.isOk()) {
        return sc.rethrow("lookup layer " + k);
      }
      long[] ch = proof.children(k);
      transcript.absorbFrs(CHILDREN, ch, 0, 4);
      long[] r = sc.value().point();
      long[] expected = EqWeightedInstance.expectedFinal(zeta, r, k, new FractionLayer(lambda), ch);
      if (!sc.value().holds(expected)) {
        return Checked.rejected("lookup layer " + k + ": sumcheck final check failed");
      }
      long[] next = new long[(k + 1) * L];
      System.arraycopy(r, 0, next, 0, k * L);
      transcript.challengeFr(MU, next, k * L);
      interpolate(pClaim, ch, 0, L, next, k * L);
      interpolate(qClaim, ch, 2 * L, 3 * L, next, k * L);
      zeta = next;
    }
    long[] rho = zeta;

    // 3. the leaf check
    long[] leaves = proof.leaves();
    transcript.absorbFrs(LEAVES, leaves, 0, layout.leavesMessageSize());
    long[] beta2 = new long[L];
    long[] beta3 = new long[L];
    Fr.sqr(beta2, 0, beta, 0);
    Fr.mul(beta3, 0, beta2, 0, beta, 0);
    long[] pSum = new long[L];
    long[] qSum = new long[L];
    long[] num = new long[L];
    long[] den = new long[L];
    long[] pre = new long[L];
    List<LeafClaim> claims = new ArrayList<>();
    int pos = 0;
    for (LeafLayout.Segment s : layout.segments()) {
      int m = s.numVars();
      long[] lo = LogUpProver.suffix(rho, lv, m);
      eqIndex(pre, rho, 0, lv - m, s.offset() >>> m);
      int table = s.kind() == LeafLayout.Kind.INSTANCE ? layout.instances().get(s.index()).table() : s.index();
      Fr.fromLong(t, 0, LeafLayout.tag(table));
      Fr.sub(den, 0, alpha, 0, t, 0); // alpha - tau
      switch (s.kind()) {
        case INSTANCE -> {
          LookupInstance lk = layout.instances().get(s.index());
          Fr.setOne(num, 0);
          lk.selEvaluate(t, 0, lo, 0);
          Fr.mul(t, 0, t, 0, beta, 0);
          Fr.sub(den, 0, den, 0, t, 0);
          for (int c = 0; c < lk.columns(); c++) {
            ColumnEncoding enc = lk.encoding(c);
            int count = enc.statedCount();
            long[] stated = new long[count * L];
            System.arraycopy(leaves, pos * L, stated, 0, count * L);
            pos += count;
            long[] value = new long[L];
            enc.value(value, 0, stated, 0, lo, 0, m);
            Fr.mul(t, 0, value, 0, c == 0 ? beta2 : beta3, 0);
            Fr.sub(den, 0, den, 0, t, 0);
            claims.add(new LeafClaim(LeafClaim.Kind.INSTANCE_COLUMN, s.index(), c, lo, stated, value));
          }
        }
        case TABLE -> {
          Table tb = layout.tables().get(s.index());
          long[] mv = new long[L];
          Fr.copy(mv, 0, leaves, pos++ * L);
          Fr.neg(num, 0, mv, 0);
          claims.add(new LeafClaim(LeafClaim.Kind.MULTIPLICITY, s.index(), 0, lo, mv.clone(), mv));
          Fr.sub(den, 0, den, 0, beta, 0);
          tb.inEvaluate(t, 0, lo, 0);
          Fr.mul(t, 0, t, 0, beta2, 0);
          Fr.sub(den, 0, den, 0, t, 0);
          long[] out = new long[L];
          if (tb.hasCommittedOutput()) {
            Fr.copy(out, 0, leaves, pos++ * L);
            claims.add(new LeafClaim(LeafClaim.Kind.FUNCTION_OUTPUT, s.index(), 0, lo, out.clone(), out.clone()));
          } else {
            tb.outEvaluate(out, 0, lo, 0);
          }
          Fr.mul(t, 0, out, 0, beta3, 0);
          Fr.sub(den, 0, den, 0, t, 0);
        }
        case PADDING -> Fr.fromLong(num, 0, -layout.paddingCount(s.index()));
        default -> {
          return Checked.rejected("lookup: unknown segment");
        }
      }
      Fr.mul(t, 0, pre, 0, num, 0);
      Fr.add(pSum, 0, pSum, 0, t, 0);
      Fr.mul(t, 0, pre, 0, den, 0);
      Fr.add(qSum, 0, qSum, 0, t, 0);
    }
    // filler leaves [S_tot, 2^L): numerator 0, denominator 1
    Multilinear.lessThanEvaluate(t, 0, rho, 0, lv, layout.totalSize());
    Fr.setOne(u, 0);
    Fr.sub(u, 0, u, 0, t, 0);
    Fr.add(qSum, 0, qSum, 0, u, 0);
    if (!Fr.equal(pSum, 0, pClaim, 0)) {
      return Checked.rejected("lookup: leaf numerator check failed");
    }
    if (!Fr.equal(qSum, 0, qClaim, 0)) {
      return Checked.rejected("lookup: leaf denominator check failed");
    }
    return Checked.ok(new LogUpClaims(rho, List.copyOf(claims)));
  }

  /**
   * The root check on the top values {@code (p_1(0), p_1(1), q_1(0), q_1(1))}: the fraction sum
   * {@code p_1(0) q_1(1) + p_1(1) q_1(0)} is zero and the denominator {@code q_1(0) q_1(1)} is not.
   * The reason for the refusal, or null.
   */
  static String rootRefusal(long[] top) {
    long[] t = new long[L];
    long[] u = new long[L];
    Fr.mul(t, 0, top, 0, top, 3 * L);
    Fr.mul(u, 0, top, L, top, 2 * L);
    Fr.add(t, 0, t, 0, u, 0);
    if (!Fr.isZero(t, 0)) {
      return "lookup: root numerator is not zero (some entry is not in its table)";
    }
    Fr.mul(t, 0, top, 2 * L, top, 3 * L);
    if (Fr.isZero(t, 0)) {
      return "lookup: root denominator is zero (a leaf denominator is zero)";
    }
    return null;
  }

  /** out = a + x (b - a) for elements a = v[aOff], b = v[bOff]. */
  static void interpolate(long[] out, long[] v, int aOff, int bOff, long[] x, int xOff) {
    long[] d = new long[L];
    Fr.sub(d, 0, v, bOff, v, aOff);
    Fr.mul(d, 0, d, 0, x, xOff);
    Fr.add(out, 0, v, aOff, d, 0);
  }

  /** out = eq(z, bits(index, n)) = prod_t (bit_t ? z_t : 1 - z_t), bit_1 the MSB: O(n). */
  static void eqIndex(long[] out, long[] z, int zOff, int n, long index) {
    long[] acc = new long[L];
    long[] t = new long[L];
    Fr.setOne(acc, 0);
    for (int k = 0; k < n; k++) {
      int zk = zOff + k * L;
      if (((index >>> (n - 1 - k)) & 1) != 0) {
        Fr.mul(acc, 0, acc, 0, z, zk);
      } else {
        Fr.setOne(t, 0);
        Fr.sub(t, 0, t, 0, z, zk);
        Fr.mul(acc, 0, acc, 0, t, 0);
      }
    }
    Fr.copy(out, 0, acc, 0);
  }
}
