/**
 * Prover side: lowers the engine's integer model ({@code model.quant.QuantizedModel}) into the
 * gadget list of docs/protocol.md section 6 ({@link org.besuzkml.proof.compile.Compiler}). Each
 * engine op becomes a short sequence of gadgets whose integer semantics equal the engine's exactly;
 * an op that cannot be lowered fails with a {@link org.besuzkml.proof.compile.CompileException}
 * naming the node and the op, never silently. Tensors that the engine records in its trace carry
 * the trace name, so the witness builder can check the lowering against the engine.
 *
 * <p>May depend on {@code model}, {@code model.quant} and {@code proof.gadget}.
 */
package org.besuzkml.proof.compile;
