package org.besuzkml.lookup;

import java.util.ArrayList;
import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.LambdaClaim;
import org.besuzkml.mask.MaskCursor;
import org.besuzkml.mask.MaskForm;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.EqWeightedInstance;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.sumcheck.Masked;
import org.besuzkml.sumcheck.SubClaim;
import org.besuzkml.sumcheck.ZkSumcheckVerifier;
import org.besuzkml.transcript.Transcript;

/**
 * The verifier of the zero-knowledge lookup phase (zk-design 5.3). The root check is version 1's
 * on masked nodes. Layer k is a masked sumcheck of degrees (3, ..., 3, 5) on {@code P + lambda Q}
 * with the offset {@code omega_P + lambda omega_Q}; its end becomes a Lambda-claim, the children
 * are stated masked ({@code kappa = r_k (1 - r_k)} times their slots), and the next claims carry
 * those slots. The leaf check, linear in the stated leaf values and in the mask leaves, becomes
 * two Lambda-claims. Mask column: the mask leaves at entries 0..3, then per layer its coefficients
 * and four slots, then one slot per masked leaf element. Never throws on proof content.
 */
public final class ZkLogUpVerifier {
  private ZkLogUpVerifier() {}

  private static final int L = Fr.LIMBS;

  public static Checked<ZkLogUpClaims> verify(LeafLayout layout, FieldReader in, MaskCursor cursor,
      Transcript transcript) {
    if (layout == null || !layout.isZk()) {
      return Checked.rejected("lookup: not a zero-knowledge layout");
    }
    Checked<LogUpProof> p = LogUpProof.read(in, layout);
    return p.isOk() ? verify(layout, p.value(), cursor, transcript) : p.rethrow("lookup");
  }

  public static Checked<ZkLogUpClaims> verify(LeafLayout layout, LogUpProof proof, MaskCursor cursor,
      Transcript transcript) {
    if (layout == null || proof == null || cursor == null || transcript == null) {
      return Checked.rejected("lookup: missing input");
    }
    if (!layout.isZk() || !proof.matches(layout)) {
      return Checked.rejected("lookup: proof does not match the zero-knowledge layout");
    }
    if (cursor.used() != 0 || cursor.take(4) != 0) {
      return Checked.rejected("lookup: the mask leaves must be the mask column's first four entries");
    }
    int lv = layout.leafVars();
    long[] alpha = transcript.challengeFr(LogUpVerifier.ALPHA);
    long[] beta = transcript.challengeFr(LogUpVerifier.BETA);
    long[] top = proof.top();
    transcript.absorbFrs(LogUpVerifier.TOP, top, 0, 4);
    String root = LogUpVerifier.rootRefusal(top); // version 1's check, on masked nodes
    if (root != null) {
      return Checked.rejected(root);
    }
    long[] zeta = transcript.challengeFr(LogUpVerifier.MU);
    long[] pClaim = new long[L];
    long[] qClaim = new long[L];
    LogUpVerifier.interpolate(pClaim, top, 0, L, zeta, 0);
    LogUpVerifier.interpolate(qClaim, top, 2 * L, 3 * L, zeta, 0);
    MaskForm omegaP = new MaskForm();
    MaskForm omegaQ = new MaskForm();
    List<LambdaClaim> lambdaClaims = new ArrayList<>();
    for (int k = 1; k < lv; k++) {
      long[] lambda = transcript.challengeFr(LogUpVerifier.LAMBDA);
      long[] claim = new long[L];
      Fr.mul(claim, 0, lambda, 0, qClaim, 0);
      Fr.add(claim, 0, claim, 0, pClaim, 0);
      MaskForm offset = omegaP.copy().addScaled(omegaQ, lambda, 0);
      Checked<Masked<SubClaim>> sc = ZkSumcheckVerifier.verify(claim, LeafLayout.zkLayerDegrees(k), offset,
          proof.layer(k), cursor, transcript);
      if (!sc.isOk()) {
        return sc.rethrow("lookup layer " + k);
      }
      int slot = cursor.take(4);
      if (slot < 0) {
        return Checked.rejected("lookup layer " + k + ": mask column overrun");
      }
      long[] ch = proof.children(k);
      transcript.absorbFrs(LogUpVerifier.CHILDREN, ch, 0, 4);
      long[] r = sc.value().claim().point();
      long[] expected = EqWeightedInstance.expectedFinal(zeta, r, k, new FractionLayer(lambda), ch);
      long[] rest = new long[L];
      Fr.sub(rest, 0, sc.value().claim().value(), 0, expected, 0);
      lambdaClaims.add(new LambdaClaim(sc.value().mask(), rest));
      long[] next = new long[(k + 1) * L];
      System.arraycopy(r, 0, next, 0, k * L);
      transcript.challengeFr(LogUpVerifier.MU, next, k * L);
      MaskForm[] forms = childOffsets(r, k, next, slot);
      if (forms == null) {
        return Checked.rejected("lookup layer " + k + ": degenerate challenge (r_k (1 - r_k) = 0)");
      }
      LogUpVerifier.interpolate(pClaim, ch, 0, L, next, k * L);
      LogUpVerifier.interpolate(qClaim, ch, 2 * L, 3 * L, next, k * L);
      omegaP = forms[0];
      omegaQ = forms[1];
      zeta = next;
    }
    long[] leaves = proof.leaves();
    transcript.absorbFrs(LogUpVerifier.LEAVES, leaves, 0, layout.leavesMessageSize());
    int first = cursor.take(maskedLeafCount(layout));
    if (first < 0) {
      return Checked.rejected("lookup leaves: mask column overrun");
    }
    return ZkLeafCheck.check(layout, leaves, zeta, alpha, beta, pClaim, qClaim, omegaP, omegaQ, first,
        lambdaClaims);
  }

