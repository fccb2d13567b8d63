/**
 * Multilinear polynomial commitment: HyperKZG with a Shplonk multi-point opening (protocol.md
 * section 3; Gemini, ePrint 2022/420; KZG; Shplonk, ePrint 2020/081).
 *
 * <h2>Math</h2>
 *
 * A multilinear {@code f} with {@code l} variables is its evaluation vector {@code f[0..2^l)}
 * (first variable = most significant index bit). Its univariate form is {@code U_f(X) = sum_i f[i]
 * X^i} and its commitment {@code C = [U_f(tau)]_1 = sum_i f[i] [tau^i]_1}: one MSM against the
 * monomial powers of the SRS ({@link org.besuzkml.pcs.HyperKzg#commit}; signed small integers go
 * through the small-scalar MSM, {@link org.besuzkml.pcs.HyperKzg#commitSmall}).
 *
 * <p>Opening at {@code u} ({@link org.besuzkml.pcs.HyperKzg#open}): folds {@code P_0 = U_f},
 * {@code P_(i+1)[j] = P_i[2j] + u_(l-i) (P_i[2j+1] - P_i[2j])}, so that {@code P_(i+1)(Y) = (1 -
 * u) E_i(Y) + u O_i(Y)} for {@code P_i(X) = E_i(X^2) + X O_i(X^2)}, and {@code P_l = f~(u)}. The
 * prover commits {@code F_i = [P_i(tau)]_1} (i = 1..l-1), receives r, sends {@code P_i(r),
 * P_i(-r), P_i(r^2)}; the verifier checks {@code 2 r P_(i+1)(r^2) = r (1 - u)(P_i(r) + P_i(-r)) +
 * u (P_i(r) - P_i(-r))}. The three univariate claims on {@code B = sum q^i P_i} at {@code r, -r,
 * r^2} are proven with Shplonk: {@code W_1 = [sum_k d^k (B - B_k)/(X - w_k)]}, then at a random
 * {@code z}, {@code W_2 = [L/(X - z)]} with {@code L = sum_k g_k (B - B_k) - Z(z) h}, and the
 * verifier accepts iff {@code e(Lc, [1]_2) e(-W_2, [tau]_2) = 1} with {@code Lc = (sum g_k) C_B -
 * (sum g_k B_k) G - Z(z) W_1 + z W_2} (one MSM of {@code K + l + 2} points for K batched
 * commitments). Many polynomials at one point are opened as {@code sum_k eta^k P_k}; the verifier
 * folds the eta powers into its MSM.
 *
 * <p>Everything the prover sends is absorbed into the {@link org.besuzkml.transcript.Transcript}
 * with the labels of protocol.md section 8, phase 5: {@code hkzg/folds}, {@code hkzg/r}, {@code
 * hkzg/evals}, {@code hkzg/q}, {@code hkzg/d}, {@code hkzg/w1}, {@code hkzg/z}, {@code hkzg/w2}.
 *
 * <h2>Zero knowledge (zk-design.md 2)</h2>
 *
 * A hiding commitment adds a shadow {@code s(X)} of degree at most 2 against the blinding base:
 * {@code HCom(f; s) = [U_f(tau) + beta s(tau)]_1} ({@link org.besuzkml.pcs.HyperKzg#commitHiding}).
 * The zero-knowledge opening ({@link org.besuzkml.pcs.HyperKzgZk}) states the value {@code m} of
 * a sparse opening mask {@link org.besuzkml.pcs.OpeningMask} ({@code "zk/pcsm"}), draws {@code
 * rho_M} ({@code "zk/rhoM"}) and opens {@code sum_k G_k P_k + rho_M M} with explicit scalars,
 * hiding folds, blinded Shplonk witnesses and one more field element {@code sigma} ({@code
 * "zk/sigma"}, before {@code W_2}). The verifier ({@link
 * org.besuzkml.pcs.HyperKzgVerifier#verifyZk}) keeps the same two-pair pairing check; its MSM gains
 * {@code rho_M C_M} and {@code -sigma [beta]_1}. Random values are inputs: this package does not
 * draw them.
 *
 * <h2>Keys</h2>
 *
 * The prover key is the {@link org.besuzkml.pcs.srs.Srs} ({@code [tau^i]_1}, i < 2^l). The
 * verifier key {@link org.besuzkml.pcs.HyperKzgVerifierKey} is {@code [1]_2, [tau]_2} (prepared
 * Miller-loop lines), the SRS digest and the dev flag, and for zero knowledge {@code [beta]_1}
 * (with {@code [beta]_2}, checked against it once at load); G is fixed.
 *
 * <h2>Dependencies</h2>
 *
 * Verifier side ({@link org.besuzkml.pcs.HyperKzgVerifier}, {@link org.besuzkml.pcs.HyperKzgProof},
 * {@link org.besuzkml.pcs.HyperKzgVerifierKey}, {@link org.besuzkml.pcs.PcsResult}): the JDK,
 * {@link org.besuzkml.field}, {@link org.besuzkml.curve}, {@link org.besuzkml.pairing}, {@link
 * org.besuzkml.msm} (its small MSM) and {@link org.besuzkml.transcript}; deterministic, bounded
 * work, never throws (a {@link org.besuzkml.pcs.PcsResult} names the failed check). The prover
 * ({@link org.besuzkml.pcs.HyperKzg}) uses the same packages; the SRS import lives in {@link
 * org.besuzkml.pcs.srs}.
 */
package org.besuzkml.pcs;
