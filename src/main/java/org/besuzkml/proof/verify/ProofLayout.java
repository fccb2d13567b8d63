package org.besuzkml.proof.verify;

import org.besuzkml.codec.Container;
import org.besuzkml.codec.Decoded;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.besuzkml.lookup.LeafLayout;
import org.besuzkml.pcs.HyperKzgProof;

/**
 * The proof container "BZKP" (12.4): sections 1 MODEL (32 bytes), 2 WITNESS_BINS (K G1), 3 LOOKUP,
 * 4 WALK, 5 OPENING, 6 PCS. Every length except WALK's is derived from the vk and checked before
 * any other work; WALK must be whole field elements and is consumed exactly by the walk.
 */
public final class ProofLayout {
  public static final int SECTIONS = 6;
  /** Most bytes a WALK section may have (2^20 field elements). */
  public static final int MAX_WALK = 32 << 20;

  private ProofLayout() {}

  /** A model with nothing committed (pure data movement) has no opening phases (4, 5). */
  public static boolean noBins(VerifyingKey vk) {
    return vk.witnessBinCount() + vk.modelBinCount() == 0;
  }

  /** Section bounds, or why the proof's shape does not match the vk. */
  public static Decoded<int[]> sections(byte[] proof, VerifyingKey vk, LeafLayout layout) {
    Decoded<int[]> d = Container.decode(proof, Container.PROOF, SECTIONS);
    if (!d.isOk()) {
      return d;
    }
    int[] b = d.value();
    long[] expected = {
        32,
        (long) vk.witnessBinCount() * G1.ENCODED,
        layout == null ? 0 : layout.proofSize() * Fr.BYTES,
        -1,
        noBins(vk) ? 0 : (2L * vk.nBin() + vk.witnessBinCount() + vk.modelBinCount()) * Fr.BYTES,
        noBins(vk) ? 0 : HyperKzgProof.encodedLength(vk.nBin())};
    String[] names = {"MODEL", "WITNESS_BINS", "LOOKUP", "WALK", "OPENING", "PCS"};
    for (int s = 0; s < SECTIONS; s++) {
      int len = b[2 * s + 1] - b[2 * s];
      if (expected[s] >= 0 && len != expected[s]) {
        return Decoded.err(names[s] + " section has " + len + " bytes, the vk fixes " + expected[s], b[2 * s]);
      }
      if (expected[s] < 0 && (len % Fr.BYTES != 0 || len > MAX_WALK)) {
        return Decoded.err(names[s] + " section length " + len + " is not whole field elements", b[2 * s]);
      }
    }
    return d;
  }
}
