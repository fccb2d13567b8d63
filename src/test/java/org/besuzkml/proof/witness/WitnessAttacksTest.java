package org.besuzkml.proof.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The attacks on the integer witness: each is caught by the relation named for it. */
class WitnessAttacksTest {
  @BeforeEach
  void corpus() {
    Assumptions.assumeTrue(Files.isDirectory(CorpusModels.CORPUS));
  }

  private static Set<String> caught(CorpusModels.Loaded l, WitnessAttacks.Attack a) {
    List<WitnessChecker.Failure> f = WitnessChecker.check(l.compiled(), a.apply(l));
    assertFalse(f.isEmpty(), a.name() + " passed the checker on " + l.name());
    return f.stream().map(WitnessChecker.Failure::kind).collect(Collectors.toSet());
  }

  private static void expectOnly(String model, WitnessAttacks.Attack a) throws Exception {
    CorpusModels.Loaded l = CorpusModels.load(model);
    assertEquals(List.of(), WitnessChecker.check(l.compiled(), l.honest()), "honest " + model);
    assertEquals(Set.of(a.caughtBy()), caught(l, a), a.name() + " on " + model);
  }

  @Test
  void activationOffByOneRejected() throws Exception {
    for (String m : List.of("1l_mlp", "lenet_5")) {
      expectOnly(m, WitnessAttacks.activationOffByOne(CorpusModels.load(m).compiled()));
    }
  }

  @Test
  void reluLettingNegativeThroughRejected() throws Exception {
    CorpusModels.Loaded l = CorpusModels.load("1l_relu");
    expectOnly("1l_relu", WitnessAttacks.reluLettingNegativeThrough(l.compiled()));
    expectOnly("1l_relu", WitnessAttacks.reluSignForged(l.compiled()));
  }

  @Test
  void wrongRoundingRejected() throws Exception {
    for (String m : List.of("1l_mlp", "lenet_5")) {
      expectOnly(m, WitnessAttacks.wrongRounding(CorpusModels.load(m).compiled()));
    }
  }

  @Test
  void lookupOutputNotInTableRejected() throws Exception {
    for (String m : List.of("1l_sigmoid", "1l_softmax")) {
      expectOnly(m, WitnessAttacks.lookupOutputNotInTable(CorpusModels.load(m).compiled()));
    }
  }

  @Test
  void weightsDifferentFromCommittedRejected() throws Exception {
    for (String m : List.of("1l_mlp", "lenet_5")) {
      CorpusModels.Loaded l = CorpusModels.load(m);
      WitnessAttacks.Attack a = WitnessAttacks.weightsDifferentFromCommitted(l.compiled());
      assertTrue(caught(l, a).contains("Constant"), m);
      // every gadget relation still holds: only the commitment catches it
      assertEquals(Set.of("Constant"), caught(l, a), m);
    }
  }
}
