/**
 * Lookups (protocol.md section 5): one logUp argument per proof, with a GKR fraction tree, proving
 * that every real entry of every lookup instance is a row of its table and every padded entry is
 * zero.
 *
 * <h2>The identity (5.2)</h2>
 * With {@code alpha = CH("lu/alpha")}, {@code beta = CH("lu/beta")} (drawn after all witness
 * commitments), entry i of instance {@code Lk = (T, X_1[, X_2])} encodes as
 * {@code enc_Lk(i) = tau_T + beta sel(i) + beta^2 X_1[i] + beta^3 X_2[i]}, row j of T as
 * {@code enc_T(j) = tau_T + beta + beta^2 in(j) + beta^3 out(j)}, T's padding row as {@code tau_T};
 * the argument proves
 * {@code sum_Lk sum_i 1/(alpha - enc_Lk(i)) - sum_T sum_j M_T[j]/(alpha - enc_T(j)) - sum_T P_T/(alpha - tau_T) = 0}
 * with committed multiplicities {@code M_T} ({@link org.besuzkml.lookup.Multiplicities}) and the
 * static padding counts {@code P_T}. If some entry is no row, the left side is a non-zero rational
 * function of {@code (alpha, beta)}: the identity holds with probability at most
 * {@code 4 (S_tot + R) / p} (Haboeck, ePrint 2022/1530).
 *
 * <h2>Leaves and tree (5.3, 5.4)</h2>
 * {@link org.besuzkml.lookup.LeafLayout}: segments (instances, tables, padding rows) sorted by size,
 * aligned; leaf fractions {@code (p, q)}; filler {@code (0, 1)} up to {@code 2^L}. Layer k of the tree
 * has {@code p_k(x) = p_{k+1}(x,0) q_{k+1}(x,1) + p_{k+1}(x,1) q_{k+1}(x,0)},
 * {@code q_k(x) = q_{k+1}(x,0) q_{k+1}(x,1)}. The prover sends layer 1 ({@code "lu/top"}); the
 * verifier checks the root numerator is zero and its denominator non-zero (no leaf denominator is
 * zero), then for k = 1..L-1 reduces the claims {@code P, Q} on layer k at {@code zeta} to claims on
 * layer k+1 by one degree-3 sumcheck of
 * {@code sum_x eq(zeta, x)[p0 q1 + p1 q0 + lambda q0 q1]} ({@code "lu/lambda"}, {@code "lu/children"},
 * {@code "lu/mu"}), ending with claims on the leaf MLEs at {@code rho} (Papini-Haboeck, ePrint
 * 2023/1284).
 *
 * <h2>Leaf check (5.5) and the claims it emits</h2>
 * The prover states, per segment in layout order, {@code X_1~, X_2~} at {@code rho_lo} for an
 * instance (as its {@link org.besuzkml.lookup.ColumnEncoding} says), {@code M_T~} and for a function
 * table {@code F_out~} ({@code "lu/leaves"}); the verifier recomputes
 * {@code p(rho) = sum_s eq(rho_hi, o_s >> m_s) num_s} and
 * {@code q(rho) = sum_s eq(rho_hi, o_s >> m_s) den_s + 1 - LT_{S_tot}(rho)}, with the structured
 * tables' {@code in~, out~} evaluated in O(b) ({@link org.besuzkml.lookup.Table}), and compares
 * with {@code P, Q}. The stated values become {@link org.besuzkml.lookup.LeafClaim}s
 * ({@link org.besuzkml.lookup.LogUpClaims}): on each instance column at the last {@code m_Lk}
 * coordinates of rho; on each {@code M_T} and each {@code F_out} at the last {@code b_T}
 * coordinates. The argument is sound only once the caller discharges all of them.
 *
 * <p>Entry points: {@link org.besuzkml.lookup.LogUpProver#prove},
 * {@link org.besuzkml.lookup.LogUpVerifier#verify}. Dependencies: the JDK, {@code field},
 * {@code poly}, {@code transcript}, {@code sumcheck}. The verifier is consensus code: its work is
 * {@code O(L^2 + #segments * L)} for the vk-derived layout, it never throws on proof content and
 * allocates only layout-sized buffers.
 */
package org.besuzkml.lookup;
