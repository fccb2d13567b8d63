package org.besuzkml.pcs;

import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.besuzkml.msm.Msm;
import org.besuzkml.pairing.Pairing;
import org.besuzkml.transcript.Transcript;

/**
 * HyperKZG + Shplonk verifier (protocol.md 3.3, 3.4 step 4, section 8 phase 5). Work: {@code O(l +
 * K)} field operations, one MSM of {@code K + l + 2} points and one two-pair pairing check. Never
 * throws; every rejection names its check.
 *
 * <p>Contract: it absorbs only the proof. The caller must have bound the statement (the
 * commitments, the point, the claimed evaluations) into the transcript before (protocol.md 3.3,
 * section 8 phases 0-4); otherwise a commitment chosen after the challenges opens to any value.
 */
public final class HyperKzgVerifier {
  private HyperKzgVerifier() {}

  private static final int L = Fr.LIMBS;
  /** Most commitments one batched opening may combine. */
  public static final int MAX_COMMITMENTS = 1 << 16;

  /** Verifies {@code f~(point) = value} for one commitment (affine, 8 longs). */
  public static PcsResult verify(HyperKzgVerifierKey vk, long[] commitment, long[] value, long[] point, int numVars,
      HyperKzgProof proof, Transcript t) {
    long[] one = new long[L];
    Fr.setOne(one, 0);
    return verify(vk, commitment, 1, value, one, point, numVars, proof, t);
  }

  /**
   * Verifies {@code sum_k eta^k f_k~(point) = sum_k eta^k evals_k} for {@code count} commitments
   * (affine, 8 longs each, at commitments[8k..]; each must be a G1 point, e.g. from {@code
   * G1.decode}) and their claimed evaluations (Fr Montgomery at evals[4k..]); arrays may be longer
   * than needed, the rest is ignored. The point has numVars Fr elements; {@code eta} was drawn by
   * the caller ({@code "open/eta"}, protocol.md 3.4). The combined commitment is never formed: the
   * eta powers go into the one MSM. Absorbs the proof into the transcript exactly as the prover
   * did.
   */
  public static PcsResult verify(HyperKzgVerifierKey vk, long[] commitments, int count, long[] evals, long[] eta,
      long[] point, int numVars, HyperKzgProof proof, Transcript t) {
    try {
      if (vk == null || proof == null || t == null || commitments == null || evals == null || eta == null
          || point == null) {
        return PcsResult.reject("missing argument");
      }
      if (proof.zk()) {
        return PcsResult.reject("PCS proof carries sigma (a zero-knowledge proof for a version-1 opening)");
      }
      if (numVars < 1 || numVars > HyperKzgProof.MAX_VARS || proof.numVars() != numVars) {
        return PcsResult.reject("proof is for " + proof.numVars() + " variables, expected " + numVars);
      }
      if (count < 1 || count > MAX_COMMITMENTS || commitments.length < count * G1.AFFINE
          || evals.length < count * L || eta.length < L || point.length < numVars * L) {
        return PcsResult.reject("argument sizes inconsistent with " + count + " commitments, " + numVars + " variables");
      }
      for (int k = 0; k < count; k++) {
        if (!G1.isInGroup(commitments, k * G1.AFFINE)) {
          return PcsResult.reject("commitment " + k + " is not a G1 point");
        }
      }
      // y = sum_k eta^k e_k (Horner)
      long[] y = new long[L];
      for (int k = count - 1; k >= 0; k--) {
        Fr.mul(y, 0, y, 0, eta, 0);
        Fr.add(y, 0, y, 0, evals, k * L);
      }
      long[] folds = proof.foldsRef();
      for (int i = 0; i < numVars - 1; i++) {
        t.absorbG1("hkzg/folds", G1.encode(folds, i * G1.AFFINE));
      }
      long[] r = t.challengeFr("hkzg/r");
      if (degenerateR(r)) {
        return PcsResult.reject("degenerate challenge r");
      }
      t.absorbFrs("hkzg/evals", proof.evalsRef(), 0, 3 * numVars);
      long[] q = t.challengeFr("hkzg/q");
      long[] d = t.challengeFr("hkzg/d");
      t.absorbG1("hkzg/w1", G1.encode(proof.w1Ref(), 0));
      long[] z = t.challengeFr("hkzg/z");
      t.absorbG1("hkzg/w2", G1.encode(proof.w2Ref(), 0));
      if (t.isMalformed()) {
        return PcsResult.reject("transcript malformed");
      }
      return check(vk, commitments, count, eta, y, point, numVars, proof, r, q, d, z);
    } catch (RuntimeException e) {
      return PcsResult.reject("internal error: " + e);
    }
  }

