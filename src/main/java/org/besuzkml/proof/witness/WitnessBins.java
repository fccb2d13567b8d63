package org.besuzkml.proof.witness;

import java.util.List;
import org.besuzkml.proof.gadget.ColumnLayout;

/**
 * The integer contents of the bins of section 7.2: each column in its padded layout at its offset
 * (a chunked column fills consecutive bins), zero elsewhere. Model bins come from the constants
 * (setup), witness bins from the advice and the multiplicities (prove). The PCS converts them to
 * field elements ({@code emb(v) = v mod p}).
 */
public final class WitnessBins {
  private WitnessBins() {}

  public static long[][] witnessBins(ColumnLayout layout, Witness w, long[][] multiplicities) {
    return fill(layout.nBin(), layout.witness(), layout.witnessBins(), col -> col.tensor() >= 0
        ? w.padded(col.tensor()) : multiplicities[col.table()]);
  }

  public static long[][] modelBins(ColumnLayout layout, Witness w) {
    return fill(layout.nBin(), layout.model(), layout.modelBins(), col -> w.padded(col.tensor()));
  }

  private interface Values {
    long[] of(ColumnLayout.Column c);
  }

  private static long[][] fill(int nBin, List<ColumnLayout.Column> cols, int bins, Values v) {
    int size = 1 << nBin;
    long[][] out = new long[bins][size];
    for (ColumnLayout.Column c : cols) {
      long[] vals = v.of(c);
      for (int i = 0; i < vals.length; i++) {
        out[c.bin() + i / size][c.offset() + i % size] = vals[i];
      }
    }
    return out;
  }
}
