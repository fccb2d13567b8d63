/**
 * Verifier-side descriptions of the proof's gadgets (docs/protocol.md section 6): the tensor table
 * ({@link org.besuzkml.proof.gadget.TensorInfo}: kind, logical shape, padded layout of section
 * 1.3), one record per gadget kind ({@link org.besuzkml.proof.gadget.Contract},
 * {@link org.besuzkml.proof.gadget.Requant}, {@link org.besuzkml.proof.gadget.Decomp}, ...), the
 * lookup tables ({@link org.besuzkml.proof.gadget.TableInfo}) and the whole list
 * ({@link org.besuzkml.proof.gadget.Circuit}), which is what the vk carries.
 *
 * <p>Every record states its relation over the integers on logical (unpadded) tensors; padding is
 * zero and every relation is written so that it also holds on padding (section 1.3). Shapes are
 * row-major; a size-1 dimension of an input broadcasts along the output (numpy rules, equal ranks).
 *
 * <p>Consensus code: depends only on the JDK (and later the crypto packages for the per-gadget
 * verifiers); never on {@code model}, {@code onnx} or the prover side ({@code proof.compile},
 * {@code proof.witness}). No floating point.
 */
package org.besuzkml.proof.gadget;
