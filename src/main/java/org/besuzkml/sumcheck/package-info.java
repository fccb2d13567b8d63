/**
 * Sumcheck (protocol.md 4.1, 4.2, 4.5): proving {@code claim = sum_{x in {0,1}^k} g(x)} for
 * {@code g = Q(A_1(x), ..., A_a(x))}, multilinear tables A_j and a small polynomial Q of degree d in
 * each variable.
 *
 * <h2>The protocol</h2>
 * Variables are bound MSB first (x_1 = most significant index bit; a table folds as
 * {@code A'[i] = A[i] + r (A[i + 2^(k-1)] - A[i])}). In round i the prover sends the round
 * polynomial {@code s_i(t) = sum_{x'} g(r_1..r_(i-1), t, x')} of degree {@code <= d} as its
 * coefficients without the linear one, {@code (c_0, c_2, ..., c_d)}, absorbed as one record
 * {@code ("sc/poly", ...)}; the verifier sets {@code c_1 = claim - 2 c_0 - c_2 - ... - c_d}, which
 * is exactly the check {@code s_i(0) + s_i(1) = claim}, draws {@code r_i = CH("sc/r")} and
 * continues with {@code claim = s_i(r_i)}. The result is the <b>sub-claim</b> {@code g(r) = final}
 * ({@link org.besuzkml.sumcheck.SubClaim}) that the caller must check; nothing here accepts
 * silently. If the input claim is false, a prover passes that final check with probability at most
 * {@code k d / p} (Schwartz-Zippel on each round polynomial).
 *
 * <p>Batched (4.2): instances {@code (claim_i, k_i, d_i)} with {@code lambda = CH("sc/batch")} run
 * as one sumcheck of {@code K = max k_i} rounds of degree {@code D = max d_i} on the combined claim
 * {@code sum_i lambda^(i-1) 2^(K - k_i) claim_i}; instance i is dormant for the first
 * {@code K - k_i} rounds (its term is the constant {@code 2^(K-k_i-j) claim_i} in round j) and ends
 * at the suffix {@code (r_(K-k_i+1), ..., r_K)}. The caller checks
 * {@code final == sum_i lambda^(i-1) g_i(suffix_i)} ({@link org.besuzkml.sumcheck.BatchedSubClaim}).
 *
 * <p>ClaimMerge (4.5): c claims {@code (Y, z_j, v_j)} merge with {@code mu = CH("merge/mu")} into one
 * degree-2 sumcheck of {@code sum_x W(x) Y(x)}, {@code W = sum_j mu^(j-1) eq(z_j, .)}, then
 * {@code ("walk/vals", y)}; the verifier checks {@code W(r) y == final}.
 *
 * <p>Masked (zero knowledge, docs/zk-design.md 3): {@link org.besuzkml.sumcheck.ZkSumcheckProver} runs
 * the sumcheck of {@code f + g + 2^(-k) o} on the claim {@code sum f + o}, with
 * {@code g = sum_t sum_c a_{t,c} (x_t^c - 1/2)} (zero-sum for any coefficients, so the claim and the
 * challenges are unchanged) and {@code o} the claim's hidden offset. The coefficients are entries of
 * the mask column ({@link org.besuzkml.mask}); the vk fixes a degree per round. The verifier
 * ({@link org.besuzkml.sumcheck.ZkSumcheckVerifier}) checks the rounds as above and returns the form
 * {@code w_g(r) + 2^(-k) omega} with the sub-claim ({@link org.besuzkml.sumcheck.Masked}): the
 * caller's final check becomes the Lambda-claim {@code <form, Lambda> = final - g(r)}.
 *
 * <h2>Pieces</h2>
 * Prover: {@link org.besuzkml.sumcheck.SumcheckInstance} (one statement as an object: rounds,
 * degree, claim, round evaluations at 0..d, bind, final values), with the kinds
 * {@link org.besuzkml.sumcheck.CompositeInstance} (any {@link org.besuzkml.sumcheck.Composition}),
 * {@link org.besuzkml.sumcheck.ProductInstance} ({@code sum f_1 ... f_a}) and
 * {@link org.besuzkml.sumcheck.EqWeightedInstance} ({@code sum eq(z, x) P(f(x))}), driven by
 * {@link org.besuzkml.sumcheck.SumcheckProver}. Verifier: {@link org.besuzkml.sumcheck.SumcheckVerifier}
 * and {@link org.besuzkml.sumcheck.ClaimMerge}; proofs are {@link org.besuzkml.sumcheck.SumcheckProof},
 * decoded with exactly the vk-fixed number of rounds and degree from a
 * {@link org.besuzkml.sumcheck.FieldReader}; results are {@link org.besuzkml.sumcheck.Checked} values.
 *
 * <p>Dependencies: the JDK, {@code field}, {@code poly}, {@code transcript}, {@code mask}. Verifier-side code is
 * consensus code: bounded by the caller's shapes (at most 64 rounds of degree 32), deterministic,
 * never throws on proof content. Prover-side classes throw IllegalArgumentException on misuse.
 */
package org.besuzkml.sumcheck;
