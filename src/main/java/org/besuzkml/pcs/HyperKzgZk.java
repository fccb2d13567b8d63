package org.besuzkml.pcs;

import org.besuzkml.field.Fr;
import org.besuzkml.pcs.srs.Srs;
import org.besuzkml.transcript.Transcript;

/**
 * The zero-knowledge HyperKZG opening, prover side (zk-design.md 2.3-2.6, schedule 12.1): states
 * {@code m = M~(s)} ({@code "zk/pcsm"}), draws {@code rho_M} ({@code "zk/rhoM"}), and opens {@code
 * P* = sum_k G_k P_k + rho_M M} at {@code s} with hiding folds, {@code sigma} ({@code
 * "zk/sigma"}) and blinded Shplonk witnesses. The verifier is {@link
 * HyperKzgVerifier#verifyZk}.
 *
 * <p>Commitments are {@link HyperKzg#commitHiding hiding} (a shadow per committed object; a public
 * commitment has none), the scalars {@code G_k} are explicit (the caller's reduction weights, not
 * powers of one challenge), and every random value (the mask, the fold shadows) is passed in, drawn
 * beforehand from the proof's {@code ZkRandomness}.
 */
public final class HyperKzgZk {
  private HyperKzgZk() {}

  private static final int L = Fr.LIMBS;

  /**
   * The opening's messages and claim: {@code maskValue = m}, the proof (with sigma), and {@code
   * value = sum_k G_k P_k~(s)} (the claim before the mask; the proof itself opens {@code value +
   * rho_M m}).
   */
  public record Opening(long[] maskValue, HyperKzgProof proof, long[] value) {}

  /**
   * Opens {@code sum_k scalars_k polys_k + rho_M M} at {@code point} ({@code numVars} Fr).
   * {@code shadows[k]} is the shadow of {@code polys_k}'s commitment (1 to 3 Fr, null for a public
   * one), {@code scalars} holds one Fr per polynomial, {@code foldShadows} {@code l - 1} uniform Fr.
   * The commitments, point and claim must already be in the transcript (HyperKzgVerifier's contract).
   *
   * @throws IllegalStateException with probability about 3/p (degenerate challenge r or z)
   */
  public static Opening open(Srs srs, long[][] polys, long[][] shadows, long[] scalars, OpeningMask mask,
      long[] point, int numVars, long[] foldShadows, Transcript t) {
    if (mask == null || mask.numVars() != numVars) {
      throw new IllegalArgumentException("opening mask missing or for another number of variables");
    }
    long[][] c = HyperKzg.combineHiding(srs, polys, shadows, scalars, point, numVars, foldShadows);
    long[] m = mask.evaluate(point);
    t.absorbFrs("zk/pcsm", m, 0, 1);
    long[] rhoM = t.challengeFr("zk/rhoM");
    mask.addTo(c[0], rhoM);
    long[] mu = mask.shadow(), tmp = new long[L];
    for (int k = 0; k < Srs.BETA_POWERS; k++) {
      Fr.mul(tmp, 0, mu, k * L, rhoM, 0);
      Fr.add(c[1], k * L, c[1], k * L, tmp, 0);
    }
    HyperKzg.Opening o = HyperKzg.openHidingCombined(srs, c[0], c[1], foldShadows, point, numVars, t);
    long[] value = o.value().clone();
    Fr.mul(tmp, 0, rhoM, 0, m, 0);
    Fr.sub(value, 0, value, 0, tmp, 0);
    return new Opening(m, o.proof(), value);
  }
}
