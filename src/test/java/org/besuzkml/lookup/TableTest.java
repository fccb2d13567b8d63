package org.besuzkml.lookup;

import static org.besuzkml.lookup.LogUpFixture.L;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.besuzkml.field.Fr;
import org.besuzkml.poly.Multilinear;
import org.junit.jupiter.api.Test;

/** Structured-table MLEs, sel, eq at an index and the leaf layout against brute force. */
class TableTest {
  private static long[] randomPoint(SplittableRandom rnd, int n) {
    long[] p = new long[n * L];
    for (int i = 0; i < n; i++) {
      Fr.random(p, i * L, rnd);
    }
    return p;
  }

  private static long[] mle(long[] column, int vars, long[] point) {
    long[] out = new long[L];
    Multilinear.evaluate(out, 0, column, 0, vars, point, 0);
    return out;
  }

  private static long[] inColumn(int b) {
    long[] c = new long[L << b];
    for (int j = 0; j < 1 << b; j++) {
      Fr.fromLong(c, j * L, j);
    }
    return c;
  }

  @Test
  void structuredTableMlesMatchBruteForce() {
    SplittableRandom rnd = new SplittableRandom(1);
    for (int b = 1; b <= Table.MAX_BITS; b++) {
      long[] rho = randomPoint(rnd, b);
      long[] in = inColumn(b);
      for (Table t : List.of(Table.range(b), Table.msb(b))) {
        long[] got = new long[L];
        t.inEvaluate(got, 0, rho, 0);
        assertArrayEquals(mle(in, b, rho), got, t + " in~");
        assertTrue(t.outEvaluate(got, 0, rho, 0));
        assertArrayEquals(mle(t.outColumn(), b, rho), got, t + " out~");
      }
    }
  }

  @Test
  void tableRows() {
    Table msb = Table.msb(8);
    assertEquals(0, msb.rowOut(127));
    assertEquals(1, msb.rowOut(128));
    assertEquals(200, msb.rowOf(200, 1));
    assertEquals(-1, msb.rowOf(100, 1));
    assertEquals(-1, Table.range(8).rowOf(256, 0));
    assertEquals(-1, Table.range(8).rowOf(-1, 0));
    Table f = Table.function(3, new long[] {5, -6, 7});
    assertEquals(7, f.rowOut(6), "indices past size_F give the last value");
    assertEquals(1, f.rowOf(1, -6));
    assertFalse(f.outEvaluate(new long[L], 0, new long[3 * L], 0), "F_out is committed, not evaluated");
    assertNull(Table.range(0));
    assertNull(Table.range(17));
    assertNull(Table.function(2, new long[5]));
  }

  @Test
  void selMatchesBruteForce() {
    SplittableRandom rnd = new SplittableRandom(2);
    int[][] shapes = {{1}, {5}, {8}, {3, 5}, {2, 3, 7}, {1, 6}, {4, 1, 3}};
    for (int[] dims : shapes) {
      LookupInstance lk = LookupInstance.of(0, dims, ColumnEncoding.PLAIN);
      int m = lk.numVars();
      long[] mask = new long[L << m];
      long real = 0;
      for (int i = 0; i < 1 << m; i++) {
        if (lk.isReal(i)) {
          Fr.setOne(mask, i * L);
          real++;
        }
      }
      assertEquals(lk.realEntries(), real);
      long[] z = randomPoint(rnd, m);
      long[] got = new long[L];
      lk.selEvaluate(got, 0, z, 0);
      assertArrayEquals(mle(mask, m, z), got, java.util.Arrays.toString(dims));
    }
  }

  @Test
  void eqIndexMatchesEqTable() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int n = 0; n <= 6; n++) {
      long[] z = randomPoint(rnd, n);
      long[] table = Multilinear.eqTable(z, 0, n);
      for (int i = 0; i < 1 << n; i++) {
        long[] got = new long[L];
        LogUpVerifier.eqIndex(got, z, 0, n, i);
        assertArrayEquals(java.util.Arrays.copyOfRange(table, i * L, i * L + L), got);
      }
    }
  }

  @Test
  void layoutOrderAndOffsets() {
    // tables: R_8 (256 rows), MSB_4 (16 rows); instances: 300 -> 512, 16 -> 16, 3 -> 4 entries
    List<Table> tables = List.of(Table.range(8), Table.msb(4));
    List<LookupInstance> insts = List.of(LookupInstance.plain(0, 300, 1), LookupInstance.plain(1, 16, 2),
        LookupInstance.plain(0, 3, 1));
    LeafLayout l = LeafLayout.of(tables, insts).value();
    List<LeafLayout.Segment> s = l.segments();
    // 512 (inst 0), 256 (table 0), 16 (inst 1), 16 (table 1), 4 (inst 2), 1 (padding of table 0)
    assertEquals(6, s.size());
    assertEquals(new LeafLayout.Segment(LeafLayout.Kind.INSTANCE, 0, 9, 0), s.get(0));
    assertEquals(new LeafLayout.Segment(LeafLayout.Kind.TABLE, 0, 8, 512), s.get(1));
    assertEquals(new LeafLayout.Segment(LeafLayout.Kind.INSTANCE, 1, 4, 768), s.get(2));
    assertEquals(new LeafLayout.Segment(LeafLayout.Kind.TABLE, 1, 4, 784), s.get(3));
    assertEquals(new LeafLayout.Segment(LeafLayout.Kind.INSTANCE, 2, 2, 800), s.get(4));
    assertEquals(new LeafLayout.Segment(LeafLayout.Kind.PADDING, 0, 0, 804), s.get(5));
    assertEquals(805, l.totalSize());
    assertEquals(10, l.leafVars());
    assertEquals(212 + 1, l.paddingCount(0));
    assertEquals(0, l.paddingCount(1));
    assertEquals(1 + 1 + 2 + 1 + 1, l.leavesMessageSize()); // X0 | M0 | X1,X2 | M1 | X0
    for (LeafLayout.Segment seg : s) {
      assertEquals(0, seg.offset() % (1L << seg.numVars()), "aligned");
    }
  }

  @Test
  void layoutRejectsBadInstances() {
    assertFalse(LeafLayout.of(List.of(Table.range(8)), List.of(LookupInstance.plain(1, 4, 1))).isOk());
    assertFalse(LeafLayout.of(List.of(Table.range(8)), List.of(LookupInstance.plain(0, 4, 2))).isOk());
    assertFalse(LeafLayout.of(List.of(Table.msb(8)), List.of(LookupInstance.plain(0, 4, 1))).isOk());
    assertFalse(LeafLayout.of(List.of(), List.of()).isOk());
    assertNull(LookupInstance.of(0, new int[] {0}, ColumnEncoding.PLAIN));
  }
}
