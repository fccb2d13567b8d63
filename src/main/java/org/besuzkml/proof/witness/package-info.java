/**
 * Prover side: the integer witness of a compiled model. {@link org.besuzkml.proof.witness.WitnessBuilder}
 * takes the engine's trace (public inputs) and the compiled constants, evaluates every gadget in
 * order ({@link org.besuzkml.proof.witness.GadgetEvaluator}: deterministic outputs and the advice
 * columns of section 6: limbs, signs, remainders, table outputs, selector bits), and cross-checks
 * every tensor the engine also records against the trace. {@link
 * org.besuzkml.proof.witness.WitnessChecker} evaluates every gadget relation exactly over the
 * integers (the first test of each gadget; soundness tests corrupt the witness through the
 * builder's {@link org.besuzkml.proof.witness.WitnessBuilder.Tamper} hook).
 * {@link org.besuzkml.proof.witness.LookupCounts} gives the logUp multiplicities (5.6) and
 * {@link org.besuzkml.proof.witness.WitnessBins} the bin contents of the layout of section 7.2
 * ({@link org.besuzkml.proof.gadget.ColumnLayout}); {@link org.besuzkml.proof.witness.WitnessTables}
 * hands the gadget provers the padded Montgomery tables.
 *
 * <p>Values are logical (unpadded) row-major {@code long} arrays; the padded layout of section 1.3
 * is {@link org.besuzkml.proof.gadget.TensorInfo#paddedIndex} with zeros elsewhere. May depend on
 * {@code model}, {@code proof.gadget}, {@code proof.compile}.
 */
package org.besuzkml.proof.witness;
