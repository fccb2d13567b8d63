/**
 * Fixed point: values are integers q with a static per-tensor power-of-two scale s (value q /
 * 2^s); products are brought back by {@link org.besuzkml.model.quant.FixedPoint#rescale} (round
 * half up, the only rounding rule); nonlinear functions are
 * {@link org.besuzkml.model.quant.LookupTable}s of at most 2^16 entries over a calibrated domain,
 * clamping outside it. {@link org.besuzkml.model.quant.Calibrator} chooses the scales,
 * {@link org.besuzkml.model.quant.QuantizedModel} is the integer model and its evaluation returns
 * the full {@link org.besuzkml.model.quant.Trace}, the future witness. The contract is written in
 * docs/fixed-point.md.
 *
 * <p>Depends only on the JDK and {@code model}; no floating point is used during integer
 * evaluation (only when building tables and quantizing constants).
 */
package org.besuzkml.model.quant;
