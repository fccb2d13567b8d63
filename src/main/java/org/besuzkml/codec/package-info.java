/**
 * The versioned binary formats of docs/protocol.md section 12: the container (magic, version,
 * flags, length, tagged sections in increasing order), the verifying key "BZKV"
 * ({@link org.besuzkml.codec.VkCodec}, {@link org.besuzkml.codec.VerifyingKey}), the gadget
 * parameter layouts ({@link org.besuzkml.codec.GadgetCodec}); model id = keccak256(vk bytes).
 *
 * <p>Decoding is strict (12.2): every count is checked against its limit and the remaining bytes
 * before anything is allocated, field elements must be canonical, points on the curve, sections
 * complete with no trailing bytes; decoders return {@link org.besuzkml.codec.Decoded} and never
 * throw. Consensus code: depends only on the JDK, BouncyCastle (Keccak) and the consensus packages
 * (field, curve, pcs, proof.gadget). The proving key and compiled-model files are written by the
 * prover side ({@code org.besuzkml.proof.ProvingKey}).
 */
package org.besuzkml.codec;
