package org.besuzkml.lookup;

import static org.besuzkml.lookup.LogUpFixture.L;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.sumcheck.SumcheckProof;
import org.junit.jupiter.api.Test;

/**
 * The lookup package's limits at their boundary value (accepted) and one past it (refused, with
 * the reason asserted where there is one).
 */
class LookupBoundaryTest {
  private static final int MAX_BITS = Table.MAX_BITS;

  private static void assertRejected(Checked<?> c, String reason) {
    assertFalse(c.isOk(), "expected rejection: " + reason);
    assertEquals(reason, c.reason());
  }

  @Test
  void structuredTableBits() {
    assertEquals(2, Table.range(1).size());
    assertEquals(8, Table.range(3).size());
    assertEquals(1 << MAX_BITS, Table.range(MAX_BITS).size());
    assertEquals(8, Table.msb(3).size());
    assertEquals(Table.Kind.MSB, Table.msb(MAX_BITS).kind());
    assertEquals(Table.Kind.RANGE, Table.range(1).kind());
    assertNull(Table.range(0));
    assertNull(Table.range(MAX_BITS + 1));
    assertNull(Table.msb(0));
    assertNull(Table.msb(MAX_BITS + 1));
    assertEquals("RANGE_8", Table.range(8).toString());
    assertEquals("MSB_3", Table.msb(3).toString());
    assertEquals("F(b=3, size=5)", Table.function(3, 5).toString());
  }

  @Test
  void functionTableBitsAndSize() {
    assertEquals(1, Table.function(1, 1).size());
    assertEquals(2, Table.function(1, 2).size());
    assertEquals(1 << MAX_BITS, Table.function(MAX_BITS, 1 << MAX_BITS).size());
    assertEquals(Table.Kind.FUNCTION, Table.function(MAX_BITS, 1).kind());
    assertNull(Table.function(0, 1));
    assertNull(Table.function(MAX_BITS + 1, 1));
    assertNull(Table.function(1, 0));
    assertNull(Table.function(1, 3));
    assertNull(Table.function(MAX_BITS, (1 << MAX_BITS) + 1));
    // the prover-side form, with values: the same limits on values.length
    assertEquals(1, Table.function(1, new long[1]).size());
    assertEquals(2, Table.function(1, new long[2]).size());
    assertEquals(1 << MAX_BITS, Table.function(MAX_BITS, new long[1 << MAX_BITS]).size());
    assertNull(Table.function(0, new long[1]));
    assertNull(Table.function(MAX_BITS + 1, new long[1]));
    assertNull(Table.function(1, new long[0]));
    assertNull(Table.function(1, new long[3]));
    assertNull(Table.function(1, (long[]) null));
  }

  private static ColumnEncoding stating(int n) {
    return new ColumnEncoding() {
      @Override
      public int statedCount() {
        return n;
      }

      @Override
      public void value(long[] out, int outOff, long[] stated, int statedOff, long[] point, int pointOff,
          int numVars) {
        Fr.copy(out, outOff, stated, statedOff);
      }
    };
  }

  @Test
  void instanceShape() {
    ColumnEncoding p = ColumnEncoding.PLAIN;
    assertEquals("PLAIN", p.toString());
    int max = LookupInstance.MAX_VARS;
    // one dimension of 2^MAX_VARS entries, or two whose variables add up to MAX_VARS
    assertEquals(max, LookupInstance.of(0, new int[] {1 << max}, p).numVars());
    assertNull(LookupInstance.of(0, new int[] {(1 << max) + 1}, p));
    assertEquals(max, LookupInstance.of(0, new int[] {1 << 14, 1 << (max - 14)}, p).numVars());
    assertNull(LookupInstance.of(0, new int[] {1 << 14, (1 << (max - 14)) + 1}, p));
    assertNull(LookupInstance.of(0, new int[] {0}, p));
    assertNull(LookupInstance.of(-1, new int[] {1}, p));
    // rank 1..8
    assertEquals(1, LookupInstance.of(0, new int[] {1}, p).realEntries());
    LookupInstance rank8 = LookupInstance.of(0, new int[] {1, 1, 1, 1, 1, 1, 1, 2}, p);
    assertEquals(8, rank8.dims().length);
    assertEquals(2, rank8.dims()[7]);
    assertNull(LookupInstance.of(0, new int[9], p));
    assertNull(LookupInstance.of(0, new int[0], p));
    // 1 or 2 columns
    assertEquals(2, LookupInstance.of(0, new int[] {3}, p, p).columns());
    assertNull(LookupInstance.of(0, new int[] {3}, p, p, p));
    assertNull(LookupInstance.of(0, new int[] {3}));
    // stated elements per column: 0..MAX_STATED
    assertNotNull(LookupInstance.of(0, new int[] {3}, stating(0)));
    assertNotNull(LookupInstance.of(0, new int[] {3}, stating(ColumnEncoding.MAX_STATED)));
    assertNull(LookupInstance.of(0, new int[] {3}, stating(-1)));
    assertNull(LookupInstance.of(0, new int[] {3}, stating(ColumnEncoding.MAX_STATED + 1)));
  }

