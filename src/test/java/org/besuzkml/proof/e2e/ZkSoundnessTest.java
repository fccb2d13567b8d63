package org.besuzkml.proof.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ZkProver;
import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.verify.VerifyResult;
import org.besuzkml.proof.witness.WitnessAttacks;
import org.besuzkml.zk.SeededRandomness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SoundnessTest's cheating witnesses under the zero-knowledge key: the zk prover turns each into a
 * proof (strict off) and the zk verifier rejects it, as version 1's does (zk-design 9).
 */
class ZkSoundnessTest {
  /**
   * A witness whose lookups fail cannot be proven: the zk lookup prover derives its claims by replaying
   * the verifier and refuses (ZkLogUpTest shows the verifier catching such a proof); every other attack
   * gives a proof the verifier rejects.
   */
  private static void assertLookupRefused(ZkFixtures.Keyed k, WitnessAttacks.Attack a) {
    Prover.ProveException e = assertThrows(Prover.ProveException.class,
        () -> ZkProver.prove(k.pk(), a.apply(k.model()), false, SeededRandomness.of(3)), a.name());
    assertTrue(e.getMessage().startsWith("the lookup proof does not verify"), e.getMessage());
  }

  private static String assertRejects(ZkFixtures.Keyed k, WitnessAttacks.Attack a) {
    Prover.Proof p = ZkProver.prove(k.pk(), a.apply(k.model()), false, SeededRandomness.of(3));
    VerifyResult r = Verifier.verify(k.pk().vk().bytes(), p.inputs(), p.outputs(), p.bytes(),
        Verifier.SrsPolicy.ALLOW_DEV);
    assertFalse(r.valid(), a.name() + " was accepted");
    assertNotNull(r.reason());
    return r.reason();
  }

  /** lenet_5 for scale, but not under mutation testing, where PIT reruns the sweep for each survivor. */
  static java.util.stream.Stream<String> cheatModels() {
    return Fixtures.MUTATION_RUN ? java.util.stream.Stream.of("1l_mlp") : java.util.stream.Stream.of("1l_mlp", "lenet_5");
  }

  @ParameterizedTest
  @MethodSource("cheatModels")
  void cheatingWitnessesRejected(String model) {
    ZkFixtures.Keyed k = ZkFixtures.get(model);
    assertRejects(k, WitnessAttacks.activationOffByOne(k.model().compiled()));
    assertRejects(k, WitnessAttacks.wrongRounding(k.model().compiled()));
    assertRejects(k, WitnessAttacks.weightsDifferentFromCommitted(k.model().compiled()));
  }

  @Test
  void reluLookupAndMaxSelectAttacksRejected() {
    ZkFixtures.Keyed k = ZkFixtures.get("1l_mlp");
    ZkFixtures.Keyed s = ZkFixtures.get("1l_sigmoid");
    ZkFixtures.Keyed m = ZkFixtures.get("1l_max_pool");
    assertRejects(k, WitnessAttacks.reluLettingNegativeThrough(k.model().compiled()));
    assertLookupRefused(k, WitnessAttacks.reluSignForged(k.model().compiled()));
    assertLookupRefused(s, WitnessAttacks.lookupOutputNotInTable(s.model().compiled()));
    // issue 7 finding 1 under zk: MaxSelect's own check names it
    String r = assertRejects(m, WitnessAttacks.maxSelectTwoTaps(m.model().compiled()));
    assertTrue(r.contains("MaxSelect"), r);
  }
}
