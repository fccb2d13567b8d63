package org.besuzkml.proof.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.besuzkml.proof.verify.Statement;
import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.verify.VerifyResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Private inputs end to end (zk-design 1.2, 4.7, 11.5). */
class ZkPrivateInputTest {
  private static VerifyResult verify(ZkPrivateFixtures.Keyed k, Statement st, byte[] proof) {
    return Verifier.verify(k.pk().vk(), st, proof, Verifier.SrsPolicy.ALLOW_DEV);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "1l_relu", "lenet_5"})
  void honestProofVerifies(String model) {
    ZkPrivateFixtures.Keyed k = ZkPrivateFixtures.get(model);
    assertTrue(k.pk().vk().visibility().privateInput(0));
    assertNull(k.proof().inputs()[0], "a private input is not stated");
    VerifyResult r = verify(k, k.proof().statement(), k.proof().bytes());
    assertTrue(r.valid(), r.reason());
    long[][] out = k.proof().outputs().clone();
    out[0] = out[0].clone();
    out[0][0] += 1;
    assertFalse(verify(k, Statement.of(k.proof().inputs(), out), k.proof().bytes()).valid());
  }
}
