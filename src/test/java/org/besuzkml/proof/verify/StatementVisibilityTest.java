package org.besuzkml.proof.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.compile.CompiledModel;
import org.besuzkml.proof.witness.CorpusModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The statement's shape against the key's visibility (P14) and the value checks of a statement with
 * a private input, on 1l_mlp keyed three ways: version 1, all-public zk, private-input zk. A
 * version-1 test name on purpose: the verify stage of mutation testing runs these classes without
 * the zk tests.
 */
class StatementVisibilityTest {
  static VerifyingKey v1;
  static VerifyingKey zkPublic;
  static VerifyingKey zkPrivate;
  static int inSize;
  static int outSize;

  @BeforeAll
  static void setUp() throws Exception {
    CompiledModel cm = CorpusModels.load("1l_mlp").compiled();
    var srs = DevSrs.create(Setup.binVars(cm), 0);
    v1 = Setup.run(cm, srs).vk();
    zkPublic = Setup.runZk(cm, srs).vk();
    CompiledModel priv = Setup.withPrivateInputs(cm, new boolean[] {true});
    zkPrivate = Setup.runZk(priv, DevSrs.create(Setup.binVars(priv), 0)).vk();
    inSize = (int) v1.circuit().tensor(v1.circuit().inputs()[0]).size();
    outSize = (int) v1.circuit().tensor(v1.circuit().outputs()[0]).size();
  }

  private static long[][] one(int n, long v) {
    long[] a = new long[n];
    java.util.Arrays.fill(a, v);
    return new long[][] {a};
  }

  @Test
  void aPrivateInputIsStatedByNothingAndAPublicOneByItsValues() {
    Statement hidden = Statement.of(new long[][] {null}, one(outSize, 1));
    Statement shown = Statement.of(one(inSize, 1), one(outSize, 1));
    assertNull(hidden.publicInputs()[0]);
    assertArrayEquals(one(inSize, 1)[0], shown.publicInputs()[0]);
    assertNull(hidden.shapeFor(zkPrivate));
    assertNull(shown.shapeFor(zkPublic));
    assertNull(shown.shapeFor(v1));
    assertEquals("input 0 is private in the vk", shown.shapeFor(zkPrivate));
    assertEquals("input 0 is public in the vk", hidden.shapeFor(zkPublic));
    assertEquals("input 0 is public in the vk", hidden.shapeFor(v1));
    Statement twoOutputs = new Statement(List.of(new InputValue.Private()),
        List.of(new OutputValue.Public(new long[outSize]), new OutputValue.Public(new long[outSize])));
    assertEquals("expected 1 inputs and 1 outputs, the statement has 1 and 2", twoOutputs.shapeFor(zkPrivate));
    Statement noInputs = new Statement(List.of(), List.of(new OutputValue.Public(new long[outSize])));
    assertEquals("expected 1 inputs and 1 outputs, the statement has 0 and 1", noInputs.shapeFor(zkPrivate));
  }

  @Test
  void valuesUnderAPrivateInputKey() {
    assertNull(Statement.check(zkPrivate, new long[][] {null}, one(outSize, 5)));
    assertEquals("input 0 is private: the statement must not state it",
        Statement.check(zkPrivate, one(inSize, 5), one(outSize, 5)));
    assertEquals("input 0 must have " + inSize + " values", Statement.check(zkPublic, new long[][] {null}, one(outSize, 5)));
    // the outputs are still checked, for size and for magnitude
    String size = Statement.check(zkPrivate, new long[][] {null}, one(outSize + 1, 5));
    assertFalse(size == null, "an output of the wrong size");
    String big = Statement.check(zkPrivate, new long[][] {null}, one(outSize, Statement.MAX_ABS + 1));
    assertFalse(big == null, "an output beyond 2^31 - 1");
    assertNull(Statement.check(zkPrivate, new long[][] {null}, one(outSize, Statement.MAX_ABS)));
    // the same sizes and bounds as an all-public statement gets
    assertEquals(Statement.check(zkPublic, one(inSize, 5), one(outSize + 1, 5)), size);
    assertEquals(Statement.check(zkPublic, one(inSize, 5), one(outSize, Statement.MAX_ABS + 1)), big);
  }

  @Test
  void theVerifierRefusesAMisshapenStatementFirst() {
    VerifyResult r = Verifier.verify(zkPrivate, Statement.of(one(inSize, 1), one(outSize, 1)), new byte[0],
        Verifier.SrsPolicy.ALLOW_DEV);
    assertFalse(r.valid());
    assertEquals("statement: input 0 is private in the vk", r.reason());
    assertEquals("missing vk, statement or proof",
        Verifier.verify(zkPrivate, null, new byte[0], Verifier.SrsPolicy.ALLOW_DEV).reason());
    assertEquals("verifying key uses the insecure development SRS (refused)",
        Verifier.verify(zkPrivate, Statement.of(new long[][] {null}, one(outSize, 1)), new byte[0],
            Verifier.SrsPolicy.CEREMONY_ONLY).reason());
    // a well-shaped statement goes on to the proof (here: no proof at all)
    VerifyResult p = Verifier.verify(zkPrivate, Statement.of(new long[][] {null}, one(outSize, 1)), new byte[0],
        Verifier.SrsPolicy.ALLOW_DEV);
    assertFalse(p.valid());
    assertFalse(p.reason().startsWith("statement:"), p.reason());
  }
}