  /**
   * Verifies a zero-knowledge opening (zk-design.md 2.3-2.6): {@code sum_k scalars_k f_k~(point) =
   * value} for {@code count} commitments (hiding or not; affine, 8 longs each) with explicit scalars
   * (one Fr each), given the opening mask's commitment {@code maskCommitment} (already bound by the
   * transcript, like the others) and its stated value {@code maskValue}. Absorbs {@code m} as
   * {@code "zk/pcsm"}, draws {@code rho_M = "zk/rhoM"}, and checks the opening of {@code P* = sum_k
   * scalars_k P_k + rho_M M} at {@code y = value + rho_M m}; the pairing check is version 1's, the
   * MSM gains {@code rho_M C_M} and {@code -sigma [beta]_1}. Never throws.
   */
  public static PcsResult verifyZk(HyperKzgVerifierKey vk, long[] commitments, int count, long[] scalars, long[] value,
      long[] maskCommitment, long[] maskValue, long[] point, int numVars, HyperKzgProof proof, Transcript t) {
    try {
      if (vk == null || proof == null || t == null || commitments == null || scalars == null || value == null
          || maskCommitment == null || maskValue == null || point == null) {
        return PcsResult.reject("missing argument");
      }
      if (count < 0 || count >= MAX_COMMITMENTS || commitments.length < count * G1.AFFINE
          || scalars.length < count * L || value.length < L || maskValue.length < L
          || maskCommitment.length < G1.AFFINE) {
        return PcsResult.reject("argument sizes inconsistent with " + count + " commitments");
      }
      t.absorbFrs("zk/pcsm", maskValue, 0, 1);
      long[] rhoM = t.challengeFr("zk/rhoM");
      long[] all = new long[(count + 1) * G1.AFFINE];
      System.arraycopy(commitments, 0, all, 0, count * G1.AFFINE);
      System.arraycopy(maskCommitment, 0, all, count * G1.AFFINE, G1.AFFINE);
      long[] sc = new long[(count + 1) * L];
      System.arraycopy(scalars, 0, sc, 0, count * L);
      Fr.copy(sc, count * L, rhoM, 0);
      long[] y = new long[L];
      Fr.mul(y, 0, rhoM, 0, maskValue, 0);
      Fr.add(y, 0, y, 0, value, 0);
      return verifyHiding(vk, all, count + 1, sc, y, point, numVars, proof, t);
    } catch (RuntimeException e) {
      return PcsResult.reject("internal error: " + e);
    }
  }

  /**
   * The hiding opening without the mask step (package access): {@code sum_k scalars_k f_k~(point)
   * = y}, the proof carrying sigma, the key holding {@code [beta]_1}. Never throws.
   */
  static PcsResult verifyHiding(HyperKzgVerifierKey vk, long[] commitments, int count, long[] scalars, long[] y,
      long[] point, int numVars, HyperKzgProof proof, Transcript t) {
    try {
      if (vk == null || proof == null || t == null || commitments == null || scalars == null || y == null
          || point == null) {
        return PcsResult.reject("missing argument");
      }
      if (!proof.zk()) {
        return PcsResult.reject("PCS proof has no sigma (a version-1 proof for a zero-knowledge opening)");
      }
      String bad = checkSizes(commitments, count, scalars, y, point, numVars, proof);
      if (bad != null) {
        return PcsResult.reject(bad);
      }
      Challenges c = absorb(proof, numVars, t);
      if (c.error != null) {
        return PcsResult.reject(c.error);
      }
      return checkScaled(vk, commitments, count, scalars, y, point, numVars, proof, c.r, c.q, c.d, c.z);
    } catch (RuntimeException e) {
      return PcsResult.reject("internal error: " + e);
    }
  }

  private static String checkSizes(long[] commitments, int count, long[] scalars, long[] y, long[] point,
      int numVars, HyperKzgProof proof) {
    if (numVars < 1 || numVars > HyperKzgProof.MAX_VARS || proof.numVars() != numVars) {
      return "proof is for " + proof.numVars() + " variables, expected " + numVars;
    }
    if (count < 1 || count > MAX_COMMITMENTS || commitments.length < count * G1.AFFINE
        || scalars.length < count * L || y.length < L || point.length < numVars * L) {
      return "argument sizes inconsistent with " + count + " commitments, " + numVars + " variables";
    }
    for (int k = 0; k < count; k++) {
      if (!G1.isInGroup(commitments, k * G1.AFFINE)) {
        return "commitment " + k + " is not a G1 point";
      }
    }
    return null;
  }

