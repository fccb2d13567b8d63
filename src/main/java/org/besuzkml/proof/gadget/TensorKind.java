package org.besuzkml.proof.gadget;

/** Section 4.3: who knows a tensor's values and how claims on it are discharged. */
public enum TensorKind {
  /** A model input: the verifier evaluates its MLE from the public values. */
  PUBLIC_INPUT,
  /** Weights, biases, constant tensors, function-table columns: committed at setup (model bins). */
  CONSTANT,
  /** Advice the prover chooses freely: limbs, signs, remainders, table outputs, selector bits. */
  COMMITTED,
  /** Everything else (accumulators, products, moved data): never committed. */
  VIRTUAL
}
