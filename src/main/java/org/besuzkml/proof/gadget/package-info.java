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
 * <p>Arguments (4.4): one prover and one verifier per gadget kind ({@code ContractArgument},
 * {@code ConvArgument}, {@code PolyArgument}, {@code WireArgument}, {@code RequantArgument},
 * {@code DecompArgument}, {@code DivConstArgument}, {@code LinearArguments} for Lin, ReduceSum and
 * Alias, {@code SelectionArguments} for MaxSelect, DivTensor, Lookup, ZeroBit), registered by kind
 * in {@link org.besuzkml.proof.gadget.GadgetArguments}: claims on outputs in, claims on inputs out.
 * {@link org.besuzkml.proof.gadget.BackwardWalk} is phase 3 of section 8 over the whole list.
 * {@link org.besuzkml.proof.gadget.LookupPlan} and {@link org.besuzkml.proof.gadget.ColumnLayout}
 * derive the lookup instances and the bin layout of 7.2 from the circuit alone.
 *
 * <p>Zero knowledge (docs/zk-design.md 4, step 7, not wired in yet):
 * {@link org.besuzkml.proof.gadget.ZkGadgetArguments} holds the masked arguments by kind, on
 * masked claims ({@link org.besuzkml.proof.gadget.ZkClaim}); each stated value takes a slot of the
 * mask column from {@link org.besuzkml.proof.gadget.ZkMasks}, and each check involving a mask is
 * deferred there as a Lambda-claim ({@code mask} package). Values stated in linear contexts are
 * masked additively ({@code ZkStatements}); values stated at the end of a sumcheck (Contract, Poly,
 * {@code ZkClaimMerge}) as masked extensions in the run's last variable ({@code ZkSumcheckEnd}).
 *
 * <p>Consensus code: depends only on the JDK and the crypto packages ({@code field}, {@code poly},
 * {@code transcript}, {@code sumcheck}, {@code mask}); never on {@code model}, {@code onnx} or the prover side
 * ({@code proof.compile}, {@code proof.witness}); the provers here read the witness only through
 * {@link org.besuzkml.proof.gadget.ProverTables}. No floating point. Verifiers never throw on proof
 * content ({@code GadgetArguments.verify} also turns any runtime error into a rejection).
 */
package org.besuzkml.proof.gadget;
