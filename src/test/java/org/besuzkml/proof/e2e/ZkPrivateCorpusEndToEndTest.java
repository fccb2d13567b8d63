package org.besuzkml.proof.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.besuzkml.proof.verify.Statement;
import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.verify.VerifyResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus model ZkCorpusEndToEndTest proves also proves and verifies with all its inputs private
 * (zk-design 4.7), states none of them, and its false output is rejected.
 */
class ZkPrivateCorpusEndToEndTest {
  static Stream<String> models() throws java.io.IOException {
    return ZkCorpusEndToEndTest.models();
  }

  @ParameterizedTest
  @MethodSource("models")
  void provesVerifiesAndRejectsAFalseOutput(String name) {
    ZkPrivateFixtures.Keyed k = ZkPrivateFixtures.get(name);
    assertTrue(Arrays.stream(k.proof().inputs()).allMatch(v -> v == null), name + ": an input is stated");
    VerifyResult ok = Verifier.verify(k.pk().vk(), k.proof().statement(), k.proof().bytes(),
        Verifier.SrsPolicy.ALLOW_DEV);
    assertTrue(ok.valid(), name + ": " + ok.reason());
    long[][] out = Arrays.stream(k.proof().outputs()).map(long[]::clone).toArray(long[][]::new);
    out[out.length - 1][out[out.length - 1].length - 1] += 1;
    assertFalse(Verifier.verify(k.pk().vk(), Statement.of(k.proof().inputs(), out), k.proof().bytes(),
        Verifier.SrsPolicy.ALLOW_DEV).valid(), name + ": a false output accepted");
  }
}