  private record Challenges(long[] r, long[] q, long[] d, long[] z, String error) {}

  /** The phase-5 transcript of zk-design.md 12.1 (sigma before W_2); rejects a degenerate r or a malformed transcript. */
  private static Challenges absorb(HyperKzgProof proof, int numVars, Transcript t) {
    long[] folds = proof.foldsRef();
    for (int i = 0; i < numVars - 1; i++) {
      t.absorbG1("hkzg/folds", G1.encode(folds, i * G1.AFFINE));
    }
    long[] r = t.challengeFr("hkzg/r");
    if (degenerateR(r)) {
      return new Challenges(null, null, null, null, "degenerate challenge r");
    }
    t.absorbFrs("hkzg/evals", proof.evalsRef(), 0, 3 * numVars);
    long[] q = t.challengeFr("hkzg/q");
    long[] d = t.challengeFr("hkzg/d");
    t.absorbG1("hkzg/w1", G1.encode(proof.w1Ref(), 0));
    long[] z = t.challengeFr("hkzg/z");
    if (proof.zk()) {
      t.absorbFrs("zk/sigma", proof.sigmaRef(), 0, 1);
    }
    t.absorbG1("hkzg/w2", G1.encode(proof.w2Ref(), 0));
    if (t.isMalformed()) {
      return new Challenges(null, null, null, null, "transcript malformed");
    }
    return new Challenges(r, q, d, z, null);
  }

  /** The checks of 3.3 with the challenges given (package access: tests force degenerate ones). */
  static PcsResult check(HyperKzgVerifierKey vk, long[] commitments, int count, long[] eta, long[] y, long[] point,
      int l, HyperKzgProof proof, long[] r, long[] q, long[] d, long[] z) {
    long[] powers = new long[count * L]; // eta^k
    Fr.setOne(powers, 0);
    for (int k = 1; k < count; k++) {
      Fr.mul(powers, k * L, powers, (k - 1) * L, eta, 0);
    }
    return checkScaled(vk, commitments, count, powers, y, point, l, proof, r, q, d, z);
  }

