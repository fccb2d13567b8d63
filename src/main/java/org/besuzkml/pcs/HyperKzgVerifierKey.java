package org.besuzkml.pcs;

import org.besuzkml.curve.G2;
import org.besuzkml.pairing.Pairing;
import org.besuzkml.pcs.srs.Srs;

/**
 * What the HyperKZG verifier needs from the SRS: {@code [1]_2} and {@code [tau]_2} (G is fixed),
 * with their Miller-loop lines prepared once, plus the SRS digest and the insecure (dev) flag for
 * the vk to record. The prover's key is the {@link Srs} itself (the G1 powers).
 */
public final class HyperKzgVerifierKey {
  private final long[] g2One;
  private final long[] g2Tau;
  private final long[][] prepared;
  private final byte[] srsDigest;
  private final boolean insecure;

  private HyperKzgVerifierKey(long[] g2One, long[] g2Tau, byte[] srsDigest, boolean insecure) {
    this.g2One = g2One.clone();
    this.g2Tau = g2Tau.clone();
    this.prepared = new long[][] {Pairing.prepare(this.g2One), Pairing.prepare(this.g2Tau)};
    this.srsDigest = srsDigest.clone();
    this.insecure = insecure;
  }

  /** The verifier key of a loaded SRS. */
  public static HyperKzgVerifierKey of(Srs srs) {
    return new HyperKzgVerifierKey(srs.g2One(), srs.g2Tau(), srs.digest(), srs.insecure());
  }

  /** A key or the reason it was refused. */
  public record Decoded(HyperKzgVerifierKey key, String error) {}

  /**
   * A key from the vk's SRS_G2 section: {@code [1]_2 || [tau]_2} as two 128-byte EIP-197
   * encodings at {@code in[off..off+256)}, each on the twist, in G2 and not infinity. Never throws.
   */
  public static Decoded decode(byte[] in, int off, byte[] srsDigest, boolean insecure) {
    if (srsDigest == null || srsDigest.length != 32) {
      return new Decoded(null, "SRS digest must be 32 bytes");
    }
    if (in == null || off < 0 || off > in.length || in.length - off < 2 * G2.ENCODED) {
      return new Decoded(null, "SRS_G2 needs 256 bytes");
    }
    long[][] pts = new long[2][G2.AFFINE];
    String[] names = {"[1]_2", "[tau]_2"};
    for (int i = 0; i < 2; i++) {
      G2.Decoding d = G2.decode(in, off + i * G2.ENCODED, pts[i], 0);
      if (d != G2.Decoding.OK) {
        return new Decoded(null, names[i] + " rejected: " + d);
      }
      if (G2.isInfinity(pts[i], 0)) {
        return new Decoded(null, names[i] + " is infinity");
      }
    }
    // The pairing check e(Lc, [1]_2) e(-W_2, [tau]_2) = 1 is binding only for [1]_2 = H and tau
    // outside {0, 1, -1}: with [1]_2 = [tau]_2, for one, any W_2 = Lc passes.
    byte[] gen = new byte[G2.ENCODED];
    G2.encode(gen, 0, G2.generator(), 0);
    if (!java.util.Arrays.equals(in, off, off + G2.ENCODED, gen, 0, G2.ENCODED)) {
      return new Decoded(null, "[1]_2 is not the generator H");
    }
    long[] neg = new long[G2.AFFINE];
    G2.negAffine(neg, 0, pts[0], 0);
    byte[] negGen = new byte[G2.ENCODED];
    G2.encode(negGen, 0, neg, 0);
    if (java.util.Arrays.equals(in, off + G2.ENCODED, off + 2 * G2.ENCODED, gen, 0, G2.ENCODED)
        || java.util.Arrays.equals(in, off + G2.ENCODED, off + 2 * G2.ENCODED, negGen, 0, G2.ENCODED)) {
      return new Decoded(null, "[tau]_2 is +-H (tau = +-1)");
    }
    return new Decoded(new HyperKzgVerifierKey(pts[0], pts[1], srsDigest, insecure), null);
  }

  /** The 256 bytes {@code [1]_2 || [tau]_2} (EIP-197 encodings). */
  public byte[] encodeG2() {
    byte[] out = new byte[2 * G2.ENCODED];
    G2.encode(out, 0, g2One, 0);
    G2.encode(out, G2.ENCODED, g2Tau, 0);
    return out;
  }

  public long[] g2One() {
    return g2One.clone();
  }

  public long[] g2Tau() {
    return g2Tau.clone();
  }

  public byte[] srsDigest() {
    return srsDigest.clone();
  }

  public boolean insecure() {
    return insecure;
  }

  long[][] preparedLines() {
    return prepared;
  }
}
