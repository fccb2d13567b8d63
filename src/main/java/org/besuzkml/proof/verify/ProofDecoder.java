package org.besuzkml.proof.verify;

import java.util.Arrays;
import org.besuzkml.codec.Container;
import org.besuzkml.codec.Decoded;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.besuzkml.lookup.LeafLayout;
import org.besuzkml.pcs.HyperKzgProof;
import org.besuzkml.sumcheck.FieldReader;

/**
 * The one place where proof bytes become values (12.4, "parse, don't validate"): the container
 * "BZKP" with sections 1 MODEL (32 bytes), 2 WITNESS_BINS (K G1), 3 LOOKUP, 4 WALK, 5 OPENING
 * (field elements), 6 PCS. Every length except WALK's is derived from the vk; WALK must be whole
 * field elements, at most {@link #MAX_WALK} bytes. Every field element must be canonical and every
 * point on the curve, all checked here before any verification logic runs; the verifier then reads
 * only the typed {@link Proof}.
 */
public final class ProofDecoder {
  public static final int SECTIONS = 6;
  /** Most bytes a WALK section may have (2^20 field elements). */
  public static final int MAX_WALK = 32 << 20;
  private static final String[] NAMES = {"MODEL", "WITNESS_BINS", "LOOKUP", "WALK", "OPENING", "PCS"};

  private ProofDecoder() {}

  /**
   * A decoded proof. Field-element sections are read through {@link #lookup()}, {@link #walk()},
   * {@link #opening()} (cursors over already-checked elements that report byte offsets of the
   * original proof, so that rejections and diagnostics can name a position).
   *
   * @param modelId the MODEL section
   * @param witnessBins K affine points ({@link G1#AFFINE} longs each)
   * @param witnessBinEncodings their canonical 64-byte encodings, as absorbed
   * @param pcs the PCS section, or null for a model without bins
   */
  public record Proof(byte[] modelId, long[] witnessBins, byte[][] witnessBinEncodings,
      Elements lookupElements, Elements walkElements, Elements openingElements, HyperKzgProof pcs) {
    public FieldReader lookup() {
      return lookupElements.reader();
    }

    public FieldReader walk() {
      return walkElements.reader();
    }

    public FieldReader opening() {
      return openingElements.reader();
    }
  }

  /** Canonical field elements (Montgomery) decoded from the bytes at {@code byteOffset}. */
  public record Elements(long[] values, int count, int byteOffset) {
    FieldReader reader() {
      return FieldReader.ofElements(values, count, byteOffset);
    }
  }

  /** A model with nothing committed (pure data movement) has no opening phases (4, 5). */
  public static boolean noBins(VerifyingKey vk) {
    return vk.witnessBinCount() + vk.modelBinCount() == 0;
  }

  /** Decodes and checks every byte of a proof for this vk and leaf layout (null: no lookups). */
  public static Decoded<Proof> decode(byte[] proof, VerifyingKey vk, LeafLayout layout) {
    Decoded<int[]> d = Container.decode(proof, Container.PROOF, SECTIONS);
    if (!d.isOk()) {
      return d.cast();
    }
    int[] b = d.value();
    boolean noBins = noBins(vk);
    int wb = vk.witnessBinCount();
    long[] expected = {32, (long) wb * G1.ENCODED, layout == null ? 0 : (long) layout.proofSize() * Fr.BYTES,
        -1, noBins ? 0 : (2L * vk.nBin() + wb + vk.modelBinCount()) * Fr.BYTES,
        noBins ? 0 : HyperKzgProof.encodedLength(vk.nBin())};
    for (int s = 0; s < SECTIONS; s++) {
      int len = b[2 * s + 1] - b[2 * s];
      if (expected[s] >= 0 && len != expected[s]) {
        return Decoded.err(NAMES[s] + " section has " + len + " bytes, the vk fixes " + expected[s], b[2 * s]);
      }
      if (expected[s] < 0 && (len % Fr.BYTES != 0 || len > MAX_WALK)) {
        return Decoded.err(NAMES[s] + " section length " + len + " is not whole field elements", b[2 * s]);
      }
    }
    byte[] model = Arrays.copyOfRange(proof, b[0], b[1]);
    if (!Arrays.equals(model, vk.modelId())) {
      return Decoded.err("proof is for another model (model id differs from the vk's)", b[0]);
    }
    long[] bins = new long[wb * G1.AFFINE];
    byte[][] encodings = new byte[wb][];
    for (int k = 0; k < wb; k++) {
      int at = b[2] + k * G1.ENCODED;
      if (!G1.decode(bins, k * G1.AFFINE, proof, at)) {
        return Decoded.err("witness bin " + k + " is not a G1 point", at);
      }
      encodings[k] = G1.encode(bins, k * G1.AFFINE);
    }
    Decoded<Elements> lookup = elements(proof, b[4], b[5], "LOOKUP");
    Decoded<Elements> walk = lookup.isOk() ? elements(proof, b[6], b[7], "WALK") : lookup;
    Decoded<Elements> open = walk.isOk() ? elements(proof, b[8], b[9], "OPENING") : walk;
    if (!open.isOk()) {
      return open.cast();
    }
    HyperKzgProof pcs = null;
    if (!noBins) {
      HyperKzgProof.Decoded p = HyperKzgProof.decode(proof, b[10], b[11] - b[10], vk.nBin());
      if (!p.ok()) {
        return Decoded.err("PCS section: " + p.error(), b[10] + p.errorOffset());
      }
      pcs = p.proof();
    }
    return Decoded.ok(new Proof(model, bins, encodings, lookup.value(), walk.value(), open.value(), pcs));
  }

  private static Decoded<Elements> elements(byte[] proof, int from, int to, String section) {
    int n = (to - from) / Fr.BYTES;
    long[] v = new long[n * Fr.LIMBS];
    for (int i = 0; i < n; i++) {
      if (!Fr.fromBytes(v, i * Fr.LIMBS, proof, from + i * Fr.BYTES)) {
        return Decoded.err(section + ": non-canonical field element", from + i * Fr.BYTES);
      }
    }
    return Decoded.ok(new Elements(v, n, from));
  }
}
