package org.besuzkml.proof.gadget;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Section 7.2: which committed polynomial holds which column at which offset. Model columns are
 * the CONSTANT tensors; witness columns are the committed advice that is not limb-backed (limbs,
 * signs, table outputs, selector and zero bits) and one multiplicity column per lookup table
 * (5.6). Each list is sorted by size descending (ties: vk order) and packed at consecutive offsets
 * into bins of {@code 2^nBin} entries; a column larger than a bin is split into chunks along its
 * most significant variables, one bin each.
 */
public record ColumnLayout(int nBin, List<Column> model, List<Column> witness, int modelBins,
    int witnessBins) {
  /**
   * One column: a tensor id (or -1 for the multiplicities of lookup table {@code table}), its
   * variables, the first bin it occupies, its offset there, and its chunk count.
   */
  public record Column(int tensor, int table, int vars, int bin, int offset, int chunks) {}

  public static ColumnLayout of(Circuit c, LookupPlan plan) {
    boolean[] limbBacked = new boolean[c.tensors().size()];
    for (Gadget g : c.gadgets()) {
      if (g instanceof Decomp d && d.define()) {
        limbBacked[d.x()] = true;
      }
    }
    // committed inputs (zk-design 4.7): committed graph inputs that are not limb-backed; each gets
    // a bin of its own at offset 0, first, so that bin's hiding commitment is the statement's C_x
    boolean[] external = new boolean[c.tensors().size()];
    List<int[]> ext = new ArrayList<>();
    for (int i : c.inputs()) {
      if (c.tensor(i).kind() == TensorKind.COMMITTED && !limbBacked[i] && !external[i]) {
        external[i] = true;
        ext.add(new int[] {i, -1, c.tensor(i).vars()});
      }
    }
    List<int[]> model = new ArrayList<>(); // tensor, table, vars
    List<int[]> wit = new ArrayList<>();
    long entries = 0;
    for (TensorInfo t : c.tensors()) {
      if (t.kind() == TensorKind.CONSTANT) {
        model.add(new int[] {t.id(), -1, t.vars()});
        entries += 1L << t.vars();
      } else if (t.kind() == TensorKind.COMMITTED && !limbBacked[t.id()] && !external[t.id()]) {
        wit.add(new int[] {t.id(), -1, t.vars()});
        entries += 1L << t.vars();
      }
    }
    for (int i = 0; i < plan.tables().size(); i++) {
      wit.add(new int[] {-1, i, plan.tables().get(i).bits()});
      entries += plan.tables().get(i).rows();
    }
    for (int[] e : ext) {
      entries += 1L << e[2];
    }
    int log = entries <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(entries - 1);
    int nBin = Math.max(8, Math.min(20, log - 4));
    List<Column> w = new ArrayList<>();
    for (int[] e : ext) {
      nBin = Math.max(nBin, e[2]); // a committed input fits one bin (1.4); no chunked commitments
    }
    for (int[] e : ext) {
      w.add(new Column(e[0], -1, e[2], w.size(), 0, 1));
    }
    List<Column> m = pack(model, nBin, 0);
    w.addAll(pack(wit, nBin, w.size()));
    return new ColumnLayout(nBin, m, w, bins(m), bins(w));
  }

  private static List<Column> pack(List<int[]> cols, int nBin, int firstBin) {
    List<int[]> sorted = new ArrayList<>(cols);
    sorted.sort(Comparator.comparingInt((int[] a) -> -a[2])); // stable: ties keep vk order
    List<Column> out = new ArrayList<>();
    int bin = firstBin;
    long offset = 0;
    long binSize = 1L << nBin;
    for (int[] col : sorted) {
      long size = 1L << col[2];
      if (size >= binSize) {
        if (offset > 0) {
          bin++;
          offset = 0;
        }
        int chunks = (int) (size / binSize);
        out.add(new Column(col[0], col[1], col[2], bin, 0, chunks));
        bin += chunks;
        continue;
      }
      if (offset + size > binSize) {
        bin++;
        offset = 0;
      }
      out.add(new Column(col[0], col[1], col[2], bin, (int) offset, 1));
      offset += size;
    }
    return out;
  }

  private static int bins(List<Column> cols) {
    int n = 0;
    for (Column c : cols) {
      n = Math.max(n, c.bin() + (c.offset() == 0 && c.chunks() > 1 ? c.chunks() : 1));
    }
    return n;
  }
}
