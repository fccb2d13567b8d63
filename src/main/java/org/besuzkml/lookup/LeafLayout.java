package org.besuzkml.lookup;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.besuzkml.sumcheck.Checked;

/**
 * The leaf vector's layout (5.3), a function of the vk alone: one segment per instance (size
 * {@code 2^m_Lk}, numerator 1, denominator {@code alpha - enc_Lk}), one per table (size
 * {@code 2^b_T}, numerator {@code -M_T}, denominator {@code alpha - enc_T}), one per table with
 * {@code P_T > 0} (size 1, numerator {@code -P_T}, denominator {@code alpha - tau_T}). Segments are
 * ordered by size descending, ties: instances in given order, then tables, then padding rows; offsets
 * are consecutive from 0, so each segment is aligned to its size. {@code S_tot} is the sum of sizes,
 * {@code L = max(1, ceil(log2 S_tot))}; leaves {@code [S_tot, 2^L)} are filler {@code (0, 1)}.
 */
public final class LeafLayout {
  /** Most tables, and most instances (12.2). */
  public static final int MAX_ENTRIES = 1 << 16;
  /** Most leaf variables (the tree has at most 2^30 leaves). */
  public static final int MAX_LEAF_VARS = 30;

  /** The segment kinds, in their tie-break order. */
  public enum Kind { INSTANCE, TABLE, PADDING }

  /**
   * One segment.
   *
   * @param kind what it holds
   * @param index instance index (INSTANCE) or table index (TABLE, PADDING)
   * @param numVars m_s: the segment has 2^m_s leaves
   * @param offset o_s, a multiple of 2^m_s
   */
  public record Segment(Kind kind, int index, int numVars, long offset) {}

  private final List<Table> tables;
  private final List<LookupInstance> instances;
  private final List<Segment> segments;
  private final long[] padding;
  private final long total;
  private final int leafVars;
  private final int leavesMessageSize;

  private LeafLayout(List<Table> tables, List<LookupInstance> instances, List<Segment> segments, long[] padding,
      long total, int leafVars, int leavesMessageSize) {
    this.tables = tables;
    this.instances = instances;
    this.segments = segments;
    this.padding = padding;
    this.total = total;
    this.leafVars = leafVars;
    this.leavesMessageSize = leavesMessageSize;
  }

  /** The layout for these tables (vk order; tag = position + 1) and instances (gadget order). */
  public static Checked<LeafLayout> of(List<Table> tables, List<LookupInstance> instances) {
    if (tables == null || instances == null || tables.isEmpty() || tables.size() > MAX_ENTRIES
        || instances.size() > MAX_ENTRIES) {
      return Checked.rejected("lookup layout: table or instance count out of range");
    }
    List<Table> ts = List.copyOf(tables);
    List<LookupInstance> is = List.copyOf(instances);
    long[] padding = new long[ts.size()];
    List<Segment> segs = new ArrayList<>();
    int stated = 0;
    for (int i = 0; i < is.size(); i++) {
      LookupInstance lk = is.get(i);
      if (lk.table() >= ts.size()) {
        return Checked.rejected("lookup layout: instance " + i + " names table " + lk.table());
      }
      Table t = ts.get(lk.table());
      if (lk.columns() != (t.hasOutput() ? 2 : 1)) {
        return Checked.rejected("lookup layout: instance " + i + " has " + lk.columns() + " columns for " + t);
      }
      padding[lk.table()] += lk.paddedEntries();
      segs.add(new Segment(Kind.INSTANCE, i, lk.numVars(), 0));
      for (int c = 0; c < lk.columns(); c++) {
        stated += lk.encoding(c).statedCount();
      }
    }
    for (int j = 0; j < ts.size(); j++) {
      segs.add(new Segment(Kind.TABLE, j, ts.get(j).bits(), 0));
      stated += ts.get(j).hasCommittedOutput() ? 2 : 1;
    }
    for (int j = 0; j < ts.size(); j++) {
      if (padding[j] > 0) {
        segs.add(new Segment(Kind.PADDING, j, 0, 0));
      }
    }
    // stable sort: by size descending; the insertion order above is the tie order
    List<Segment> sorted = new ArrayList<>(segs);
    Collections.sort(sorted, (a, b) -> Integer.compare(b.numVars(), a.numVars()));
    List<Segment> placed = new ArrayList<>(sorted.size());
    long offset = 0;
    for (Segment s : sorted) {
      placed.add(new Segment(s.kind(), s.index(), s.numVars(), offset));
      offset += 1L << s.numVars();
      if (offset > 1L << MAX_LEAF_VARS) {
        return Checked.rejected("lookup layout: more than 2^" + MAX_LEAF_VARS + " leaves");
      }
    }
    int leafVars = Math.max(1, 64 - Long.numberOfLeadingZeros(offset - 1));
    return Checked.ok(new LeafLayout(ts, is, List.copyOf(placed), padding, offset, leafVars, stated));
  }

  public List<Table> tables() {
    return tables;
  }

  public List<LookupInstance> instances() {
    return instances;
  }

  /** Segments in layout order. */
  public List<Segment> segments() {
    return segments;
  }

  /** P_T: padded entries of all instances into table j. */
  public long paddingCount(int table) {
    return padding[table];
  }

  /** tau_T = position + 1. */
  public static long tag(int table) {
    return table + 1L;
  }

  /** S_tot. */
  public long totalSize() {
    return total;
  }

  /** L: the tree has 2^L leaves. */
  public int leafVars() {
    return leafVars;
  }

  /** Field elements in the "lu/leaves" message. */
  public int leavesMessageSize() {
    return leavesMessageSize;
  }

  /** Field elements of the whole lookup phase: 4 + sum_{k=1}^{L-1} (3k + 4) + leaves. */
  public long proofSize() {
    long n = 4;
    for (int k = 1; k < leafVars; k++) {
      n += 3L * k + 4;
    }
    return n + leavesMessageSize;
  }
}
