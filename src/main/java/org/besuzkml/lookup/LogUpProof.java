package org.besuzkml.lookup;

import org.besuzkml.field.Fr;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.sumcheck.SumcheckProof;

/**
 * The lookup phase's prover messages (section 8, phase 2) in order: {@code top} =
 * {@code p_1(0), p_1(1), q_1(0), q_1(1)}; for each layer {@code k = 1..L-1} a sumcheck of k rounds
 * of degree 3 and its {@code children} {@code p0, p1, q0, q1}; then the {@code leaves} values.
 * Every count is fixed by the {@link LeafLayout}; {@link #read} reads exactly
 * {@link LeafLayout#proofSize()} elements.
 */
public final class LogUpProof {
  private static final int L = Fr.LIMBS;

  private final long[] top;
  private final SumcheckProof[] layers;
  private final long[][] children;
  private final long[] leaves;

  LogUpProof(long[] top, SumcheckProof[] layers, long[][] children, long[] leaves) {
    this.top = top;
    this.layers = layers;
    this.children = children;
    this.leaves = leaves;
  }

  /** Reads the messages for this layout; never throws. */
  public static Checked<LogUpProof> read(FieldReader in, LeafLayout layout) {
    if (in == null || layout == null) {
      return Checked.rejected("lookup proof: missing input");
    }
    if (in.remainingElements() < layout.proofSize()) {
      return Checked.rejected("lookup proof: truncated, need " + layout.proofSize() + " elements");
    }
    long[] top = in.read(4);
    if (top == null) {
      return Checked.rejected("lookup top: " + in.error());
    }
    int lv = layout.leafVars();
    SumcheckProof[] layers = new SumcheckProof[lv - 1];
    long[][] children = new long[lv - 1][];
    for (int k = 1; k < lv; k++) {
      Checked<SumcheckProof> sc = layout.isZk() ? SumcheckProof.read(in, LeafLayout.zkLayerDegrees(k))
          : SumcheckProof.read(in, k, 3);
      if (!sc.isOk()) {
        return sc.rethrow("lookup layer " + k);
      }
      layers[k - 1] = sc.value();
      children[k - 1] = in.read(4);
      if (children[k - 1] == null) {
        return Checked.rejected("lookup children " + k + ": " + in.error());
      }
    }
    long[] leaves = in.read(layout.leavesMessageSize());
    if (leaves == null) {
      return Checked.rejected("lookup leaves: " + in.error());
    }
    return Checked.ok(new LogUpProof(top, layers, children, leaves));
  }

  /** Decodes a byte string holding exactly the lookup messages. */
  public static Checked<LogUpProof> decode(byte[] bytes, LeafLayout layout) {
    FieldReader in = new FieldReader(bytes, 0, bytes == null ? 0 : bytes.length);
    Checked<LogUpProof> p = read(in, layout);
    if (p.isOk() && !in.atEnd()) {
      return Checked.rejected("lookup proof: trailing bytes");
    }
    return p;
  }

  /** The messages in order as field elements (flat). */
  public long[] elements() {
    int n = 4 + leaves.length / L;
    for (int k = 0; k < layers.length; k++) {
      n += layers[k].size() + 4;
    }
    long[] out = new long[n * L];
    int pos = 0;
    System.arraycopy(top, 0, out, pos, top.length);
    pos += top.length;
    for (int k = 0; k < layers.length; k++) {
      long[] c = layers[k].compressed();
      System.arraycopy(c, 0, out, pos, c.length);
      pos += c.length;
      System.arraycopy(children[k], 0, out, pos, 4 * L);
      pos += 4 * L;
    }
    System.arraycopy(leaves, 0, out, pos, leaves.length);
    return out;
  }

  /** The canonical encoding, 32 bytes per element. */
  public byte[] encode() {
    long[] e = elements();
    byte[] out = new byte[e.length / L * Fr.BYTES];
    for (int i = 0; i < e.length / L; i++) {
      Fr.toBytes(out, i * Fr.BYTES, e, i * L);
    }
    return out;
  }

  /** True when this proof has exactly the shape the layout fixes (a proof read for another layout does not). */
  boolean matches(LeafLayout layout) {
    int lv = layout.leafVars();
    if (top.length != 4 * L || layers.length != lv - 1 || children.length != lv - 1
        || leaves.length != layout.leavesMessageSize() * L) {
      return false;
    }
    for (int k = 1; k < lv; k++) {
      boolean shape = layout.isZk() ? layers[k - 1].hasDegrees(LeafLayout.zkLayerDegrees(k))
          : layers[k - 1].rounds() == k && layers[k - 1].degree() == 3;
      if (!shape || children[k - 1].length != 4 * L) {
        return false;
      }
    }
    return true;
  }

  long[] top() {
    return top;
  }

  SumcheckProof layer(int k) {
    return layers[k - 1];
  }

  long[] children(int k) {
    return children[k - 1];
  }

  long[] leaves() {
    return leaves;
  }
}
