/**
 * The proof verifier of docs/protocol.md section 8 ({@link org.besuzkml.proof.verify.Verifier}) and
 * the claim flow that the prover runs identically ({@link org.besuzkml.proof.verify.Walk}, the
 * per-gadget scripts {@link org.besuzkml.proof.verify.GadgetScripts}, over a
 * {@link org.besuzkml.proof.verify.Side}: the prover computes and writes each message, the
 * verifier reads it; both absorb it the same way, so the two cannot drift apart).
 *
 * <p>Phases: 0 statement (model id, public values), 1 witness bin commitments, 2 LogUp-GKR
 * ({@code lookup}), 3 backward walk (claims on public tensors are evaluated by the verifier,
 * claims on committed/constant tensors become opening claims on bins, claims on virtual tensors
 * are reduced by their producer), 4 opening reduction (one sumcheck), 5 one HyperKZG opening.
 *
 * <p>Consensus code: depends only on the JDK and the consensus packages (field, poly, transcript,
 * curve, pcs, sumcheck, lookup, proof.gadget, codec); deterministic; {@link
 * org.besuzkml.proof.verify.Verifier#verify} never throws (internal rejections are
 * {@link org.besuzkml.proof.verify.Rejection}s caught at the top) and reads every count from the
 * vk. The prover-side {@link org.besuzkml.proof.verify.Side} lives in {@code org.besuzkml.proof}.
 */
package org.besuzkml.proof.verify;
