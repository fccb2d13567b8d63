/**
 * The proof verifier of docs/protocol.md section 8 ({@link org.besuzkml.proof.verify.Verifier}),
 * with the pieces the prover shares so that both sides absorb the same messages in the same order:
 * the statement ({@link org.besuzkml.proof.verify.Statement}), the lookup layout
 * ({@link org.besuzkml.proof.verify.LookupSetup}), the claim bookkeeping around the gadget walk
 * ({@link org.besuzkml.proof.verify.Walk} over a {@link org.besuzkml.proof.verify.Side}: the prover
 * computes and writes each stated value, the verifier reads it), the opening reduction's weights
 * ({@link org.besuzkml.proof.verify.OpeningReduction}) and the proof's section layout
 * ({@link org.besuzkml.proof.verify.ProofDecoder}: the one place proof bytes are decoded and checked).
 *
 * <p>Phases: 0 statement (model id, public values), 1 witness bin commitments, 2 LogUp-GKR
 * ({@code lookup}), 3 backward walk ({@code proof.gadget.BackwardWalk} and the per-gadget
 * arguments; claims on public tensors are evaluated by the verifier, claims on committed/constant
 * tensors become opening claims on bins), 4 opening reduction (one sumcheck), 5 one HyperKZG
 * opening. Section 12.7 lists where this differs from the text of sections 8 and 12.
 *
 * <p>Consensus code: depends only on the JDK and the consensus packages (field, poly, transcript,
 * curve, pcs, sumcheck, lookup, proof.gadget, codec); deterministic; {@link
 * org.besuzkml.proof.verify.Verifier#verify} never throws (internal rejections are
 * {@link org.besuzkml.proof.verify.Rejection}s caught at the top, as is any runtime error) and
 * reads every count from the vk. The prover's {@link org.besuzkml.proof.verify.Side} lives in
 * {@code org.besuzkml.proof}.
 */
package org.besuzkml.proof.verify;
