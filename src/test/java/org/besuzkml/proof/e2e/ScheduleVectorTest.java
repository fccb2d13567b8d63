package org.besuzkml.proof.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import org.besuzkml.codec.Hex;
import org.besuzkml.codec.Keccak;
import org.besuzkml.proof.witness.CorpusModels;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the whole transcript schedule of section 8: proving is deterministic (no zero
 * knowledge yet), so the keccak256 of an honest proof pins every message and every challenge in
 * order. A change to the schedule (an absorb moved, a label renamed, a zero-variable squeeze
 * skipped) moves these digests: update them only together with protocol.md section 8.
 */
class ScheduleVectorTest {
  static String digest(String model) {
    Assumptions.assumeTrue(Files.isDirectory(CorpusModels.CORPUS));
    return Hex.encode(Keccak.hash(Fixtures.get(model).proof().bytes()));
  }

  @Test
  void mlpProofDigest() {
    assertEquals(MLP, digest("1l_mlp"));
  }

  /** MaxSelect's row sums (1l_max_pool); lookups, DivTensor and its r' (1l_softmax). */
  @Test
  void scheduleCornersDigests() {
    assertEquals(MAX_POOL, digest("1l_max_pool"));
    assertEquals(SOFTMAX, digest("1l_softmax"));
  }

  static final String MLP = "0x25db554cb372016c0bd0ae2aff6e2bfcd78dba2961bcb11d64de76ad31e0470e";
  static final String MAX_POOL = "0xfbb30c6537f6f9298d2603645a528144234f340a9406c0fa6bbf9845d5b233c5";
  static final String SOFTMAX = "0x5227a00b11b0d819afe242bd5f27c6505e6ca8ce4feff81ac065833b9289336c";
}
