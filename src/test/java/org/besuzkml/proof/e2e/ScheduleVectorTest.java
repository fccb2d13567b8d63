package org.besuzkml.proof.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import org.besuzkml.codec.Hex;
import org.besuzkml.codec.Keccak;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.compile.CompiledModel;
import org.besuzkml.proof.compile.WireCompaction;
import org.besuzkml.proof.witness.CorpusModels;
import org.besuzkml.proof.witness.WitnessBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the whole transcript schedule of section 8: proving is deterministic (no zero
 * knowledge yet), so the keccak256 of an honest proof pins every message and every challenge in
 * order. A change to the schedule (an absorb moved, a label renamed, a zero-variable squeeze
 * skipped) moves these digests: update them only together with protocol.md section 8.
 *
 * <p>The model id is absorbed first, so a vk whose Wires are in the affine form (kind 15) gives
 * other digests than the same circuit with explicit Wires; the explicit form is version 1 as it was
 * before kind 15 existed, and must keep its digests.
 */
class ScheduleVectorTest {
  static String digest(String model) {
    Assumptions.assumeTrue(Files.isDirectory(CorpusModels.CORPUS));
    return Hex.encode(Keccak.hash(Fixtures.get(model).proof().bytes()));
  }

  /** The digest of the model compiled with every Wire explicit. */
  static String explicitDigest(String model) throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(CorpusModels.CORPUS));
    CorpusModels.Loaded l = Fixtures.load(model);
    CompiledModel cm = l.compiled();
    CompiledModel ex = new CompiledModel(WireCompaction.explicit(cm.circuit()), cm.constants(), cm.traceNames(),
        cm.model());
    ProvingKey pk = Setup.run(ex, DevSrs.create(Setup.binVars(ex), 0));
    return Hex.encode(Keccak.hash(Prover.prove(pk, WitnessBuilder.build(ex, l.trace()), true).bytes()));
  }

  @Test
  void mlpProofDigest() {
    assertEquals(MLP, digest("1l_mlp"));
  }

  /** MaxSelect's row sums (1l_max_pool); lookups, DivTensor and its r' (1l_softmax). */
  @Test
  void scheduleCornersDigests() throws Exception {
    assertEquals(MAX_POOL, explicitDigest("1l_max_pool"));
    assertEquals(SOFTMAX, explicitDigest("1l_softmax"));
    assertEquals(MAX_POOL_AFFINE, digest("1l_max_pool"));
    assertEquals(SOFTMAX_AFFINE, digest("1l_softmax"));
  }

  static final String MLP = "0x25db554cb372016c0bd0ae2aff6e2bfcd78dba2961bcb11d64de76ad31e0470e";
  static final String MAX_POOL = "0xfbb30c6537f6f9298d2603645a528144234f340a9406c0fa6bbf9845d5b233c5";
  static final String SOFTMAX = "0x5227a00b11b0d819afe242bd5f27c6505e6ca8ce4feff81ac065833b9289336c";
  static final String MAX_POOL_AFFINE = "0x95c3b6524e0ce4e0cd9927a1ea83768b98d93482101255c84e54332ad6172280";
  static final String SOFTMAX_AFFINE = "0x4961e44c966f87f19fb2a1214daea7079deb0ddb2e389d96f9e6679cb08893e3";
}
