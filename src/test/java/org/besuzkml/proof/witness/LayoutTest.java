package org.besuzkml.proof.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
import org.besuzkml.proof.gadget.ColumnLayout;
import org.besuzkml.proof.gadget.LookupPlan;
import org.besuzkml.proof.gadget.TensorInfo;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Lookup plan, multiplicities and the column/bin layout of 7.2 on every corpus model: columns are
 * aligned and disjoint, bins hold exactly the padded columns, multiplicities count every real
 * lookup entry once.
 */
class LayoutTest {
  static java.util.stream.Stream<String> models() throws Exception {
    return CorpusModels.names();
  }

  @ParameterizedTest
  @MethodSource("models")
  void layoutIsAlignedDisjointAndComplete(String name) throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(CorpusModels.CORPUS));
    CorpusModels.Loaded l = CorpusModels.load(name);
    var c = l.compiled().circuit();
    Witness w = l.honest();
    LookupPlan plan = LookupPlan.of(c);
    long[][] m = LookupCounts.of(plan, w);
    long entries = 0;
    for (LookupPlan.Instance in : plan.instances()) {
      entries += c.tensor(in.column1()).size();
    }
    long counted = 0;
    for (long[] t : m) {
      for (long v : t) {
        counted += v;
      }
    }
    assertEquals(entries, counted, name + ": multiplicities count every real entry once");
    ColumnLayout layout = ColumnLayout.of(c, plan);
    assertTrue(layout.nBin() >= 8 && layout.nBin() <= 20);
    for (var cols : java.util.List.of(layout.model(), layout.witness())) {
      Set<Long> used = new HashSet<>();
      for (ColumnLayout.Column col : cols) {
        long size = 1L << col.vars();
        assertEquals(0, col.offset() % Math.min(size, 1L << layout.nBin()), "aligned");
        for (long i = 0; i < size; i++) {
          long slot = ((long) col.bin() << layout.nBin()) + col.offset() + i;
          assertTrue(used.add(slot), name + ": columns overlap");
        }
      }
    }
    long[][] bins = WitnessBins.witnessBins(layout, w, m);
    assertEquals(layout.witnessBins(), bins.length);
    for (ColumnLayout.Column col : layout.witness()) {
      if (col.tensor() >= 0) {
        TensorInfo t = c.tensor(col.tensor());
        long[] v = w.get(t.id());
        for (int i = 0; i < v.length; i++) {
          int p = t.paddedIndex(i);
          long slot = ((long) col.bin() << layout.nBin()) + col.offset() + p;
          assertEquals(v[i], bins[(int) (slot >> layout.nBin())][(int) (slot & ((1 << layout.nBin()) - 1))]);
        }
      }
    }
    System.out.printf("%s: nBin=%d model bins=%d witness bins=%d tables=%d instances=%d%n", name,
        layout.nBin(), layout.modelBins(), layout.witnessBins(), plan.tables().size(),
        plan.instances().size());
  }

  @Test
  void valueOutsideItsTableHasNoMultiplicity() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(CorpusModels.CORPUS));
    CorpusModels.Loaded l = CorpusModels.load("1l_mlp");
    Witness w = l.honest();
    LookupPlan plan = LookupPlan.of(l.compiled().circuit());
    w.get(plan.instances().get(0).column1())[0] = 1L << 8; // one past R_8
    assertThrows(IllegalStateException.class,
        () -> LookupCounts.of(plan, w));
  }
}
