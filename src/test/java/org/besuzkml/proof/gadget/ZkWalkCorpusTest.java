package org.besuzkml.proof.gadget;

import static org.besuzkml.proof.gadget.ZkWalkFixture.L;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.MaskCursor;
import org.besuzkml.mask.MaskForm;
import org.besuzkml.proof.witness.CorpusModels;
import org.besuzkml.proof.witness.Witness;
import org.besuzkml.proof.witness.WitnessTables;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.transcript.Transcript;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The zero-knowledge walk arguments of step 7 (parts 1 to 3, and Conv) on compiled corpus models: every
 * Lin, ReduceSum, Alias, Decomp, Requant, Contract, Conv, Poly (broadcast inputs too), DivConst, DivTensor,
 * MaxSelect and Wire of the circuit, none refused, given honest masked claims, verifies from bytes with every
 * Lambda-claim and returned claim true; a claim that reaches a limb-backed tensor through an Alias is
 * discharged by its Decomp define, as the walk will do.
 */
class ZkWalkCorpusTest {
  private static final int UP = 2;
  private static final int SIZE = 1 << 12;

  @BeforeEach
  void corpus() {
    Assumptions.assumeTrue(Files.isDirectory(CorpusModels.CORPUS));
  }

  private static ZkClaim honest(Circuit c, ProverTables t, int tensor, SplittableRandom rnd, long[] lambda) {
    long[] z = ZkWalkFixture.randomPoint(rnd, c.tensor(tensor).vars());
    MaskForm omega = new MaskForm();
    long[] k = new long[L];
    for (int i = 0; i < UP; i++) {
      Fr.random(k, 0, rnd);
      omega.add(i, k, 0);
    }
    long[] v = WalkMath.evaluate(t.mle(tensor), c.tensor(tensor).vars(), z);
    Fr.add(v, 0, v, 0, omega.evaluate(lambda), 0);
    return new ZkClaim(tensor, z, v, omega);
  }

  /**
   * The claims a gadget is given: one on its output (on x for a Decomp define, on r' for a DivConst or DivTensor,
   * as r''s Decomp check leaves it), none at fresh points (nor on a zero-check Poly, which draws its own).
   */
  private static List<ZkClaim> claims(Gadget g, Circuit c, ProverTables t, SplittableRandom rnd, long[] lambda) {
    if (g instanceof Requant || g instanceof MaxSelect || (g instanceof Decomp d && !d.define())
        || (g instanceof Poly p && p.zeroCheck())) {
      return List.of();
    }
    int target = g instanceof Decomp d ? d.x() : g instanceof DivConst dc ? dc.rPrime()
        : g instanceof DivTensor dt ? dt.rPrime() : g.outputs()[0];
    return List.of(honest(c, t, target, rnd, lambda));
  }

  /** Prover then verifier on one cursor position; the verifier's claims, checked against the witness. */
  private static List<ZkClaim> check(String what, Gadget g, Circuit c, ProverTables t, List<ZkClaim> in,
      long[] lambda) {
    MaskCursor pc = MaskCursor.of(SIZE);
    pc.take(UP);
    ZkMasks pm = ZkMasks.prover(c, c.outputs(), lambda, pc);
    Transcript pt = ZkWalkFixture.transcript();
    ProofSink sink = new ProofSink();
    List<ZkClaim> proved = ZkGadgetArguments.prove(g, c, t, in, sink, pt, pm);
    byte[] bytes = sink.toBytes();
    MaskCursor vc = MaskCursor.of(SIZE);
    vc.take(UP);
    ZkMasks vm = ZkMasks.verifier(c, c.outputs(), vc);
    Transcript vt = ZkWalkFixture.transcript();
    FieldReader r = new FieldReader(bytes, 0, bytes.length);
    Checked<List<ZkClaim>> v = ZkGadgetArguments.verify(g, c, in, r, vt, vm);
    assertTrue(v.isOk(), what + ": " + v.reason());
    assertTrue(r.atEnd(), what);
    assertEquals(pc.used(), vc.used(), what);
    assertArrayEquals(pt.challengeFr("next"), vt.challengeFr("next"), what);
    assertEquals(proved.size(), v.value().size(), what);
    assertNull(ZkWalkFixture.falseClaim(c, t, lambda, vm.lambdaClaims(), v.value()), what);
    return v.value();
  }

