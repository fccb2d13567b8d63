package org.besuzkml.proof.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.witness.CorpusModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The statement's shape and magnitude rules (7.6), at their exact boundaries. */
class StatementTest {
  static VerifyingKey vk;
  static int inSize;
  static int outSize;

  @BeforeAll
  static void setUp() throws Exception {
    CorpusModels.Loaded l = CorpusModels.load("1l_mlp");
    vk = Setup.run(l.compiled(), DevSrs.create(Setup.binVars(l.compiled()), 0)).vk();
    inSize = (int) vk.circuit().tensor(vk.circuit().inputs()[0]).size();
    outSize = (int) vk.circuit().tensor(vk.circuit().outputs()[0]).size();
  }

  private static long[][] filled(int size, long v) {
    long[] a = new long[size];
    java.util.Arrays.fill(a, v);
    return new long[][] {a};
  }

  /** An identity model's output is its input: the two statements of its values must agree (finding 2). */
  @Test
  void anOutputThatIsAnInputMustStateTheSameValues() throws Exception {
    CorpusModels.Loaded l = CorpusModels.load("1l_identity");
    VerifyingKey id = Setup.run(l.compiled(), DevSrs.create(Setup.binVars(l.compiled()), 0)).vk();
    int n = (int) id.circuit().tensor(id.circuit().inputs()[0]).size();
    assertNull(Statement.check(id, filled(n, 7), filled(n, 7)));
    assertEquals("output 0 is input 0 but states other values", Statement.check(id, filled(n, 7), filled(n, 8)));
  }

  @Test
  void magnitudeBoundIsInclusive() {
    assertNull(Statement.check(vk, filled(inSize, Statement.MAX_ABS), filled(outSize, -Statement.MAX_ABS)));
    assertEquals("input 0 has a value outside +-(2^31 - 1)",
        Statement.check(vk, filled(inSize, Statement.MAX_ABS + 1), filled(outSize, 0)));
    assertEquals("input 0 has a value outside +-(2^31 - 1)",
        Statement.check(vk, filled(inSize, -Statement.MAX_ABS - 1), filled(outSize, 0)));
    assertEquals("output 0 has a value outside +-(2^31 - 1)",
        Statement.check(vk, filled(inSize, 0), filled(outSize, Statement.MAX_ABS + 1)));
  }

  @Test
  void everyValueIsChecked() {
    long[][] in = filled(inSize, 0);
    in[0][inSize - 1] = Long.MIN_VALUE;
    assertEquals("input 0 has a value outside +-(2^31 - 1)", Statement.check(vk, in, filled(outSize, 0)));
  }

  @Test
  void countsAndSizes() {
    assertEquals("expected 1 input tensors", Statement.check(vk, new long[0][], filled(outSize, 0)));
    assertEquals("expected 1 input tensors", Statement.check(vk, null, filled(outSize, 0)));
    assertEquals("expected 1 output tensors", Statement.check(vk, filled(inSize, 0), new long[2][]));
    assertEquals("input 0 must have " + inSize + " values",
        Statement.check(vk, filled(inSize + 1, 0), filled(outSize, 0)));
    assertEquals("output 0 must have " + outSize + " values",
        Statement.check(vk, filled(inSize, 0), new long[][] {null}));
  }

  /**
   * Phase 0 absorbs the stated tensors only (zk-design 12.1): a private input ({@code null}) adds no
   * byte, and the stated ones keep version 1's encoding ({@code u32 n, n x i64} big-endian).
   */
  @Test
  void aPrivateInputAddsNothingToThePhaseZeroBytes() {
    byte[] stated = Statement.encode(new long[][] {{1, -2}});
    assertEquals("00000002" + "0000000000000001" + "fffffffffffffffe", java.util.HexFormat.of().formatHex(stated));
    org.junit.jupiter.api.Assertions.assertArrayEquals(stated, Statement.encode(new long[][] {null, {1, -2}, null}));
    assertEquals(0, Statement.encode(new long[][] {null}).length);
    // a null is refused where the vk makes the input public (here: a version-1 key)
    assertEquals("input 0 must have " + inSize + " values", Statement.check(vk, new long[][] {null},
        filled(outSize, 0)));
  }
}
