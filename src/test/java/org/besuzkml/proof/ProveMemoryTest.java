package org.besuzkml.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.onnx.MlpLadder;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.compile.CompiledModel;
import org.junit.jupiter.api.Test;

/** The heap estimate: refuses below it (one line with the -Xmx), accepts at it, grows with the model. */
class ProveMemoryTest {
  static VerifyingKey vk(int... widths) throws Exception {
    byte[] onnx = MlpLadder.onnx(widths, 1);
    String json = MlpLadder.input(widths, 1);
    CompiledModel cm = ModelFiles.compile(onnx, json);
    return Setup.run(cm, DevSrs.create(Setup.binVars(cm), 5)).vk();
  }

  @Test
  void aHeapBelowTheEstimateIsRefusedInOneLine() throws Exception {
    VerifyingKey vk = vk(16, 32, 8);
    long need = ProveMemory.estimate(vk);
    assertNull(ProveMemory.check(vk, need));
    String m = ProveMemory.check(vk, need - 1);
    assertTrue(m != null && m.startsWith("proving this model needs about " + ProveMemory.size(need)
        + " of heap; this JVM has ") && m.contains(": run with " + ProveMemory.xmx(need) + " ("), m);
    assertEquals(1, m.lines().count());
    String gib = ProveMemory.check(vk, 4L << 30); // a small model fits a normal heap
    assertNull(gib);
  }

  @Test
  void theEstimateGrowsWithTheWeights() throws Exception {
    long small = ProveMemory.estimate(vk(16, 32, 8));
    long wide = ProveMemory.estimate(vk(64, 256, 8));
    // 64 x 256 weights need at least 2^14 more bin entries than 16 x 32
    assertTrue(wide >= small + 16384 * ProveMemory.PER_BIN_ENTRY, small + " vs " + wide);
  }

  @Test
  void sizesAndFlagsRoundUp() {
    assertEquals("9.1 GiB", ProveMemory.size((long) (9.1 * (1L << 30))));
    assertEquals("-Xmx10g", ProveMemory.xmx((long) (9.1 * (1L << 30))));
    assertEquals("100 MiB", ProveMemory.size(100L << 20));
    assertEquals("-Xmx128m", ProveMemory.xmx(100L << 20));
    assertEquals("-Xmx1024m", ProveMemory.xmx(1L << 30));
    assertEquals("-Xmx2g", ProveMemory.xmx((1L << 30) + 1));
    assertEquals("1 MiB", ProveMemory.size(1));
  }

  @Test
  void outOfHeapNamesTheLimitAndALargerFlag() throws Exception {
    VerifyingKey vk = vk(16, 32, 8);
    String m = ProveMemory.outOfHeap(vk, 4L << 30);
    assertEquals("out of memory while proving with a heap limit of 4.0 GiB (about "
        + ProveMemory.size(ProveMemory.estimate(vk)) + " estimated for this model): run with a larger heap, e.g."
        + " java -Xmx6g -jar zkml.jar ...", m);
  }
}
