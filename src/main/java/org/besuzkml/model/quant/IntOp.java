package org.besuzkml.model.quant;

/**
 * The integer semantics of one quantized node. Inputs that are graph constants arrive as null (the
 * op holds them quantized); outputs are checked against the activation bound by the engine.
 */
@FunctionalInterface
public interface IntOp {
  QTensor[] eval(QTensor[] inputs, Trace trace);
}
