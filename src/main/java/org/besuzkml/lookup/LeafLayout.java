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
  private final boolean zk;

  private LeafLayout(List<Table> tables, List<LookupInstance> instances, List<Segment> segments, long[] padding,
      long total, int leafVars, int leavesMessageSize, boolean zk) {
    this.tables = tables;
    this.instances = instances;
    this.segments = segments;
    this.padding = padding;
    this.total = total;
    this.leafVars = leafVars;
    this.leavesMessageSize = leavesMessageSize;
    this.zk = zk;
  }

  /** The layout for these tables (vk order; tag = position + 1) and instances (gadget order). */
  public static Checked<LeafLayout> of(List<Table> tables, List<LookupInstance> instances) {
    return build(tables, instances, false);
  }

  /**
   * The zero-knowledge layout (zk-design 5.2): the last leaf of each half, {@code A = 2^(L-1) - 1}
   * and {@code B = 2^L - 1}, is reserved for a mask leaf; segments, by size descending as in
   * {@link #of}, go to the lowest free aligned offset that avoids them (the left half first), and L
   * is the least value {@code >= 2} for which all fit. Descending power-of-two sizes keep each half's
   * used part a prefix, so the placement is one pass per L tried.
   */
  public static Checked<LeafLayout> ofZk(List<Table> tables, List<LookupInstance> instances) {
    return build(tables, instances, true);
  }

  private static Checked<LeafLayout> build(List<Table> tables, List<LookupInstance> instances, boolean zk) {
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
    if (!zk) {
      int leafVars = Math.max(1, 64 - Long.numberOfLeadingZeros(offset - 1));
      return Checked.ok(new LeafLayout(ts, is, List.copyOf(placed), padding, offset, leafVars, stated, false));
    }
    for (int lv = Math.max(2, 64 - Long.numberOfLeadingZeros(offset + 1)); lv <= MAX_LEAF_VARS; lv++) {
      List<Segment> zkPlaced = placeAvoidingMaskLeaves(sorted, lv);
      if (zkPlaced != null) {
        return Checked.ok(new LeafLayout(ts, is, zkPlaced, padding, offset, lv, stated, true));
      }
    }
    return Checked.rejected("lookup layout: more than 2^" + MAX_LEAF_VARS + " leaves with the mask leaves");
  }

  /** First fit of the sorted segments in {@code [0, A)} then {@code [2^(L-1), B)}; null if one does not fit. */
  private static List<Segment> placeAvoidingMaskLeaves(List<Segment> sorted, int lv) {
    long half = 1L << (lv - 1);
    long left = 0;
    long right = half;
    List<Segment> out = new ArrayList<>(sorted.size());
    for (Segment s : sorted) {
      long size = 1L << s.numVars();
      if (left + size <= half - 1) {
        out.add(new Segment(s.kind(), s.index(), s.numVars(), left));
        left += size;
      } else if (right + size <= 2 * half - 1) {
        out.add(new Segment(s.kind(), s.index(), s.numVars(), right));
        right += size;
      } else {
        return null;
      }
    }
    return List.copyOf(out);
  }

  /** True for the zero-knowledge layout (mask leaves at {@link #maskLeafA()} and {@link #maskLeafB()}). */
  public boolean isZk() {
    return zk;
  }

  /** A = 2^(L-1) - 1, the left half's mask leaf (zero-knowledge layout). */
  public long maskLeafA() {
    return (1L << (leafVars - 1)) - 1;
  }

  /** B = 2^L - 1, the right half's mask leaf (zero-knowledge layout). */
  public long maskLeafB() {
    return (1L << leafVars) - 1;
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

  /**
   * Field elements of the whole lookup phase: 4 + sum_{k=1}^{L-1} (3k + 4) + leaves; in the
   * zero-knowledge layout each layer's last round has degree 5, so {@code 3k + 6} per layer.
   */
  public long proofSize() {
    long n = 4;
    for (int k = 1; k < leafVars; k++) {
      n += 3L * k + (zk ? 6 : 4);
    }
    return n + leavesMessageSize;
  }

  /** The round degrees of layer k's sumcheck in the zero-knowledge layout: (3, ..., 3, 5). */
  public static int[] zkLayerDegrees(int k) {
    int[] d = new int[k];
    java.util.Arrays.fill(d, 3);
    d[k - 1] = 5;
    return d;
  }
}
