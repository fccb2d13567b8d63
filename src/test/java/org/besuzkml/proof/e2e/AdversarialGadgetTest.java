package org.besuzkml.proof.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.besuzkml.proof.Adversary;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.Decomp;
import org.besuzkml.proof.gadget.Requant;
import org.besuzkml.proof.gadget.DivConst;
import org.besuzkml.proof.gadget.DivTensor;
import org.besuzkml.proof.gadget.Gadget;
import org.besuzkml.proof.witness.CorpusModels;
import org.besuzkml.proof.witness.Witness;
import org.besuzkml.proof.witness.WitnessBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A cheating prover lies in the gadgets' stated values (issue 7): every element of every STATE
 * message of the walk (Conv's w, u, x0; Wire's parts and finals; DivConst's and DivTensor's r~,
 * relation values and finals; limb and chunk statements; merges), then the lies that are
 * consistent everywhere but one relation: a witness that breaks exactly one relation proven by
 * the prover with every message consistent with it, and a statement other than the witness's.
 */
class AdversarialGadgetTest {
  @BeforeEach
  void corpus() {
    Assumptions.assumeTrue(Files.isDirectory(CorpusModels.CORPUS));
  }

  /**
   * Every element of every walk STATE message, plus one; the prover goes on from the lie. Under
   * mutation testing the first and last element of each message.
   */
  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "1l_max_pool", "1l_conv", "1l_mean", "1l_average",
      "div_by_activation", "concat", "avgpool_pads", "1l_pad"})
  void everyStatedValueLieRejected(String model) {
    int told = 0;
    for (int i : Lies.messages(model, m -> m.label().equals("walk/vals"))) {
      int n = Lies.honest(model).messages.get(i).count();
      for (int e = 0; e < n; e += Fixtures.MUTATION_RUN ? Math.max(1, n - 1) : 1) {
        Lies.assertRejected(model, "walk/vals " + i + " element " + e, Lies.plusOne(i, e));
        told++;
      }
    }
    assertTrue(told > 0, model);
  }

  /** Chunk statements (after the gadget walk) of a model that has chunked columns (two: slow). */
  @Test
  void chunkStatementLiesRejected() {
    String model = "1l_softmax";
    Set<Integer> read = new HashSet<>();
    Lies.byGadget(model).values().forEach(read::addAll);
    int told = 0;
    for (int i : Lies.messages(model, m -> m.section() == 4 && m.label().equals("walk/vals"))) {
      if (!read.contains(i) && Lies.honest(model).messages.get(i).count() > 1 && told < 2) {
        Lies.assertRejected(model, "chunk values " + i, Lies.plusOne(i, 1));
        told++;
      }
    }
    assertTrue(told > 0, "softmax states chunk values");
  }

  // ------------------------------------------------------------ one relation broken, rest honest

  /** Proves a witness edited right after gadget {@code at} (later gadgets evaluated from it). */
  private static void assertTamperRejected(String model, String what, WitnessBuilder.Tamper t) {
    Fixtures.Keyed k = Fixtures.get(model);
    Lies.honest(model);
    Witness w = WitnessBuilder.build(k.model().compiled(), k.model().trace(), t);
    Lies.assertRejected(k, model + ": " + what, Adversary.prove(k.pk(), w, Adversary.HONEST));
  }

  private static int first(Circuit c, Class<? extends Gadget> kind) {
    for (int i = 0; i < c.gadgets().size(); i++) {
      if (kind.isInstance(c.gadgets().get(i))) {
        return i;
      }
    }
    throw new IllegalArgumentException("no " + kind.getSimpleName());
  }

  private static int smallest(long[] v) {
    int at = 0;
    for (int i = 1; i < v.length; i++) {
      at = v[i] < v[at] ? i : at;
    }
    return at;
  }

  /** r' one more than (2c - 1) - r, still in range: only DivConst's r' check is left. */
  @ParameterizedTest
  @ValueSource(strings = {"1l_mean", "avgpool_pads"})
  void divConstRPrimeLieRejected(String model) {
    Circuit c = Fixtures.get(model).pk().vk().circuit();
    int at = first(c, DivConst.class);
    DivConst g = (DivConst) c.gadgets().get(at);
    assertTamperRejected(model, "DivConst r'", (i, x, w) -> {
      if (i == at) {
        long[] rp = w.get(g.rPrime());
        rp[smallest(rp)] += 1;
      }
    });
  }

  /** r' one more than 2d - 1 - r: only DivTensor's r' check is left. */
  @Test
  void divTensorRPrimeLieRejected() {
    String model = "div_by_activation";
    Circuit c = Fixtures.get(model).pk().vk().circuit();
    int at = first(c, DivTensor.class);
    DivTensor g = (DivTensor) c.gadgets().get(at);
    assertTamperRejected(model, "DivTensor r'", (i, x, w) -> {
      if (i == at) {
        long[] rp = w.get(g.rPrime());
        rp[smallest(rp)] += 1;
      }
    });
  }

  /** A quotient one too big (everything after evaluated from it): 2a + d != 2dq + r. */
  @Test
  void divTensorRelationLieRejected() {
    String model = "div_by_activation";
    Circuit c = Fixtures.get(model).pk().vk().circuit();
    int at = first(c, DivTensor.class);
    DivTensor g = (DivTensor) c.gadgets().get(at);
    assertTamperRejected(model, "DivTensor q + 1", (i, x, w) -> {
      if (i == at) {
        w.get(g.q())[0] += 1;
      }
    });
  }

  /** A DivConst quotient one too big: the relation's claim on a (and, tensor case, the final). */
  @ParameterizedTest
  @ValueSource(strings = {"1l_mean", "avgpool_pads"})
  void divConstRelationLieRejected(String model) {
    Circuit c = Fixtures.get(model).pk().vk().circuit();
    int at = first(c, DivConst.class);
    DivConst g = (DivConst) c.gadgets().get(at);
    assertTamperRejected(model, "DivConst q + 1", (i, x, w) -> {
      if (i == at) {
        w.get(g.q())[0] += 1;
      }
    });
  }

  /**
   * Requant's q and r moved together by one step of 2^k at one entry, after their limbs were made:
   * acc = 2^k q + r still holds at Requant's point and every limb is honest and in range, so only
   * the Decomp recomposition (the limbs against the claimed q and r) sees it. Without that check
   * the consumers of q would read a forged value.
   */
  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "1l_conv"})
  void quotientAndRemainderMovedTogetherRejected(String model) {
    Circuit c = Fixtures.get(model).pk().vk().circuit();
    int told = 0;
    for (Gadget g : c.gadgets()) {
      if (g instanceof Requant rq) {
        int at = Math.max(defineOf(c, rq.q()), defineOf(c, rq.r()));
        assertTamperRejected(model, "q + 1, r - 2^k of Requant on " + rq.acc(), (i, x, w) -> {
          if (i == at) {
            w.get(rq.q())[0] += 1;
            w.get(rq.r())[0] -= 1L << rq.k();
          }
        });
        told++;
      }
    }
    assertTrue(told > 0);
  }

  private static int defineOf(Circuit c, int tensor) {
    for (int i = 0; i < c.gadgets().size(); i++) {
      if (c.gadgets().get(i) instanceof Decomp d && d.define() && d.x() == tensor) {
        return i;
      }
    }
    throw new IllegalArgumentException("tensor " + tensor + " is not limb-backed");
  }

  /**
   * A limb-backed tensor changed after its limbs were made (consumers evaluated from the change):
   * every relation holds on what it reads; only the limb recomposition sees the difference.
   */
  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "1l_conv", "div_by_activation"})
  void valueThatIsNotItsLimbsRejected(String model) {
    Circuit c = Fixtures.get(model).pk().vk().circuit();
    int told = 0;
    for (int gi = 0; gi < c.gadgets().size(); gi++) {
      if (c.gadgets().get(gi) instanceof Decomp d && d.define()) {
        int at = gi;
        assertTamperRejected(model, "tensor " + d.x() + " differs from its limbs", (i, x, w) -> {
          if (i == at) {
            w.get(d.x())[0] += 1;
          }
        });
        told++;
      }
    }
    assertTrue(told > 0);
  }

  // ------------------------------------------------------------ a statement other than the witness's

  private static long[][] plusOne(long[][] v) {
    long[][] out = new long[v.length][];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i].clone();
    }
    out[0][0] += 1;
    return out;
  }

  /**
   * The statement's input differs from the witness's, the proof otherwise honest: only the check of
   * the walk's final claims on public inputs is left.
   */
  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "1l_conv", "concat"})
  void statedInputOtherThanProvenRejected(String model) {
    Fixtures.Keyed k = Fixtures.get(model);
    Adversary.Run h = Lies.honest(model);
    Lies.assertRejected(k, model + ": stated input + 1",
        Adversary.prove(k.pk(), k.model().honest(), plusOne(h.inputs), null, Adversary.HONEST));
  }

  /**
   * The statement's output differs from the witness's: the output claim is false and the honest
   * messages of its producer (Wire's parts for concat, Wire's final for pad) must expose it.
   */
  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "concat", "1l_pad", "1l_max_pool", "div_by_activation"})
  void statedOutputOtherThanProvenRejected(String model) {
    Fixtures.Keyed k = Fixtures.get(model);
    Adversary.Run h = Lies.honest(model);
    Lies.assertRejected(k, model + ": stated output + 1",
        Adversary.prove(k.pk(), k.model().honest(), null, plusOne(h.outputs), Adversary.HONEST));
  }

  /**
   * Public values beyond +-(2^31 - 1) (9.2's bound) in a model that would prove them (pure data
   * movement, no range check): the statement check must refuse them.
   */
  @Test
  void statementBeyondTheMagnitudeBoundRejected() {
    String model = "1l_flatten";
    Fixtures.Keyed k = Fixtures.get(model);
    Lies.honest(model);
    Circuit c = k.pk().vk().circuit();
    Witness w = k.model().honest().copy();
    long[] in = w.get(c.inputs()[0]).clone();
    long[] out = w.get(c.outputs()[0]).clone();
    in[0] = 1L << 31;
    out[0] = 1L << 31;
    w.set(c.inputs()[0], in);
    w.set(c.outputs()[0], out);
    Lies.assertRejected(k, "input 2^31", Adversary.prove(k.pk(), w, Adversary.HONEST));
  }
}
