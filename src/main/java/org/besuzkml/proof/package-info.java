/**
 * The prover side of docs/protocol.md section 8: {@link org.besuzkml.proof.Setup} (model bins,
 * their commitments, the verifying key), {@link org.besuzkml.proof.Prover} (engine trace, witness,
 * witness bins, LogUp-GKR, backward walk, opening reduction, HyperKZG), the proving key and the
 * model-directory files ({@link org.besuzkml.proof.ModelFiles}: model.bzkm, pk.bzkk, vk.bzkv) and
 * the proof JSON ({@link org.besuzkml.proof.ProofJson}, written by {@code prove} and the sidecar).
 * Subpackages: {@code compile} (model to gadget list), {@code witness}, {@code gadget} (gadget
 * descriptions and arguments, consensus), {@code verify} (the verifier, consensus).
 *
 * <p>Prover-side code: may use the model and onnx packages; throws
 * {@link org.besuzkml.proof.Prover.ProveException} with one line naming the problem (an
 * unsupported gadget, a witness entry outside its table).
 */
package org.besuzkml.proof;
