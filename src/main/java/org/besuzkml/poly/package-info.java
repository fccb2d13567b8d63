/**
 * Polynomials over the BN254 scalar field Fr, on flat {@code long[]} vectors of Montgomery elements
 * (4 little-endian limbs each, see {@link org.besuzkml.field.Fr}).
 *
 * <h2>{@link org.besuzkml.poly.Ntt}: univariate evaluation on multiplicative subgroups</h2>
 * {@code r - 1 = 2^28 * q}, so Fr has subgroups {@code H_k = <w_k>} of order {@code n = 2^k} for every
 * {@code k <= 28}, where {@code w_28 = Fr.rootOfUnity() = 5^q} and {@code w_k = w_28^(2^(28-k))}.
 * The forward transform maps coefficients {@code a_i} to {@code A_j = sum_i a_i w_k^(ij)} (natural
 * order in and out), the inverse maps back ({@code a_i = n^-1 sum_j A_j w_k^(-ij)}).
 * The coset transforms evaluate on {@code g H_k} with {@code g = 5}, by scaling {@code a_i} by
 * {@code g^i} first. Why 5: with {@code r - 1 = 2^28 * 3^2 * 13 * 29 * 983 * 11003 * 237073 *
 * 405928799 * 1670836401704629 * 13818364434197438864469338081}, {@code 5^((r-1)/p) != 1} for each
 * prime p, so 5 generates all of Fr^* (the usual choice for BN254, as in gnark and arkworks); in
 * particular {@code 5^(2^28) != 1}, so 5 lies in no {@code H_k} and {@code g H_k} is disjoint from
 * {@code H_k} (NttTest checks both facts).
 *
 * <h2>{@link org.besuzkml.poly.Multilinear}: multilinear polynomials on the hypercube</h2>
 * A v-variate multilinear f is its table of {@code 2^v} values on {0,1}^v, with the FIRST variable
 * as the MOST significant index bit: {@code f(x_1..x_v)} sits at {@code sum_k x_k 2^(v-k)}. Its
 * extension to a point r is {@code f(r) = sum_x f(x) eq(r, x)}, {@code eq(r, x) = prod_k (r_k x_k +
 * (1 - r_k)(1 - x_k))}. Fixing {@code x_1 = r} gives {@code f(r, x') = f(0, x') + r (f(1, x') -
 * f(0, x'))}, i.e. table entries {@code i} and {@code i + 2^(v-1)}: a sumcheck binds variables in the
 * order x_1, x_2, ..., each round halving the tables.
 *
 * <h2>{@link org.besuzkml.poly.Univariate}: sumcheck round polynomials</h2>
 * Coefficient form, c_0 first: Horner evaluation (verifier) and interpolation from the values at
 * 0, 1, ..., d (prover; {@code Multilinear.roundEvaluations} produces those values).
 *
 * <p>Dependencies: the JDK and {@code org.besuzkml.field} only. Parallel work runs on the common
 * fork-join pool, and results never depend on how it is split. {@code Multilinear.eqEvaluate} and
 * small-table evaluation are fit for verifier use; the table kernels serve the prover.
 */
package org.besuzkml.poly;
