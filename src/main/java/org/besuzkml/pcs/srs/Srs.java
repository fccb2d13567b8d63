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
 * <p>For zero knowledge (zk-design.md 2.1-2.2) it may also carry the blinding base of the ptau's
 * sections 5 and 6: {@code [beta]_1, [beta tau]_1, [beta tau^2]_1} ({@link #betaG1()}) and {@code
 * [beta]_2} ({@link #betaG2()}); {@link #hasBeta()} says whether it does. The powers, the G2 points
 * and the version-1 {@link #digest()} do not depend on them.
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
  /** {@code [beta tau^i]_1} for i < 3 (24 longs) and {@code [beta]_2} (16 longs), or both null. */
  private final long[] betaG1;
  private final long[] betaG2;
  private volatile byte[] digest;
  private volatile byte[] digestV2;

  /** Number of {@code [beta tau^i]_1} points carried: shadows have degree at most 2 (zk-design.md 2.1). */
  public static final int BETA_POWERS = 3;

  Srs(int logSize, long[] g1Powers, long[] g2One, long[] g2Tau, boolean insecure, long devSeed) {
    this(logSize, g1Powers, g2One, g2Tau, insecure, devSeed, null, null);
  }

  Srs(int logSize, long[] g1Powers, long[] g2One, long[] g2Tau, boolean insecure, long devSeed, long[] betaG1,
      long[] betaG2) {
    if ((betaG1 == null) != (betaG2 == null)
        || (betaG1 != null && (betaG1.length != BETA_POWERS * G1.AFFINE || betaG2.length != G2.AFFINE))) {
      throw new IllegalArgumentException("beta points: three G1 and one G2, or none");
    }
    this.logSize = logSize;
    this.g1Powers = g1Powers;
    this.g2One = g2One;
    this.g2Tau = g2Tau;
    this.insecure = insecure;
    this.devSeed = devSeed;
    this.betaG1 = betaG1;
    this.betaG2 = betaG2;
  }

  /** True when the SRS carries the blinding base (zero-knowledge proving needs it). */
  public boolean hasBeta() {
    return betaG1 != null;
  }

  /**
   * A copy of {@code [beta]_1, [beta tau]_1, [beta tau^2]_1} (three affine points, 24 longs).
   *
   * @throws IllegalStateException when the SRS has no beta points (a ptau read without them)
   */
  public long[] betaG1() {
    requireBeta();
    return betaG1.clone();
  }

  /** A copy of {@code [beta]_2} (affine, 16 longs); see {@link #betaG1()}. */
  public long[] betaG2() {
    requireBeta();
    return betaG2.clone();
  }

  private void requireBeta() {
    if (betaG1 == null) {
      throw new IllegalStateException("this SRS has no beta points (ptau lacks betaTauG1/betaG2, or was read without"
          + " them): zero-knowledge proving needs them");
    }
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
        devSeed, betaG1, betaG2);
  }

  /** The same SRS without its beta points (what a version-1 ptau read returns). */
  public Srs withoutBeta() {
    return betaG1 == null ? this : new Srs(logSize, g1Powers, g2One, g2Tau, insecure, devSeed);
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

  /**
   * The version-2 SRS digest (zk-design.md 1.3, 2.2): {@code keccak256(u32be(N) || [tau^0]_1 ..
   * [tau^(N-1)]_1 || [1]_2 || [tau]_2 || [beta]_1 || [beta tau]_1 || [beta tau^2]_1 || [beta]_2)},
   * i.e. the version-1 preimage followed by the four beta points, so that a zk vk ties its beta to
   * the ceremony file exactly as it ties tau. Computed once.
   *
   * @throws IllegalStateException without beta points
   */
  public byte[] digestV2() {
    requireBeta();
    byte[] d = digestV2;
    if (d == null) {
      KeccakDigest k = powersDigest(logSize, g1Powers, g2One, g2Tau);
      byte[] buf = new byte[BETA_POWERS * G1.ENCODED + G2.ENCODED];
      for (int i = 0; i < BETA_POWERS; i++) {
        G1.encode(buf, i * G1.ENCODED, betaG1, i * G1.AFFINE);
      }
      G2.encode(buf, BETA_POWERS * G1.ENCODED, betaG2, 0);
      k.update(buf, 0, buf.length);
      d = new byte[32];
      k.doFinal(d, 0);
      digestV2 = d;
    }
    return d.clone();
  }

  static byte[] computeDigest(int logSize, long[] g1Powers, long[] g2One, long[] g2Tau) {
    KeccakDigest k = powersDigest(logSize, g1Powers, g2One, g2Tau);
    byte[] out = new byte[32];
    k.doFinal(out, 0);
    return out;
  }

  /** Keccak state after the version-1 preimage. */
  private static KeccakDigest powersDigest(int logSize, long[] g1Powers, long[] g2One, long[] g2Tau) {
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
    return k;
  }
}
