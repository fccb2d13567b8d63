package org.besuzkml.proof.gadget;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bin counts of 7.2's packing when a column spans several bins: the vk fixes the proof's section
 * lengths from these counts, so one bin too few or too many refuses every honest proof. The corpus
 * rarely ends a list with a multi-bin column (columns are packed largest first), hence these cases.
 */
class ColumnLayoutTest {
  private static ColumnLayout layout(TensorKind kind, int... vars) {
    List<TensorInfo> tensors = new ArrayList<>();
    for (int v : vars) {
      tensors.add(new TensorInfo(tensors.size(), "t" + tensors.size(), kind, new int[] {1 << v}));
    }
    Circuit c = new Circuit(tensors, List.of(), List.of(), 8, new int[0], new int[0]);
    return ColumnLayout.of(c, LookupPlan.of(c));
  }

  @Test
  void aListOfOneMultiBinColumnTakesAllItsChunks() {
    ColumnLayout m = layout(TensorKind.CONSTANT, 12); // 2^12 entries: nBin 8, 16 chunks
    assertEquals(8, m.nBin());
    assertEquals(16, m.modelBins());
    assertEquals(0, m.witnessBins());
    ColumnLayout w = layout(TensorKind.COMMITTED, 12);
    assertEquals(16, w.witnessBins());
    assertEquals(0, w.modelBins());
    ColumnLayout w2 = layout(TensorKind.COMMITTED, 12, 3); // witness entries choose nBin as well
    assertEquals(9, w2.nBin());
    assertEquals(9, w2.witnessBins());
  }

  @Test
  void aSmallColumnAfterAMultiBinColumnOpensTheNextBin() {
    ColumnLayout m = layout(TensorKind.CONSTANT, 12, 3); // 2^12 + 8 entries: nBin 9, 8 chunks
    assertEquals(9, m.nBin());
    assertEquals(9, m.modelBins());
    ColumnLayout.Column small = m.model().get(1);
    assertEquals(8, small.bin());
    assertEquals(0, small.offset());
    // two half-bin columns share one bin: the second fills it exactly
    ColumnLayout halves = layout(TensorKind.CONSTANT, 7, 7);
    assertEquals(8, halves.nBin());
    assertEquals(1, halves.modelBins());
    assertEquals(128, halves.model().get(1).offset());
    // two columns of exactly one bin each: one bin apiece, no chunking
    ColumnLayout two = layout(TensorKind.CONSTANT, 8, 8);
    assertEquals(2, two.modelBins());
    assertEquals(1, two.model().get(0).chunks());
  }
}