  @Test
  void layoutEntryCounts() {
    int max = LeafLayout.MAX_ENTRIES;
    List<Table> tables = Collections.nCopies(max, Table.range(1));
    Checked<LeafLayout> ok = LeafLayout.of(tables, List.of());
    assertTrue(ok.isOk());
    assertEquals(2L * max, ok.value().totalSize());
    assertEquals(17, ok.value().leafVars());
    assertRejected(LeafLayout.of(Collections.nCopies(max + 1, Table.range(1)), List.of()),
        "lookup layout: table or instance count out of range");
    assertRejected(LeafLayout.of(List.of(), List.of()), "lookup layout: table or instance count out of range");
    List<LookupInstance> instances = Collections.nCopies(max, LookupInstance.plain(0, 1, 1));
    Checked<LeafLayout> many = LeafLayout.of(List.of(Table.range(1)), instances);
    assertTrue(many.isOk(), many.reason());
    assertEquals(max + 2, many.value().totalSize());
    assertRejected(LeafLayout.of(List.of(Table.range(1)), Collections.nCopies(max + 1, LookupInstance.plain(0, 1, 1))),
        "lookup layout: table or instance count out of range");
  }

  @Test
  void layoutLeafCount() {
    // 2^14 tables of 2^16 rows: exactly 2^30 leaves, 30 leaf variables; one more table is too many
    List<Table> tables = new ArrayList<>(Collections.nCopies(1 << 14, Table.range(MAX_BITS)));
    Checked<LeafLayout> ok = LeafLayout.of(tables, List.of());
    assertTrue(ok.isOk(), ok.reason());
    assertEquals(1L << LeafLayout.MAX_LEAF_VARS, ok.value().totalSize());
    assertEquals(LeafLayout.MAX_LEAF_VARS, ok.value().leafVars());
    tables.add(Table.range(1));
    assertRejected(LeafLayout.of(tables, List.of()), "lookup layout: more than 2^30 leaves");
    // table tags: position + 1 (0 is the filler leaves' denominator term)
    assertEquals(1, LeafLayout.tag(0));
    assertEquals(5, LeafLayout.tag(4));
    // leaf variables: ceil(log2(total)), at least 1
    assertEquals(1, LeafLayout.of(List.of(Table.range(1)), List.of()).value().leafVars());
    assertEquals(2, LeafLayout.of(List.of(Table.range(2)), List.of()).value().leafVars());
    assertEquals(3, LeafLayout.of(List.of(Table.range(2), Table.range(1)), List.of()).value().leafVars());
  }

  @Test
  void smallValueRange() {
    long big = 1L << 62;
    long[] v = {0, 1, -1, big - 1, -(big - 1), big, -big};
    LookupColumn c = LookupColumn.ofLongs(v);
    long[] scratch = new long[L];
    assertEquals(0, c.smallValue(0, scratch));
    assertEquals(1, c.smallValue(1, scratch));
    assertEquals(-1, c.smallValue(2, scratch));
    assertEquals(big - 1, c.smallValue(3, scratch));
    assertEquals(-(big - 1), c.smallValue(4, scratch));
    assertEquals(LookupColumn.NOT_SMALL, c.smallValue(5, scratch));
    assertEquals(LookupColumn.NOT_SMALL, c.smallValue(6, scratch));
  }

