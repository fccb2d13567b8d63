package org.besuzkml.codec;

import org.besuzkml.pcs.HyperKzgVerifierKey;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.ColumnLayout;
import org.besuzkml.proof.gadget.LookupPlan;

/**
 * A decoded verifying key (7.3, 12.3) with what is derived from it at load (7.2, 5.3): the lookup
 * plan and the column layout. {@link #modelId()} is keccak256 of {@link #bytes()}.
 *
 * @param w limb width (8 or 16)
 * @param nBin variables of every bin
 * @param dev true for a key made with the insecure development SRS
 * @param devSeed the development SRS seed (0 otherwise)
 * @param srsDigest keccak256 over the SRS powers used (3.5)
 * @param pcsKey [1]_2, [tau]_2 with prepared lines
 * @param circuit the gadget list, tensors, function tables, public tensors
 * @param scales per tensor its scale exponent (informative; public values are v / 2^scale)
 * @param modelBins the model bin commitments, affine, 8 longs each
 * @param plan lookup tables and instances (derived)
 * @param layout model and witness columns in bins (derived)
 * @param bytes the exact encoding
 * @param modelId keccak256(bytes)
 * @param visibility section 9 of a version-2 (zero-knowledge) key, null for version 1; the pcsKey
 *     of a version-2 key holds the blinding base
 */
public record VerifyingKey(int w, int nBin, boolean dev, long devSeed, byte[] srsDigest,
    HyperKzgVerifierKey pcsKey, Circuit circuit, int[] scales, long[] modelBins, LookupPlan plan,
    ColumnLayout layout, byte[] bytes, byte[] modelId, Visibility visibility) {
  /** True for a version-2 key: its proofs are zero knowledge. */
  public boolean zk() {
    return visibility != null;
  }

  public int modelBinCount() {
    return layout.modelBins();
  }

  public int witnessBinCount() {
    return layout.witnessBins();
  }

  /** The model id as 0x-prefixed hex. */
  public String modelIdHex() {
    return Hex.encode(modelId);
  }
}