  @Test
  void everySupportedGadgetOfTheCorpusModelsIsCompleteInZeroKnowledge() throws Exception {
    Set<String> kinds = new TreeSet<>();
    Set<String> refusals = new TreeSet<>();
    int checked = 0;
    int throughAlias = 0;
    int convs = 0;
    int convsPresent = 0;
    int broadcastPolys = 0;
    for (String model : List.of("1l_mlp", "2l_relu_fc", "1l_conv", "1l_average", "1l_mean", "layernorm",
        "lenet_5", "large_op_graph", "1l_max_pool", "self_attention", "1l_batch_norm")) {
      CorpusModels.Loaded l = CorpusModels.load(model);
      Circuit c = l.compiled().circuit();
      Witness w = l.honest();
      ProverTables t = new WitnessTables(w);
      SplittableRandom rnd = new SplittableRandom(model.hashCode());
      long[] lambda = ZkWalkFixture.column(rnd, SIZE);
      ZkMasks roles = ZkMasks.verifier(c, c.outputs(), MaskCursor.of(0));
      for (Gadget g : c.gadgets()) {
        convsPresent += g instanceof Conv ? 1 : 0;
        if (!ZkGadgetArguments.supported(g.kind())) {
          continue;
        }
        String what = model + " " + g.kind();
        List<ZkClaim> given = claims(g, c, t, rnd, lambda);
        String refused = g instanceof Poly p ? ZkPolyArgument.refusal(p, c, given)
            : g instanceof Wire wi ? ZkWireArgument.refusal(wi, c, given)
            : g instanceof Conv cv ? ZkConvArgument.refusal(cv, c, given) : null;
        if (refused != null) {
          refusals.add(refused);
          continue;
        }
        List<ZkClaim> out = check(what, g, c, t, given, lambda);
        kinds.add(g.kind());
        checked++;
        convs += g instanceof Conv ? 1 : 0;
        if (g instanceof Poly p && Arrays.stream(p.xs()).anyMatch(x -> !Arrays.equals(c.tensor(x).shape(),
            c.tensor(p.y()).shape()))) {
          broadcastPolys++;
        }
        // what the walk will do next with a claim on a limb-backed tensor: its Decomp define
        for (ZkClaim cl : out) {
          Decomp d = roles.limbBacked(cl.tensor());
          if (d != null) {
            assertTrue(g instanceof Alias || g instanceof ReduceSum, what + ": only a linear map passes one on");
            check(what + " then Decomp define", d, c, t, List.of(cl), lambda);
            throughAlias++;
          }
        }
      }
    }
    // 1l_conv one (a 1 x 1 input: no window run), lenet_5 two (a public and a limb-backed input), large_op_graph
    // two: every one of them masked, none refused
    assertEquals(5, convsPresent);
    assertEquals(convsPresent, convs, "every Conv of the corpus models");
    assertEquals(Set.of("Alias", "Contract", "Conv", "Decomp", "DivConst", "DivTensor", "Lin", "MaxSelect", "Poly",
        "ReduceSum", "Requant", "Wire"), kinds);
    // nothing refused: Concats, zero-variable Wire inputs and Polys of scalars (2l_relu_fc) since part 6, Polys
    // with broadcast inputs since part 7
    assertEquals(Set.of(), refusals);
    assertEquals(9, broadcastPolys, "the Polys with broadcast inputs of layernorm, self_attention, 1l_batch_norm");
    assertTrue(checked > 100, "checked " + checked);
    assertTrue(throughAlias > 0, "a claim reached a limb-backed tensor through a linear map");
  }
}
