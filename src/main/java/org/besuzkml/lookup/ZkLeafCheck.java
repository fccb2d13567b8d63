package org.besuzkml.lookup;

import java.util.ArrayList;
import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.LambdaClaim;
import org.besuzkml.mask.MaskForm;
import org.besuzkml.sumcheck.Checked;

/**
 * The zero-knowledge leaf check (zk-design 5.2-5.3): {@code p~(rho) + <omega_P, Lambda> = P} and
 * {@code q~(rho) + <omega_Q, Lambda> = Q}, where the leaf MLEs are computed from the stated (masked)
 * leaf values as in version 1, plus what the masks hide, as forms: each multiplicity's slot (times
 * its segment's indicator), each instance column's slots (through the encoding's linear part, times
 * {@code beta^(2+c)} and the indicator), and the mask leaves {@code eq(rho, A) (Lambda[0], Lambda[1])},
 * {@code eq(rho, B) (Lambda[2], Lambda[3])}. The filler MLE is
 * {@code 1 - sum_s pre_s - eq(rho, A) - eq(rho, B)}. Both checks are returned as Lambda-claims.
 */
final class ZkLeafCheck {
  private ZkLeafCheck() {}

  private static final int L = Fr.LIMBS;

  static Checked<ZkLogUpClaims> check(LeafLayout layout, long[] leaves, long[] rho, long[] alpha, long[] beta,
      long[] pClaim, long[] qClaim, MaskForm omegaP, MaskForm omegaQ, int first, List<LambdaClaim> lambdaClaims) {
    int lv = layout.leafVars();
    long[] beta2 = new long[L];
    long[] beta3 = new long[L];
    Fr.sqr(beta2, 0, beta, 0);
    Fr.mul(beta3, 0, beta2, 0, beta, 0);
    long[] pSum = new long[L];
    long[] qSum = new long[L];
    long[] preSum = new long[L];
    long[] num = new long[L];
    long[] den = new long[L];
    long[] pre = new long[L];
    long[] t = new long[L];
    MaskForm fp = omegaP.copy();
    MaskForm fq = omegaQ.copy();
    List<LeafClaim> claims = new ArrayList<>();
    List<MaskForm> offsets = new ArrayList<>();
    int pos = 0;
    int slot = first;
    for (LeafLayout.Segment s : layout.segments()) {
      int m = s.numVars();
      long[] lo = LogUpProver.suffix(rho, lv, m);
      LogUpVerifier.eqIndex(pre, rho, 0, lv - m, s.offset() >>> m);
      Fr.add(preSum, 0, preSum, 0, pre, 0);
      int table = s.kind() == LeafLayout.Kind.INSTANCE ? layout.instances().get(s.index()).table() : s.index();
      Fr.fromLong(t, 0, LeafLayout.tag(table));
      Fr.sub(den, 0, alpha, 0, t, 0);
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
            long[] weight = c == 0 ? beta2 : beta3;
            Fr.mul(t, 0, value, 0, weight, 0);
            Fr.sub(den, 0, den, 0, t, 0);
            long[] coeffs = linearPart(enc, lo, m);
            MaskForm omega = new MaskForm();
            long[] w = new long[L];
            Fr.mul(w, 0, pre, 0, weight, 0);
            for (int j = 0; j < count; j++, slot++) {
              omega.add(slot, coeffs, j * L);
              Fr.mul(t, 0, coeffs, j * L, w, 0);
              fq.add(slot, t, 0);
            }
            claims.add(new LeafClaim(LeafClaim.Kind.INSTANCE_COLUMN, s.index(), c, lo, stated, value));
            offsets.add(omega);
          }
        }
        case TABLE -> {
          Table tb = layout.tables().get(s.index());
          long[] mv = new long[L];
          Fr.copy(mv, 0, leaves, pos++ * L);
          Fr.neg(num, 0, mv, 0);
          claims.add(new LeafClaim(LeafClaim.Kind.MULTIPLICITY, s.index(), 0, lo, mv.clone(), mv));
          offsets.add(MaskForm.single(slot, one(), 0));
          fp.add(slot++, pre, 0);
          Fr.sub(den, 0, den, 0, beta, 0);
          tb.inEvaluate(t, 0, lo, 0);
          Fr.mul(t, 0, t, 0, beta2, 0);
          Fr.sub(den, 0, den, 0, t, 0);
          long[] out = new long[L];
          if (tb.hasCommittedOutput()) {
            Fr.copy(out, 0, leaves, pos++ * L);
            claims.add(new LeafClaim(LeafClaim.Kind.FUNCTION_OUTPUT, s.index(), 0, lo, out.clone(), out.clone()));
            offsets.add(new MaskForm());
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
    long[] eqA = new long[L];
    long[] eqB = new long[L];
    LogUpVerifier.eqIndex(eqA, rho, 0, lv, layout.maskLeafA());
    LogUpVerifier.eqIndex(eqB, rho, 0, lv, layout.maskLeafB());
    // filler: every leaf outside the segments and the two mask leaves is (0, 1)
    Fr.setOne(t, 0);
    Fr.sub(t, 0, t, 0, preSum, 0);
    Fr.sub(t, 0, t, 0, eqA, 0);
    Fr.sub(t, 0, t, 0, eqB, 0);
    Fr.add(qSum, 0, qSum, 0, t, 0);
    fp.add(0, eqA, 0).add(2, eqB, 0);
    fq.add(1, eqA, 0).add(3, eqB, 0);
    List<LambdaClaim> all = new ArrayList<>(lambdaClaims);
    long[] rest = new long[L];
    Fr.sub(rest, 0, pClaim, 0, pSum, 0);
    all.add(new LambdaClaim(fp, rest));
    rest = new long[L];
    Fr.sub(rest, 0, qClaim, 0, qSum, 0);
    all.add(new LambdaClaim(fq, rest));
    return Checked.ok(new ZkLogUpClaims(rho, List.copyOf(claims), List.copyOf(offsets), List.copyOf(all)));
  }

  /** The encoding's linear part: per stated element j, {@code value(e_j) - value(0)} at the point. */
  private static long[] linearPart(ColumnEncoding enc, long[] point, int m) {
    int count = enc.statedCount();
    long[] zero = new long[L];
    long[] stated = new long[count * L];
    enc.value(zero, 0, stated, 0, point, 0, m);
    long[] out = new long[count * L];
    long[] one = one();
    for (int j = 0; j < count; j++) {
      Fr.copy(stated, j * L, one, 0);
      enc.value(out, j * L, stated, 0, point, 0, m);
      Fr.sub(out, j * L, out, j * L, zero, 0);
      Fr.setZero(stated, j * L);
    }
    return out;
  }

  private static long[] one() {
    long[] o = new long[L];
    Fr.setOne(o, 0);
    return o;
  }
}
