package org.besuzkml.proof.compile;

import java.util.Map;
import org.besuzkml.model.quant.QuantizedModel;
import org.besuzkml.proof.gadget.Circuit;

/**
 * The compiler's output: the verifier-visible {@link Circuit}, and for the prover the values of
 * every CONSTANT tensor, the engine trace name of the tensors the engine records (for the
 * lowering cross-check), and the engine model (to recompute traces).
 */
public record CompiledModel(Circuit circuit, Map<Integer, long[]> constants,
    Map<Integer, String> traceNames, QuantizedModel model) {}
