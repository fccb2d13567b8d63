/**
 * The BN254 (alt_bn128) groups G1 and G2, as used by Ethereum's precompiles 0x06-0x08 (EIP-196,
 * EIP-197).
 *
 * <ul>
 *   <li>{@link org.besuzkml.curve.G1}: {@code E(Fq): y^2 = x^3 + 3}, prime order {@code r} (the
 *       modulus of {@link org.besuzkml.field.Fr}), cofactor 1, generator {@code (1, 2)}. Because
 *       the cofactor is 1, a point on the curve is in the group: decoding checks the equation only.
 *   <li>{@link org.besuzkml.curve.Glv}: the endomorphism {@code phi(x, y) = (beta x, y) =
 *       [lambda](x, y)} of G1 (beta a cube root of unity in Fq, {@code lambda^2 + lambda + 1 = 0}
 *       mod r) and the split {@code k = k1 + k2 lambda} with |k1|, |k2| < 2^127 that halves the
 *       doublings of a scalar multiplication and the windows of an MSM.
 *   <li>G2: the sextic twist {@code E'(Fq2): y^2 = x^3 + 3/(9+u)}, the order-r subgroup of a group
 *       with a large cofactor, so G2 decoding must also check subgroup membership.
 * </ul>
 *
 * <p>Both use flat {@code long[]} layouts in Fq Montgomery form: G1 affine {@code (x, y)} = 8 longs,
 * Jacobian {@code (X, Y, Z)} = 12 longs, G2 affine 16 longs and Jacobian 24 longs; affine infinity
 * is {@code (0, 0)}, Jacobian infinity has {@code Z = 0}. Jacobian coordinates stand for {@code
 * (X/Z^2, Y/Z^3)}, for which the a = 0 doubling and addition formulas of the Explicit-Formulas
 * Database (dbl-2009-l, add-2007-bl, madd-2007-bl) apply.
 *
 * <p>Ethereum encodings: G1 is 64 bytes {@code x || y}, G2 is 128 bytes {@code x_im || x_re || y_im
 * || y_re}, all big-endian, infinity all zeros; non-canonical coordinates ({@code >= p}) are
 * rejected, never reduced.
 *
 * <p>Verifier-side code: depends only on {@link org.besuzkml.field} and the JDK; deterministic;
 * decoders return false on hostile input instead of throwing.
 */
package org.besuzkml.curve;
