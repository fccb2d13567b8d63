package org.besuzkml.proof.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.proof.witness.CorpusModels;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A cheating prover lies in sumcheck round polynomials (issue 7): in the lookup tree, every
 * gadget's walk and the opening reduction. The encoding sends (c_0, c_2..c_d) and the verifier
 * derives c_1 from the running claim, so every lie below still satisfies g(0) + g(1) = claim (the
 * smart lie): it is wrong only away from {0, 1}, the prover keeps going from the challenges it
 * causes, and only a final check can notice.
 */
class AdversarialSumcheckTest {
  static final List<String> MODELS = List.of("1l_mlp", "1l_max_pool", "1l_conv", "1l_mean",
      "1l_average", "div_by_activation", "1l_pad", "concat", "avgpool_pads");

  @BeforeEach
  void corpus() {
    Assumptions.assumeTrue(Files.isDirectory(CorpusModels.CORPUS));
  }

  /** Sanity: without a lie the adversary is the honest prover (same bytes) and is accepted. */
  @Test
  void untamperedAdversaryIsAccepted() {
    for (String m : MODELS) {
      Lies.honest(m);
    }
    Lies.honest("1l_softmax");
  }

  /**
   * Every round polynomial of every walk sumcheck (gadgets and claim merges), and a spread of the
   * lookup tree's and the opening reduction's, with c_0 (even rounds) or the top coefficient (odd
   * rounds) changed.
   */
  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "1l_max_pool", "1l_conv", "1l_mean", "1l_average",
      "div_by_activation", "1l_pad", "concat", "avgpool_pads", "1l_downsample"})
  void everyRoundPolynomialLieRejected(String model) {
    List<Integer> polys = Lies.messages(model, m -> m.label().equals("sc/poly"));
    int told = 0;
    for (int n = 0; n < polys.size(); n++) {
      var msg = Lies.honest(model).messages.get(polys.get(n));
      boolean walk = msg.section() == 4;
      if (!walk && n % 9 != 0 && n != polys.size() - 1) {
        continue; // the tree's and the reduction's rounds all run the same code: a spread suffices
      }
      int e = n % 2 == 0 ? 0 : msg.count() - 1;
      Lies.assertRejected(model, "round polynomial " + msg.index() + " (section " + msg.section()
          + ", coefficient " + e + ")", Lies.plusOne(msg.index(), e));
      told++;
    }
    assertTrue(told >= Math.min(4, polys.size()), model + ": lies told " + told);
  }

  /** Too many or too few coefficients: the next message is misread and the lengths disagree. */
  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "1l_conv", "div_by_activation", "1l_pad"})
  void roundPolynomialOfWrongDegreeRejected(String model) {
    List<Integer> polys = Lies.messages(model, m -> m.label().equals("sc/poly"));
    for (int s = 3; s <= 5; s++) {
      final int section = s;
      List<Integer> in = Lies.messages(model, m -> m.label().equals("sc/poly") && m.section() == section);
      if (in.isEmpty()) {
        continue;
      }
      for (int i : new int[] {in.get(0), in.get(in.size() - 1)}) {
        Lies.assertRejected(model, "poly " + i + " one coefficient too many", Lies.longer(i));
        Lies.assertRejected(model, "poly " + i + " one coefficient too few", Lies.shorter(i));
      }
    }
    assertTrue(!polys.isEmpty());
  }

  /**
   * The lie of highest degree of freedom in the last round: g + delta X (X - 1) keeps g(0), g(1)
   * and every earlier check; only the gadget's final check is left to catch it (kills each final).
   */
  @ParameterizedTest
  // 1l_downsample: a Conv whose window sumcheck has rounds (1l_conv's has none)
  @ValueSource(strings = {"1l_mlp", "1l_conv", "div_by_activation", "avgpool_pads", "1l_max_pool",
      "1l_downsample", "concat", "1l_pad"})
  void lastRoundLieOfEveryGadgetSumcheckRejected(String model) {
    var byGadget = Lies.byGadget(model);
    var c = Fixtures.get(model).pk().vk().circuit();
    int told = 0;
    for (var e : byGadget.entrySet()) {
      Integer last = null;
      for (int i : e.getValue()) {
        var msg = Lies.honest(model).messages.get(i);
        if (msg.label().equals("sc/poly") && msg.count() >= 2) {
          last = i;
        }
      }
      if (last != null) {
        int i = last;
        // c_2 + delta (c_1 derived, so c_1 - delta): g + delta (X^2 - X)
        Lies.assertRejected(model, "gadget " + e.getKey() + " (" + c.gadgets().get(e.getKey()).kind()
            + ") last round", Lies.at(i, (v, r) -> {
              Fr.add(v, L, v, L, Lies.one(), 0);
              return v;
            }));
        told++;
      }
    }
    assertTrue(told > 0, model);
  }

  static final int L = Fr.LIMBS;
}
