package org.besuzkml.proof.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.stream.Stream;
import org.besuzkml.codec.Container;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.field.Fr;
import org.besuzkml.proof.verify.ProofDecoder;
import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.verify.VerifierCost;
import org.besuzkml.proof.verify.VerifyResult;
import org.besuzkml.proof.witness.CorpusModels;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * protocol.md 10.1 and 10.4 on every corpus model: the work a real verification does (Fr
 * multiplications counted by the field kernels, bytes allocated by the verifying thread, the WALK
 * section's length; MSM points and Miller loops counted by Msm and Pairing, which must equal the
 * bound) is at most {@link VerifierCost}'s bound, the bound is within {@link #SLACK}
 * of it (so it prices gas honestly), the proof has exactly the size the vk fixes, and every
 * corpus model is far inside {@link Verifier.Limits#DEFAULT}.
 */
class VerifierCostTest {
  /**
   * The bound may exceed the measured figure by at most this factor, plus {@link #FIXED_MULS} (the
   * phase 4-5 terms are priced for the worst case, which dominates a model of a few gadgets).
   */
  static final long SLACK = 4;
  static final long FIXED_MULS = 4096;
  /** Every corpus model's cost is at most this fraction of each default limit. */
  static final long MARGIN = 8;

  /**
   * Every corpus model and the synthetic one; under mutation testing the models that together
   * have every gadget kind (WalkCoverageTest's, lenet_5 aside).
   */
  static Stream<String> models() throws Exception {
    if (Fixtures.MUTATION_RUN) {
      return WalkCoverageTest.MODELS.stream().filter(m -> !m.equals("lenet_5"));
    }
    return Stream.concat(CorpusModels.names(), Stream.of("div_by_activation"));
  }

  record Measured(long muls, long alloc, long msmPoints, long millerLoops, VerifyResult result) {}

  static Measured measure(VerifyingKey vk, Fixtures.Keyed k) {
    return measure(vk, k.proof());
  }

  /** The counts of one verification of {@code p} against vk (either version: Verifier dispatches). */
  static Measured measure(VerifyingKey vk, org.besuzkml.proof.Prover.Proof p) {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    Fr.resetMulCount();
    org.besuzkml.msm.Msm.resetCounts();
    org.besuzkml.pairing.Pairing.resetCounts();
    long a0 = mx.getThreadAllocatedBytes(tid);
    VerifyResult r = Verifier.verify(vk, p.inputs(), p.outputs(), p.bytes(), Verifier.SrsPolicy.ALLOW_DEV);
    long a1 = mx.getThreadAllocatedBytes(tid);
    return new Measured(Fr.mulCount(), a1 - a0, org.besuzkml.msm.Msm.countedPoints(),
        org.besuzkml.pairing.Pairing.countedMillerLoops(), r);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void countsAreWithinTheBound(String name) {
    Fixtures.Keyed k = Fixtures.get(name);
    VerifyingKey vk = k.pk().vk();
    VerifierCost cost = VerifierCost.of(vk);
    byte[] proof = k.proof().bytes();
    assertEquals(cost.proofBytes(), proof.length, name + ": proof size");
    int[] b = Container.decode(proof, Container.PROOF, ProofDecoder.SECTIONS).value();
    long walk = (b[7] - b[6]) / Fr.BYTES;
    assertEquals(cost.walkElements(), walk, name + ": WALK elements");
    measure(vk, k); // warm up (class loading, JIT) so the allocation figure is the verifier's own
    Measured m = measure(vk, k);
    assertTrue(m.result().valid(), name + ": " + m.result());
    System.out.printf("COST %s: muls %d / bound %d (x%.2f), alloc %d / bound %d (x%.2f), walk %d,"
        + " J %d, msm %d, proof %d B, keccak %d%n", name, m.muls(), cost.fieldMuls(),
        cost.fieldMuls() / (double) Math.max(1, m.muls()), m.alloc(),
        cost.allocBytes() + VerifierCost.FIXED_ALLOC,
        (cost.allocBytes() + VerifierCost.FIXED_ALLOC) / (double) Math.max(1, m.alloc()), walk,
        cost.openingClaims(), cost.msmPoints(), proof.length, cost.keccakPermutations());
    Verifier.Limits d = Verifier.Limits.DEFAULT;
    Verifier.Limits tight = new Verifier.Limits(d.maxFieldMuls() / MARGIN,
        d.maxAllocBytes() / MARGIN, d.maxMsmPoints() / MARGIN, d.maxProofBytes() / MARGIN,
        d.maxKeccakPermutations() / MARGIN);
    assertNull(cost.exceeds(tight), name + ": within an eighth of the default limits");

    assertTrue(m.alloc() <= cost.allocBytes() + VerifierCost.FIXED_ALLOC, name + ": allocation");
    Assumptions.assumeTrue(Fr.COUNTING, "field counting is off (-Dzkml.countFieldOps=true)");
    assertEquals(cost.msmPoints(), m.msmPoints(), name + ": MSM points");
    assertEquals(cost.millerLoops(), m.millerLoops(), name + ": Miller loops");
    assertTrue(m.muls() <= cost.fieldMuls(), name + ": " + m.muls() + " muls > bound "
        + cost.fieldMuls());
    assertTrue(cost.fieldMuls() <= SLACK * m.muls() + FIXED_MULS, name + ": bound " + cost.fieldMuls()
        + " is more than " + SLACK + "x the " + m.muls() + " muls measured");
  }
}