  /**
   * The offsets of the next claims {@code P = p0' + mu (p1' - p0')}, {@code Q} alike, whose children
   * were stated with slots {@code slot..slot+3} (p0, p1, q0, q1): {@code kappa ((1 - mu) e_p0 + mu e_p1)}
   * and {@code kappa ((1 - mu) e_q0 + mu e_q1)}, {@code kappa = r_k (1 - r_k)}; null if kappa is 0.
   */
  static MaskForm[] childOffsets(long[] r, int k, long[] next, int slot) {
    long[] one = new long[L];
    Fr.setOne(one, 0);
    long[] kappa = new long[L];
    Fr.sub(kappa, 0, one, 0, r, (k - 1) * L);
    Fr.mul(kappa, 0, kappa, 0, r, (k - 1) * L);
    if (Fr.isZero(kappa, 0)) {
      return null;
    }
    long[] hi = new long[L];
    Fr.mul(hi, 0, kappa, 0, next, k * L);
    long[] lo = new long[L];
    Fr.sub(lo, 0, kappa, 0, hi, 0);
    return new MaskForm[] {MaskForm.single(slot, lo, 0).add(slot + 1, hi, 0),
        MaskForm.single(slot + 2, lo, 0).add(slot + 3, hi, 0)};
  }

  /** Masked elements of the leaves message: every instance column's stated elements and every multiplicity. */
  public static int maskedLeafCount(LeafLayout layout) {
    int n = 0;
    for (LookupInstance lk : layout.instances()) {
      for (int c = 0; c < lk.columns(); c++) {
        n += lk.encoding(c).statedCount();
      }
    }
    return n + layout.tables().size();
  }

  /** Prover side: adds each masked element's slot (from {@code first} on, in message order) to the message. */
  static void maskLeafMessage(LeafLayout layout, long[] leaves, long[] lambda, int first) {
    int pos = 0;
    int slot = first;
    for (LeafLayout.Segment s : layout.segments()) {
      if (s.kind() == LeafLayout.Kind.INSTANCE) {
        LookupInstance lk = layout.instances().get(s.index());
        for (int c = 0; c < lk.columns(); c++) {
          for (int j = 0; j < lk.encoding(c).statedCount(); j++) {
            Fr.add(leaves, pos * L, leaves, pos * L, lambda, slot++ * L);
            pos++;
          }
        }
      } else if (s.kind() == LeafLayout.Kind.TABLE) {
        Fr.add(leaves, pos * L, leaves, pos * L, lambda, slot++ * L);
        pos += layout.tables().get(s.index()).hasCommittedOutput() ? 2 : 1;
      }
    }
  }
}
