/**
 * ONNX import: the protobuf schema ({@code src/main/proto/onnx.proto}, written from the public
 * spec's field numbers, compiled at build time into {@code org.besuzkml.onnx.proto.Onnx}), the
 * importer that turns a model file into the float {@link org.besuzkml.model.Graph} (initializers,
 * attributes, opset, symbolic dimensions set to 1, topological order, lowering of composite
 * normalizations, shape inference, constant folding, BatchNormalization folding), the corpus input
 * format, and the float reference run through ONNX Runtime.
 *
 * <p>Prover side only: depends on protobuf-java, Jackson, ONNX Runtime and {@code model}. Nothing
 * on the verifier side may import it.
 */
package org.besuzkml.onnx;
