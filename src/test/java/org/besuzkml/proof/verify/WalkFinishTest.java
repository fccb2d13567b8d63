package org.besuzkml.proof.verify;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.field.Fr;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.Claim;
import org.besuzkml.proof.gadget.Decomp;
import org.besuzkml.proof.gadget.Gadget;
import org.besuzkml.proof.gadget.TensorKind;
import org.besuzkml.proof.witness.CorpusModels;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.transcript.Transcript;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walk.finish is the last step before claims become openings. BackwardWalk never hands it a claim on
 * a virtual or limb-backed tensor; if one arrived, opening it would open a column that does not
 * exist, so finish must reject it by itself rather than rely on its caller.
 */
class WalkFinishTest {
  static VerifyingKey vk;

  @BeforeAll
  static void setUp() throws Exception {
    CorpusModels.Loaded l = CorpusModels.load("1l_mlp");
    vk = Setup.run(l.compiled(), DevSrs.create(Setup.binVars(l.compiled()), 0)).vk();
  }

  private static Walk walk() {
    Transcript t = Transcript.v1();
    long[][] pub = new long[vk.circuit().tensors().size()][];
    return new Walk(vk, new VerifierSide(FieldReader.ofElements(new long[0], 0, 0), t), t, pub);
  }

  private static Claim claimOn(int tensor) {
    return new Claim(tensor, new long[vk.circuit().tensor(tensor).vars() * Fr.LIMBS], new long[Fr.LIMBS]);
  }

  private static int first(TensorKind kind, boolean limbBacked) {
    Circuit c = vk.circuit();
    for (int i = 0; i < c.tensors().size(); i++) {
      if (c.tensor(i).kind() == kind && isLimbBacked(c, i) == limbBacked) {
        return i;
      }
    }
    throw new AssertionError("1l_mlp has no such tensor");
  }

  private static boolean isLimbBacked(Circuit c, int t) {
    for (Gadget g : c.gadgets()) {
      if (g instanceof Decomp d && d.define() && d.x() == t) {
        return true;
      }
    }
    return false;
  }

  @Test
  void claimOnVirtualTensorRejected() {
    Rejection r = assertThrows(Rejection.class,
        () -> walk().finish(List.of(claimOn(first(TensorKind.VIRTUAL, false)))));
    assertTrue(r.getMessage().contains("virtual tensor"), r.getMessage());
  }

  @Test
  void claimOnLimbBackedTensorRejected() {
    Rejection r = assertThrows(Rejection.class,
        () -> walk().finish(List.of(claimOn(first(TensorKind.COMMITTED, true)))));
    assertTrue(r.getMessage().contains("no witness column"), r.getMessage());
  }

  @Test
  void claimOnCommittedColumnBecomesAnOpening() {
    Walk w = walk();
    assertDoesNotThrow(() -> w.finish(List.of(claimOn(first(TensorKind.COMMITTED, false)))));
    assertTrue(w.openings().size() >= 1);
  }
}