  /**
   * The checks of 3.3 for {@code C* = sum_k scalars_k C_k}; for a zero-knowledge proof the MSM has
   * the extra term {@code -sigma [beta]_1} (zk-design.md 2.6), the pairing check is unchanged.
   */
  static PcsResult checkScaled(HyperKzgVerifierKey vk, long[] commitments, int count, long[] scalars0, long[] y,
      long[] point, int l, HyperKzgProof proof, long[] r, long[] q, long[] d, long[] z) {
    boolean zk = proof.zk();
    if (zk && !vk.hasBeta()) {
      return PcsResult.reject("verifier key has no blinding base [beta]_1");
    }
    if (degenerateR(r)) {
      return PcsResult.reject("degenerate challenge r");
    }
    long[] ev = proof.evalsRef();
    // 1. fold consistency: 2 r c_(i+1) = r (1 - u) (a_i + b_i) + u (a_i - b_i), c_l = y
    long[] lhs = new long[L], rhs = new long[L], s = new long[L], t = new long[L], oneMinusU = new long[L];
    for (int i = 0; i < l; i++) {
      int a = 3 * i * L, b = a + L;
      int u = (l - 1 - i) * L;
      if (i == l - 1) {
        Fr.mul(lhs, 0, r, 0, y, 0);
      } else {
        Fr.mul(lhs, 0, r, 0, ev, 3 * (i + 1) * L + 2 * L);
      }
      Fr.dbl(lhs, 0, lhs, 0);
      Fr.setOne(oneMinusU, 0);
      Fr.sub(oneMinusU, 0, oneMinusU, 0, point, u);
      Fr.add(s, 0, ev, a, ev, b);
      Fr.mul(s, 0, s, 0, oneMinusU, 0);
      Fr.mul(rhs, 0, s, 0, r, 0);
      Fr.sub(t, 0, ev, a, ev, b);
      Fr.mul(t, 0, t, 0, point, u);
      Fr.add(rhs, 0, rhs, 0, t, 0);
      if (!Fr.equal(lhs, 0, rhs, 0)) {
        return PcsResult.reject("fold consistency fails at fold " + i);
      }
    }
    // 2. B_k = sum_i q^i (a_i, b_i, c_i)_k (Horner from the top)
    long[] bk = new long[3 * L];
    for (int i = l - 1; i >= 0; i--) {
      for (int k = 0; k < 3; k++) {
        Fr.mul(bk, k * L, bk, k * L, q, 0);
        Fr.add(bk, k * L, bk, k * L, ev, (3 * i + k) * L);
      }
    }
    // 3. Shplonk scalars over the points w = (r, -r, r^2)
    long[] w = new long[3 * L];
    Fr.copy(w, 0, r, 0);
    Fr.neg(w, L, r, 0);
    Fr.sqr(w, 2 * L, r, 0);
    long[] g = new long[3 * L], zz = new long[L];
    if (!shplonkScalars(w, d, z, g, zz)) {
      return PcsResult.reject("degenerate challenge z");
    }
    long[] gSum = new long[L], gb = new long[L];
    for (int k = 0; k < 3; k++) {
      Fr.add(gSum, 0, gSum, 0, g, k * L);
      Fr.mul(t, 0, g, k * L, bk, k * L);
      Fr.add(gb, 0, gb, 0, t, 0);
    }
    // Lc = gSum (sum_k s_k C_k + sum_i q^i F_i) - gb G - Z(z) W_1 + z W_2 [- sigma [beta]_1]
    int n = count + l + 2 + (zk ? 1 : 0);
    long[] bases = new long[n * G1.AFFINE];
    long[] scalars = new long[n * L];
    System.arraycopy(commitments, 0, bases, 0, count * G1.AFFINE);
    for (int k = 0; k < count; k++) {
      Fr.mul(scalars, k * L, scalars0, k * L, gSum, 0);
    }
    System.arraycopy(proof.foldsRef(), 0, bases, count * G1.AFFINE, (l - 1) * G1.AFFINE);
    Fr.copy(t, 0, gSum, 0);
    for (int i = 1; i < l; i++) {
      Fr.mul(t, 0, t, 0, q, 0);
      Fr.copy(scalars, (count + i - 1) * L, t, 0);
    }
    int gi = count + l - 1;
    System.arraycopy(G1.generator(), 0, bases, gi * G1.AFFINE, G1.AFFINE);
    Fr.neg(scalars, gi * L, gb, 0);
    System.arraycopy(proof.w1Ref(), 0, bases, (gi + 1) * G1.AFFINE, G1.AFFINE);
    Fr.neg(scalars, (gi + 1) * L, zz, 0);
    System.arraycopy(proof.w2Ref(), 0, bases, (gi + 2) * G1.AFFINE, G1.AFFINE);
    Fr.copy(scalars, (gi + 2) * L, z, 0);
    if (zk) {
      System.arraycopy(vk.beta1Ref(), 0, bases, (gi + 3) * G1.AFFINE, G1.AFFINE);
      Fr.neg(scalars, (gi + 3) * L, proof.sigmaRef(), 0);
    }
    long[] lc = Msm.msm(bases, 0, scalars, n);
    // 4. e(Lc, [1]_2) e(-W_2, [tau]_2) = 1
    long[] pairs = new long[2 * G1.AFFINE];
    G1.toAffine(pairs, 0, lc, 0);
    G1.negAffine(pairs, G1.AFFINE, proof.w2Ref(), 0);
    if (!Pairing.pairingCheckPrepared(pairs, vk.preparedLines(), 2)) {
      return PcsResult.reject("pairing check fails");
    }
    return PcsResult.ok();
  }

  /** r in {0, 1, -1} makes two of r, -r, r^2 coincide (or all three) and the fold checks vacuous. */
  static boolean degenerateR(long[] r) {
    if (Fr.isZero(r, 0) || Fr.isOne(r, 0)) {
      return true;
    }
    long[] m = new long[L];
    Fr.neg(m, 0, r, 0);
    return Fr.isOne(m, 0);
  }

  /**
   * {@code Z(z) = prod_k (z - w_k)} into zz and {@code g_k = d^k prod_(j != k) (z - w_j)} into g;
   * false when Z(z) = 0 (z hits one of the points).
   */
  static boolean shplonkScalars(long[] w, long[] d, long[] z, long[] g, long[] zz) {
    long[] diff = new long[3 * L];
    for (int k = 0; k < 3; k++) {
      Fr.sub(diff, k * L, z, 0, w, k * L);
    }
    Fr.mul(zz, 0, diff, 0, diff, L);
    Fr.mul(zz, 0, zz, 0, diff, 2 * L);
    if (Fr.isZero(zz, 0)) {
      return false;
    }
    long[] dk = new long[L];
    Fr.setOne(dk, 0);
    for (int k = 0; k < 3; k++) {
      Fr.copy(g, k * L, dk, 0);
      for (int j = 0; j < 3; j++) {
        if (j != k) {
          Fr.mul(g, k * L, g, k * L, diff, j * L);
        }
      }
      Fr.mul(dk, 0, dk, 0, d, 0);
    }
    return true;
  }
}
