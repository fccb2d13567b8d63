package org.besuzkml.proof.verify;

import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.besuzkml.lookup.LeafLayout;
import org.besuzkml.pcs.HyperKzgProof;
import org.besuzkml.sumcheck.Checked;

/**
 * The sizes of a version-2 (zero-knowledge, all-public) proof, derived from the vk alone and
 * identically by prover and verifier (zk-design 3.5, 11.3). The mask column {@code Lambda} is laid
 * out as: the lookup phase's entries {@code [0, lookupEnd)} (mask leaves, layers, leaf slots; a
 * function of the zk leaf layout), the walk's {@code [lookupEnd, walkEnd)}, the bin mapping's chunk
 * slots {@code [walkEnd, size)}, all counted statically by {@link ZkMaskShape} (linear in the
 * gadgets, no allocation per tensor entry). The proof states no size and the verifier trusts none
 * from it.
 */
public record ZkShape(LeafLayout layout, int lookupEnd, int walkEnd, int size, int maskBins) {
  /** Largest WALK section accepted (the walk is read to its end; its length is not precomputed). */
  public static final int MAX_WALK_BYTES = 1 << 26;
  /** Bytes of the WITNESS_BINS section: K witness bins, K_Lambda mask bins, C_H1, C_H2, C_M. */
  public int witnessBinsBytes(VerifyingKey vk) {
    return (vk.witnessBinCount() + maskBins + 3) * G1.ENCODED;
  }

  /** Field elements of the LOOKUP section (0 without lookups). */
  public long lookupElements() {
    return layout == null ? 0 : layout.proofSize();
  }

  /** Bytes of the OPENING section: v_H1, v_H2, SC(n, 2), m. */
  public static int openingBytes(VerifyingKey vk) {
    return (2 + 2 * vk.nBin() + 1) * Fr.BYTES;
  }

  /** Bytes of the PCS section. */
  public static int pcsBytes(VerifyingKey vk) {
    return HyperKzgProof.encodedLengthZk(vk.nBin());
  }

  /** The shape, or a refusal by reason (a model the zk walk cannot prove, a column too large). */
  public static Checked<ZkShape> of(VerifyingKey vk) {
    try {
      return compute(vk);
    } catch (RuntimeException e) {
      return Checked.rejected("zk shape: malformed key (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static Checked<ZkShape> compute(VerifyingKey vk) {
    if (vk.nBin() < 1) {
      return Checked.rejected("zk: a model without bins has nothing to hide an opening with (n_bin = 0)");
    }
    LeafLayout layout = null;
    if (LookupSetup.hasLookups(vk)) {
      Checked<LeafLayout> l = LookupSetup.zkLayout(vk, null);
      if (!l.isOk()) {
        return Checked.rejected("lookup layout: " + l.reason());
      }
      layout = l.value();
    }
    Checked<ZkMaskShape> m = ZkMaskShape.of(vk, layout);
    if (!m.isOk()) {
      return m.rethrow("zk shape");
    }
    int bin = 1 << vk.nBin();
    int maskBins = (int) ((m.value().size() + (long) bin - 1) / bin);
    return Checked.ok(new ZkShape(layout, m.value().lookupEnd(), m.value().walkEnd(), m.value().size(), maskBins));
  }
}
