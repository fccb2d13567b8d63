/**
 * One class per op family, each implementing {@link org.besuzkml.model.ops.Op}: shape inference,
 * float semantics and quantization into an integer {@link org.besuzkml.model.quant.IntOp}.
 * {@link org.besuzkml.model.ops.OpRegistry} maps ONNX op types to implementations, so adding an op
 * is a local change. The integer semantics of every op are specified in docs/fixed-point.md.
 *
 * <p>Depends only on the JDK and the {@code model} and {@code model.quant} packages.
 */
package org.besuzkml.model.ops;
