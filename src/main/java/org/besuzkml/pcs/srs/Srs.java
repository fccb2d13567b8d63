package org.besuzkml.pcs.srs;

import java.util.Arrays;
import org.besuzkml.curve.G1;
import org.besuzkml.curve.G2;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * A loaded powers-of-tau reference string, truncated to the {@code N = 2^logSize} powers a model
 * uses: {@code [tau^i]_1} for {@code i < N} (affine, Fq Montgomery, 8 longs each), {@code [1]_2}
 * and {@code [tau]_2} (affine, 16 longs each). This is the prover's commitment key; the verifier
 * needs only the two G2 points (and G).
 *
 * <p>Instances come from {@link PtauReader} (checked ceremony output) or {@link DevSrs} (insecure,
 * {@link #insecure()} true). Immutable: accessors return copies, except {@link #g1Powers()}, which
 * exposes the internal array for the prover's MSMs and must not be written.
 */
public final class Srs {
  /** Largest supported {@code logSize} (2^28 G1 points would be 16 GiB already). */
  public static final int MAX_LOG_SIZE = 28;

  private final int logSize;
  private final long[] g1Powers;
  private final long[] g2One;
  private final long[] g2Tau;
  private final boolean insecure;
  private final long devSeed;
  private volatile byte[] digest;

  Srs(int logSize, long[] g1Powers, long[] g2One, long[] g2Tau, boolean insecure, long devSeed) {
    this.logSize = logSize;
    this.g1Powers = g1Powers;
    this.g2One = g2One;
    this.g2Tau = g2Tau;
    this.insecure = insecure;
    this.devSeed = devSeed;
  }

  /** {@code log2} of the number of G1 powers. */
  public int logSize() {
    return logSize;
  }

  /** Number of G1 powers {@code N = 2^logSize}: commits polynomials of up to logSize variables. */
  public int size() {
    return 1 << logSize;
  }

  /** The G1 powers as one flat affine array (point i at {@code 8 i}); read-only by contract. */
  public long[] g1Powers() {
    return g1Powers;
  }

  /** A copy of {@code [tau^i]_1} (affine, 8 longs). */
  public long[] g1Power(int i) {
    return Arrays.copyOfRange(g1Powers, i * G1.AFFINE, (i + 1) * G1.AFFINE);
  }

  /** {@code [1]_2} (affine, 16 longs; the standard generator H). */
  public long[] g2One() {
    return g2One.clone();
  }

  /** {@code [tau]_2} (affine, 16 longs). */
  public long[] g2Tau() {
    return g2Tau.clone();
  }

  /** True for a development SRS whose tau anyone can compute; never use it for real proofs. */
  public boolean insecure() {
    return insecure;
  }

  /** The seed of a development SRS (0 for an imported one). */
  public long devSeed() {
    return devSeed;
  }

  /** A warning to show the user, or null for an imported ceremony SRS. */
  public String warning() {
    return insecure
        ? "INSECURE development SRS (seed " + devSeed + "): tau is public, anyone can forge proofs; tests only"
        : null;
  }

  /** The first {@code 2^newLogSize} powers (same G2 points and provenance). */
  public Srs truncate(int newLogSize) {
    if (newLogSize < 1 || newLogSize > logSize) {
      throw new IllegalArgumentException("cannot truncate an SRS of 2^" + logSize + " powers to 2^" + newLogSize);
    }
    if (newLogSize == logSize) {
      return this;
    }
    return new Srs(newLogSize, Arrays.copyOf(g1Powers, (1 << newLogSize) * G1.AFFINE), g2One, g2Tau, insecure,
        devSeed);
  }

  /**
   * The SRS digest of protocol.md 3.5: {@code keccak256(u32be(N) || [tau^0]_1 .. [tau^(N-1)]_1 ||
   * [1]_2 || [tau]_2)} over the Ethereum encodings (G1 64 bytes, G2 128 bytes EIP-197). A vk
   * records it so that a prover with another SRS is caught at load time; computed once.
   */
  public byte[] digest() {
    byte[] d = digest;
    if (d == null) {
      d = computeDigest(logSize, g1Powers, g2One, g2Tau);
      digest = d;
    }
    return d.clone();
  }

  static byte[] computeDigest(int logSize, long[] g1Powers, long[] g2One, long[] g2Tau) {
    KeccakDigest k = new KeccakDigest(256);
    int n = 1 << logSize;
    k.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n}, 0, 4);
    byte[] buf = new byte[G1.ENCODED * 256];
    for (int i = 0; i < n; i += 256) {
      int m = Math.min(256, n - i);
      for (int j = 0; j < m; j++) {
        G1.encode(buf, j * G1.ENCODED, g1Powers, (i + j) * G1.AFFINE);
      }
      k.update(buf, 0, m * G1.ENCODED);
    }
    byte[] g2 = new byte[G2.ENCODED];
    G2.encode(g2, 0, g2One, 0);
    k.update(g2, 0, g2.length);
    G2.encode(g2, 0, g2Tau, 0);
    k.update(g2, 0, g2.length);
    byte[] out = new byte[32];
    k.doFinal(out, 0);
    return out;
  }
}
