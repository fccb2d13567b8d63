package org.besuzkml.proof.gadget;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.TreeSet;
import org.besuzkml.field.Fr;
import org.besuzkml.onnx.OpModels;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.verify.VerifyResult;
import org.besuzkml.proof.witness.CorpusModels;
import org.besuzkml.proof.witness.Witness;
import org.besuzkml.proof.witness.WitnessChecker;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Einsum lowered to Wire + Contract (+ Requant) or Wire + ReduceSum: every gadget's argument
 * accepts the honest claim and returns true claims, rejects a wrong claimed value on the
 * contraction and the wires, and the whole model proves and verifies end to end.
 */
class EinsumProofTest {
  static CorpusModels.Loaded model(String name) throws Exception {
    OpModels m = switch (name) {
      case "attention" -> OpModels.node("Einsum").opset(12).input(1, 2, 3, 4).input(1, 2, 5, 4)
          .attr("equation", "bhqd,bhkd->bhqk");
      case "weights" -> OpModels.node("Einsum").opset(12).input(2, 3).randomConst(35, 3, 4)
          .attr("equation", "ij,jk->ik");
      case "ellipsis" -> OpModels.node("Einsum").opset(12).input(2, 3, 4).input(4, 5)
          .attr("equation", "...j,jk");
      case "transposed" -> OpModels.node("Einsum").opset(12).input(3, 2).randomConst(36, 4, 3)
          .attr("equation", "ji,kj->ik");
      case "reduce" -> OpModels.node("Einsum").opset(12).input(3, 4).attr("equation", "ij->j");
      default -> throw new IllegalArgumentException(name);
    };
    return CorpusModels.fromBytes("einsum_" + name, m.build());
  }

  @ParameterizedTest
  @ValueSource(strings = {"attention", "weights", "ellipsis", "transposed", "reduce"})
  void gadgetArgumentsAcceptHonestAndRejectWrongClaims(String name) throws Exception {
    CorpusModels.Loaded l = model(name);
    Circuit c = l.compiled().circuit();
    Witness w = l.honest();
    assertEquals(List.of(), WitnessChecker.check(l.compiled(), w));
    SplittableRandom rnd = new SplittableRandom(name.hashCode());
    Set<String> kinds = new TreeSet<>();
    int wrongRejected = 0;
    for (Gadget g : c.gadgets()) {
      assertTrue(GadgetArguments.supported(g.kind()), g.kind());
      if (g instanceof Contract k) {
        assertTrue(ContractArgument.of(k, c) != null, "equal batch shapes");
      }
      kinds.add(g.kind());
      List<Claim> claims = GadgetArgumentsTest.pendingOutputClaims(g, c, w, rnd);
      GadgetArgumentsTest.Run r = GadgetArgumentsTest.run(g, c, w, claims, claims, b -> b);
      assertTrue(r.verified().isOk(), name + " " + g.kind() + ": " + r.verified().reason());
      GadgetArgumentsTest.assertSameClaims(r.proverClaims(), r.verified().value());
      GadgetArgumentsTest.assertTrueClaims(c, w, r.verified().value(), name + " " + g.kind());
      if (g instanceof Contract || g instanceof Wire) {
        Claim h = claims.get(0);
        long[] wrong = h.value().clone();
        Fr.add(wrong, 0, wrong, 0, WalkMath.one(), 0);
        GadgetArgumentsTest.Run bad = GadgetArgumentsTest.run(g, c, w, claims,
            List.of(new Claim(h.tensor(), h.point(), wrong)), b -> b);
        assertFalse(bad.verified().isOk(), name + " " + g.kind() + " accepted a wrong value");
        wrongRejected++;
      }
    }
    if (name.equals("reduce")) {
      assertTrue(kinds.contains("ReduceSum") && !kinds.contains("Contract"), kinds.toString());
    } else {
      assertTrue(kinds.contains("Contract") && kinds.contains("Requant"), kinds.toString());
    }
    assertTrue(wrongRejected >= 1, name + ": a Contract or Wire was checked");
  }

  @ParameterizedTest
  @ValueSource(strings = {"attention", "weights", "reduce"})
  void provesAndVerifiesEndToEnd(String name) throws Exception {
    CorpusModels.Loaded l = model(name);
    ProvingKey pk = Setup.run(l.compiled(), DevSrs.create(Setup.binVars(l.compiled()), 0));
    Prover.Proof p = Prover.prove(pk, l.honest(), true);
    VerifyResult r = Verifier.verify(pk.vk().bytes(), p.inputs(), p.outputs(), p.bytes(), Verifier.SrsPolicy.ALLOW_DEV);
    assertTrue(r.valid(), name + ": " + r);
    String out = l.compiled().model().graph().outputs().get(0).name();
    assertArrayEquals(l.trace().get(out).data(), p.outputs()[0]);
    long[] forged = p.outputs()[0].clone();
    forged[0]++;
    long[][] outs = p.outputs().clone();
    outs[0] = forged;
    assertFalse(Verifier.verify(pk.vk().bytes(), p.inputs(), outs, p.bytes(), Verifier.SrsPolicy.ALLOW_DEV).valid(),
        name + ": a forged output verified");
  }
}
