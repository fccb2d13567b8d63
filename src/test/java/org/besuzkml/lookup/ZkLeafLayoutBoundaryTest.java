package org.besuzkml.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.besuzkml.sumcheck.Checked;
import org.junit.jupiter.api.Test;

/** The zero-knowledge leaf layout at its limits: exact fits beside the mask leaves, and 2^30 leaves. */
class ZkLeafLayoutBoundaryTest {
  static long[] offsets(LeafLayout l) {
    return l.segments().stream().mapToLong(LeafLayout.Segment::offset).toArray();
  }

  @Test
  void bothHalvesFilledExactlyUpToTheirMaskLeaf() {
    // segments of 4, 4, 2, 2, 1, 1 leaves (two instances of 3 entries, their padding, two 1-bit
    // tables): 7 leaves on each side of L = 4, so each half is full up to its mask leaf (7 and 15)
    Checked<LeafLayout> r = LeafLayout.ofZk(List.of(Table.range(1), Table.range(1)),
        List.of(LookupInstance.plain(0, 3, 1), LookupInstance.plain(1, 3, 1)));
    assertTrue(r.isOk(), r.reason());
    assertEquals(4, r.value().leafVars());
    long[] got = offsets(r.value());
    java.util.Arrays.sort(got);
    assertEquals(java.util.Arrays.toString(new long[] {0, 4, 6, 8, 12, 14}), java.util.Arrays.toString(got));
  }

  @Test
  void thirtyLeafVariablesIsTheLastTried() {
    // 2^28 + 2 entries: L = 29 cannot hold them beside the mask leaves, L = 30 can
    Checked<LeafLayout> r = LeafLayout.ofZk(List.of(Table.range(1)),
        List.of(LookupInstance.plain(0, 1 << 28, 1)));
    assertTrue(r.isOk(), r.reason());
    assertEquals(LeafLayout.MAX_LEAF_VARS, r.value().leafVars());
  }

  @Test
  void exactlyTwoToTheThirtyLeavesFitVersionOneButNotBesideTheMaskLeaves() {
    List<Table> tables = Collections.nCopies(1 << 14, Table.range(Table.MAX_BITS));
    assertTrue(LeafLayout.of(tables, List.of()).isOk());
    Checked<LeafLayout> zk = LeafLayout.ofZk(tables, List.of());
    assertFalse(zk.isOk());
    assertEquals("lookup layout: more than 2^30 leaves with the mask leaves", zk.reason());
  }
}
