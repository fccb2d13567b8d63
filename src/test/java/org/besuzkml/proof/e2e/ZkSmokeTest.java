package org.besuzkml.proof.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.verify.VerifyResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZkSmokeTest {
  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "1l_relu", "lenet_5", "1l_softmax", "1l_conv", "1l_max_pool", "sklearn_mlp"})
  void honest(String name) {
    long t0 = System.nanoTime();
    ZkFixtures.Keyed k = ZkFixtures.get(name);
    long t1 = System.nanoTime();
    VerifyResult r = Verifier.verify(k.pk().vk(), k.proof().inputs(), k.proof().outputs(), k.proof().bytes(),
        Verifier.SrsPolicy.ALLOW_DEV);
    long t2 = System.nanoTime();
    System.out.println("ZKSMOKE " + name + " setup+prove " + (t1 - t0) / 1000000 + " ms verify " + (t2 - t1) / 1000000
        + " ms bytes " + k.proof().bytes().length + " " + r.reason());
    assertTrue(r.valid(), r.reason());
  }
}
