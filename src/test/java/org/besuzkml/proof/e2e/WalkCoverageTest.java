package org.besuzkml.proof.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.besuzkml.codec.Container;
import org.besuzkml.proof.gadget.Decomp;
import org.besuzkml.proof.gadget.DivConst;
import org.besuzkml.proof.gadget.DivTensor;
import org.besuzkml.proof.gadget.Gadget;
import org.besuzkml.proof.gadget.MaxSelect;
import org.besuzkml.proof.gadget.Poly;
import org.besuzkml.proof.gadget.Requant;
import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.verify.VerifyResult;
import org.besuzkml.proof.witness.CorpusModels;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every relation check runs, by construction (issue 7): on real models covering every gadget
 * kind, the verifier visits every gadget (the Decomp defines are expanded where their tensor is
 * claimed), every gadget with a relation of its own reads messages whether or not a consumer made
 * a claim, and a lie in the first message any gadget reads is rejected.
 */
class WalkCoverageTest {
  static final List<String> MODELS = CorpusModels.EVERY_GADGET_KIND;
  static final Set<String> ALL_KINDS = Set.of("Alias", "Contract", "Conv", "Decomp", "DivConst",
      "DivTensor", "Lin", "Lookup", "MaxSelect", "Poly", "ReduceSum", "Requant", "Wire", "ZeroBit");

  @BeforeEach
  void corpus() {
    Assumptions.assumeTrue(Files.isDirectory(CorpusModels.CORPUS));
  }

  /** Gadgets whose relation must hold whatever the consumers claim (their fresh-point checks). */
  static boolean ownRelation(Gadget g) {
    return g instanceof Requant || g instanceof DivConst || g instanceof DivTensor
        || g instanceof MaxSelect || (g instanceof Decomp d && !d.define())
        || (g instanceof Poly p && p.zeroCheck());
  }

  @Test
  void everyGadgetKindIsVerifiedAndALieInItsFirstMessageIsRejected() {
    Set<String> kinds = new TreeSet<>();
    int lies = 0;
    for (String m : MODELS) {
      Fixtures.Keyed k = Fixtures.get(m);
      var c = k.pk().vk().circuit();
      List<int[]> spans = new ArrayList<>();
      VerifyResult r = Verifier.verify(k.pk().vk(), k.proof().inputs(), k.proof().outputs(),
          k.proof().bytes(), Verifier.SrsPolicy.ALLOW_DEV,
          (g, from, to) -> spans.add(new int[] {g, from, to}));
      assertTrue(r.valid(), m + ": " + r);
      boolean[] seen = new boolean[c.gadgets().size()];
      for (int[] s : spans) {
        assertFalse(seen[s[0]], m + ": gadget " + s[0] + " visited twice");
        seen[s[0]] = true;
      }
      for (int gi = 0; gi < seen.length; gi++) {
        Gadget g = c.gadgets().get(gi);
        kinds.add(g.kind());
        assertEquals(!(g instanceof Decomp d && d.define()), seen[gi],
            m + ": gadget " + gi + " (" + g.kind() + ") visited");
      }
      int[] walk = Container.decode(k.proof().bytes(), Container.PROOF, 6).value();
      for (int[] s : spans) {
        Gadget g = c.gadgets().get(s[0]);
        if (ownRelation(g)) {
          assertTrue(s[2] > s[1], m + ": gadget " + s[0] + " (" + g.kind() + ") read no message");
        }
        if (s[2] > s[1]) {
          assertTrue(s[1] >= walk[6] && s[2] <= walk[7], "span inside the WALK section");
          byte[] bad = k.proof().bytes().clone();
          bad[s[1] + 31] ^= 1; // the first element it reads, changed in its lowest bit
          VerifyResult lie = Verifier.verify(k.pk().vk(), k.proof().inputs(), k.proof().outputs(),
              bad, Verifier.SrsPolicy.ALLOW_DEV);
          assertFalse(lie.valid(), m + ": a lie in gadget " + s[0] + " (" + g.kind() + ") accepted");
          lies++;
        }
      }
    }
    assertEquals(ALL_KINDS, kinds, "every gadget kind appears in the models walked");
    assertTrue(lies > 80, "lies told: " + lies);
  }
}
