/**
 * The structured reference string of the KZG-based commitment (protocol.md 3.5): powers of a
 * secret tau, {@code [tau^i]_1 = tau^i G} for {@code i < N} and {@code [1]_2 = H}, {@code [tau]_2
 * = tau H}.
 *
 * <ul>
 *   <li>{@link org.besuzkml.pcs.srs.PtauReader}: imports a snarkjs / Perpetual Powers of Tau
 *       {@code .ptau} file (bn128) and checks it: header (magic, version, n8 = 32, q = BN254's base
 *       field), section sizes against the declared power, every used point canonical, on its
 *       curve, not infinity, G2 points in the order-r subgroup, {@code [tau^0]_1 = G}, {@code
 *       [1]_2 = H}, and one randomized pairing check {@code e(sum rho_i [tau^(i+1)]_1, H) = e(sum
 *       rho_i [tau^i]_1, [tau]_2)} that ties all N G1 powers to the G2 tau. Reads only the powers
 *       the model needs; errors are {@link org.besuzkml.pcs.srs.SrsException}s naming the section
 *       and byte offset. {@code readZk} also reads the blinding base of zero knowledge ({@code
 *       [beta tau^i]_1} for i < 3 from section 5, {@code [beta]_2} from section 6; zk-design.md
 *       2.2) with its checks.
 *   <li>{@link org.besuzkml.pcs.srs.DevSrs}: an insecure SRS whose tau is derived from a seed, for
 *       tests and development; flagged {@code insecure}; its beta is public too.
 *   <li>{@link org.besuzkml.pcs.srs.Srs}: the loaded powers (the prover's commitment key) and its
 *       digest {@code keccak256(u32be(N) || [tau^i]_1 (i < N) || [1]_2 || [tau]_2)}, which the vk
 *       records; with beta points also the version-2 digest, which covers them.
 * </ul>
 *
 * <p>Setup/prover side (never runs in a validator). Depends on the JDK, BouncyCastle (Keccak) and
 * {@link org.besuzkml.field}, {@link org.besuzkml.curve}, {@link org.besuzkml.msm}, {@link
 * org.besuzkml.pairing}.
 */
package org.besuzkml.pcs.srs;
