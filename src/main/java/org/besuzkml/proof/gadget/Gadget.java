package org.besuzkml.proof.gadget;

/**
 * One gadget of section 6: a relation between tensors, identified by tensor ids. {@link #inputs()}
 * are the tensors it reads, {@link #outputs()} the ones it defines. The records are plain data: the
 * vk lists them, the prover-side witness builder evaluates them, and the per-gadget verifiers check
 * them.
 */
public sealed interface Gadget
    permits Alias, Wire, Lin, Poly, ReduceSum, Contract, Conv, Requant, Decomp, DivConst, DivTensor,
        MaxSelect, Lookup, ZeroBit {
  /** Short kind name (the key of the prover/verifier maps). */
  String kind();

  int[] inputs();

  int[] outputs();

  /**
   * Linear gadgets (section 4.4 step 1) map each pending claim separately instead of merging.
   */
  default boolean linear() {
    return false;
  }
}