  /** range(3): 8 leaves, leaf variables 3, so layers of 1 and 2 rounds; an all-zero proof of that shape. */
  private static LeafLayout range3() {
    return LeafLayout.of(List.of(Table.range(3)), List.of()).value();
  }

  private static LogUpProof zeroProof(LeafLayout layout, SumcheckProof first, SumcheckProof second,
      int firstChildren) {
    return new LogUpProof(new long[4 * L], new SumcheckProof[] {first, second},
        new long[][] {new long[firstChildren * L], new long[4 * L]}, new long[layout.leavesMessageSize() * L]);
  }

  @Test
  void proofShapeMustMatchTheLayoutLayerByLayer() {
    LeafLayout layout = range3();
    assertEquals(3, layout.leafVars());
    SumcheckProof one = SumcheckProof.of(1, 3, new long[3 * L]);
    SumcheckProof two = SumcheckProof.of(2, 3, new long[6 * L]);
    SumcheckProof twoDeg2 = SumcheckProof.of(2, 2, new long[4 * L]);
    // the right shape passes the shape check and fails later (an all-zero root has denominator 0)
    assertRejected(LogUpVerifier.verify(layout, zeroProof(layout, one, two, 4), LogUpFixture.transcript()),
        "lookup: root denominator is zero (a leaf denominator is zero)");
    String mismatch = "lookup: proof does not match the layout";
    assertRejected(LogUpVerifier.verify(layout, zeroProof(layout, two, one, 4), LogUpFixture.transcript()), mismatch);
    assertRejected(LogUpVerifier.verify(layout, zeroProof(layout, one, twoDeg2, 4), LogUpFixture.transcript()),
        mismatch);
    assertRejected(LogUpVerifier.verify(layout, zeroProof(layout, one, two, 3), LogUpFixture.transcript()), mismatch);
    assertFalse(zeroProof(layout, one, two, 4).matches(range3Plus()));
    assertRejected(LogUpVerifier.verify(null, zeroProof(layout, one, two, 4), LogUpFixture.transcript()),
        "lookup: missing input");
    assertRejected(LogUpVerifier.verify(layout, (LogUpProof) null, LogUpFixture.transcript()),
        "lookup: missing input");
    assertRejected(LogUpVerifier.verify(layout, zeroProof(layout, one, two, 4), null), "lookup: missing input");
  }

  private static LeafLayout range3Plus() {
    return LeafLayout.of(List.of(Table.range(3), Table.range(3)), List.of()).value();
  }

  private static final byte[] NON_CANONICAL = new byte[Fr.BYTES];

  static {
    java.util.Arrays.fill(NON_CANONICAL, (byte) 0xff);
  }

  private static String readWithBadElement(LeafLayout layout, int element) {
    byte[] b = new byte[(int) layout.proofSize() * Fr.BYTES];
    System.arraycopy(NON_CANONICAL, 0, b, element * Fr.BYTES, Fr.BYTES);
    Checked<LogUpProof> p = LogUpProof.decode(b, layout);
    assertFalse(p.isOk());
    return p.reason();
  }

  @Test
  void readNamesThePartThatIsMalformed() {
    LeafLayout layout = range3();
    // elements: top 0..3, layer 1 4..6, children 1 7..10, layer 2 11..16, children 2 17..20, leaves 21..
    assertEquals(21 + layout.leavesMessageSize(), layout.proofSize());
    assertTrue(LogUpProof.decode(new byte[(int) layout.proofSize() * Fr.BYTES], layout).isOk());
    assertEquals("lookup top: non-canonical field element at byte 0", readWithBadElement(layout, 0));
    assertEquals("lookup layer 1: sumcheck proof: non-canonical field element at byte 128",
        readWithBadElement(layout, 4));
    assertEquals("lookup children 1: non-canonical field element at byte 224", readWithBadElement(layout, 7));
    assertEquals("lookup layer 2: sumcheck proof: non-canonical field element at byte 352",
        readWithBadElement(layout, 11));
    assertEquals("lookup leaves: non-canonical field element at byte 672", readWithBadElement(layout, 21));
    assertRejected(LogUpProof.read(null, layout), "lookup proof: missing input");
    assertRejected(LogUpProof.read(new FieldReader(new byte[0], 0, 0), null), "lookup proof: missing input");
  }
}
