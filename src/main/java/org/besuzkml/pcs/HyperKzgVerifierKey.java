package org.besuzkml.pcs;

import org.besuzkml.curve.G1;
import org.besuzkml.curve.G2;
import org.besuzkml.pairing.Pairing;
import org.besuzkml.pcs.srs.Srs;

/**
 * What the HyperKZG verifier needs from the SRS: {@code [1]_2} and {@code [tau]_2} (G is fixed),
 * with their Miller-loop lines prepared once, plus the SRS digest and the insecure (dev) flag for
 * the vk to record. The prover's key is the {@link Srs} itself (the G1 powers).
 *
 * <p>For zero-knowledge openings the key also holds the blinding base {@code [beta]_1} (and {@code
 * [beta]_2}, used only by the load-time check): {@link #withBeta} decodes and checks them
 * (zk-design.md 9.4, premise P13). The verifier's pairing check never uses {@code [beta]_2}.
 */
public final class HyperKzgVerifierKey {
  private final long[] g2One;
  private final long[] g2Tau;
  private final long[][] prepared;
  private final byte[] srsDigest;
  private final boolean insecure;
  /** [beta]_1 (affine G1) and [beta]_2 (affine G2), or both null. */
  private final long[] beta1;
  private final long[] beta2;

  private HyperKzgVerifierKey(long[] g2One, long[] g2Tau, byte[] srsDigest, boolean insecure) {
    this.g2One = g2One.clone();
    this.g2Tau = g2Tau.clone();
    this.prepared = new long[][] {Pairing.prepare(this.g2One), Pairing.prepare(this.g2Tau)};
    this.srsDigest = srsDigest.clone();
    this.insecure = insecure;
    this.beta1 = null;
    this.beta2 = null;
  }

  private HyperKzgVerifierKey(HyperKzgVerifierKey k, long[] beta1, long[] beta2) {
    this.g2One = k.g2One;
    this.g2Tau = k.g2Tau;
    this.prepared = k.prepared;
    this.srsDigest = k.srsDigest;
    this.insecure = k.insecure;
    this.beta1 = beta1;
    this.beta2 = beta2;
  }

  /**
   * The verifier key of a loaded SRS, with its {@code [beta]_1, [beta]_2} when the SRS has them
   * (the ceremony import checked them). The digest is the version-1 one either way.
   */
  public static HyperKzgVerifierKey of(Srs srs) {
    HyperKzgVerifierKey k = new HyperKzgVerifierKey(srs.g2One(), srs.g2Tau(), srs.digest(), srs.insecure());
    if (!srs.hasBeta()) {
      return k;
    }
    return new HyperKzgVerifierKey(k, java.util.Arrays.copyOf(srs.betaG1(), G1.AFFINE), srs.betaG2());
  }

  /** Bytes of the blinding base in a vk: {@code [beta]_1} (64, EIP-196) then {@code [beta]_2} (128, EIP-197). */
  public static final int BETA_ENCODED = G1.ENCODED + G2.ENCODED;

  /**
   * This key with the blinding base decoded from {@code in[off..off+192)} and checked (premise P13
   * of zk-design.md 9.4): {@code [beta]_1} canonical, on the curve, not infinity, not {@code +-G};
   * {@code [beta]_2} canonical, on the twist, in G2, not infinity, not {@code +-H}, not {@code
   * +-[tau]_2}; and {@code e([beta]_1, H) = e(G, [beta]_2)} (one pairing check, at load). The check
   * cannot show that beta is unknown: the SRS digest ties it to the ceremony file. Never throws.
   */
  public Decoded withBeta(byte[] in, int off) {
    try {
      if (in == null || off < 0 || off > in.length || in.length - off < BETA_ENCODED) {
        return new Decoded(null, "blinding base needs " + BETA_ENCODED + " bytes");
      }
      long[] b1 = new long[G1.AFFINE];
      if (!G1.decode(b1, 0, in, off)) {
        return new Decoded(null, "[beta]_1 is not a G1 point");
      }
      if (G1.isInfinityAffine(b1, 0)) {
        return new Decoded(null, "[beta]_1 is infinity");
      }
      long[] g = G1.generator();
      if (java.util.Arrays.equals(b1, 0, 4, g, 0, 4)) {
        return new Decoded(null, "[beta]_1 is +-G (beta = +-1)");
      }
      long[] b2 = new long[G2.AFFINE];
      G2.Decoding d = G2.decode(in, off + G1.ENCODED, b2, 0);
      if (d != G2.Decoding.OK) {
        return new Decoded(null, "[beta]_2 rejected: " + d);
      }
      if (G2.isInfinity(b2, 0)) {
        return new Decoded(null, "[beta]_2 is infinity");
      }
      // +-P share the x coordinate (4 Fq2 limbs pairs = the first 8 longs)
      if (java.util.Arrays.equals(b2, 0, 8, g2One, 0, 8) || java.util.Arrays.equals(b2, 0, 8, g2Tau, 0, 8)) {
        return new Decoded(null, "[beta]_2 is +-H or +-[tau]_2");
      }
      long[] ps = new long[2 * G1.AFFINE];
      System.arraycopy(b1, 0, ps, 0, G1.AFFINE);
      G1.negAffine(ps, G1.AFFINE, g, 0);
      long[] qs = new long[2 * G2.AFFINE];
      System.arraycopy(g2One, 0, qs, 0, G2.AFFINE);
      System.arraycopy(b2, 0, qs, G2.AFFINE, G2.AFFINE);
      if (!Pairing.pairingCheck(ps, qs, 2)) {
        return new Decoded(null, "[beta]_2 is not the beta of [beta]_1 (e([beta]_1, H) != e(G, [beta]_2))");
      }
      return new Decoded(new HyperKzgVerifierKey(this, b1, b2), null);
    } catch (RuntimeException e) {
      return new Decoded(null, "internal error: " + e);
    }
  }

  /** True when the key holds the blinding base (zero-knowledge openings need it). */
  public boolean hasBeta() {
    return beta1 != null;
  }

  /** The 192 bytes {@code [beta]_1 || [beta]_2}; null without beta. */
  public byte[] encodeBeta() {
    if (beta1 == null) {
      return null;
    }
    byte[] out = new byte[BETA_ENCODED];
    G1.encode(out, 0, beta1, 0);
    G2.encode(out, G1.ENCODED, beta2, 0);
    return out;
  }

  /** [beta]_1 (affine), read-only, for the verifier's MSM; null without beta. */
  long[] beta1Ref() {
    return beta1;
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
