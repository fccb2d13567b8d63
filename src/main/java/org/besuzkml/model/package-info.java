/**
 * The float graph IR: {@link org.besuzkml.model.Tensor} (static shape, row-major doubles),
 * {@link org.besuzkml.model.Node}, {@link org.besuzkml.model.Graph} (topologically ordered,
 * shapes inferred, constants folded), the float evaluator used for calibration, and the accuracy
 * measure against a float reference.
 *
 * <p>The data flow is ONNX -> {@code Graph} (float) -> {@code quant.QuantizedModel} (integer) ->
 * {@code quant.Trace} (the witness). This package knows nothing of ONNX protobuf, ONNX Runtime or
 * proving; it depends only on the JDK.
 */
package org.besuzkml.model;
