package org.besuzkml.pcs;

import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;

/**
 * The prover's messages of one HyperKZG + Shplonk evaluation argument for {@code l} variables
 * (protocol.md 3.3): the fold commitments {@code F_1 .. F_(l-1)}, the evaluations {@code a_i =
 * P_i(r), b_i = P_i(-r), c_i = P_i(r^2)} for {@code i < l}, and the Shplonk points {@code W_1},
 * {@code W_2}.
 *
 * <p>Encoding (protocol.md 12.4, PCS section), no length fields, everything fixed by {@code l}:
 * {@code (l-1) x G1 (64 bytes x || y, big-endian; infinity all zeros)}, {@code 3l x Fr (32 bytes
 * big-endian, canonical)} in the order {@code a_0, b_0, c_0, a_1, ...}, {@code W_1}, {@code W_2}.
 * {@link #decode} checks the exact length, canonical field elements and that every point is on the
 * curve, and never throws.
 *
 * <p>A zero-knowledge proof (zk-design.md 2.5, 11.3) also carries {@code sigma}, the blinding
 * shadow's Shplonk value, one field element encoded between {@code W_1} and {@code W_2}; {@link
 * #zk()} tells the two kinds apart, and {@link #decodeZk} reads it. A version-1 proof is exactly as
 * before.
 */
public final class HyperKzgProof {
  /** Most variables a proof may have (the SRS cannot be larger). */
  public static final int MAX_VARS = 28;

  private final int numVars;
  private final long[] folds;
  private final long[] evals;
  private final long[] w1;
  private final long[] w2;
  /** sigma (Fr Montgomery) of a zero-knowledge proof; null for a version-1 proof. */
  private final long[] sigma;

  /**
   * A proof from its parts (copied): folds = {@code (l-1)} affine points (8 longs each), evals =
   * {@code 3l} Fr elements (Montgomery), w1 and w2 affine points.
   */
  public HyperKzgProof(int numVars, long[] folds, long[] evals, long[] w1, long[] w2) {
    this(numVars, folds, evals, w1, null, w2);
  }

  /** A zero-knowledge proof from its parts (sigma: one Fr element, Montgomery), or version 1 if sigma is null. */
  public HyperKzgProof(int numVars, long[] folds, long[] evals, long[] w1, long[] sigma, long[] w2) {
    if (numVars < 1 || numVars > MAX_VARS || folds.length != (numVars - 1) * G1.AFFINE
        || evals.length != 3 * numVars * Fr.LIMBS || w1.length != G1.AFFINE || w2.length != G1.AFFINE
        || (sigma != null && sigma.length != Fr.LIMBS)) {
      throw new IllegalArgumentException("inconsistent HyperKZG proof parts for " + numVars + " variables");
    }
    this.numVars = numVars;
    this.folds = folds.clone();
    this.evals = evals.clone();
    this.w1 = w1.clone();
    this.w2 = w2.clone();
    this.sigma = sigma == null ? null : sigma.clone();
  }

  /** True for a zero-knowledge proof (it carries sigma). */
  public boolean zk() {
    return sigma != null;
  }

  /** A copy of sigma; null for a version-1 proof. */
  public long[] sigma() {
    return sigma == null ? null : sigma.clone();
  }

  public int numVars() {
    return numVars;
  }

  /** Copy of the fold commitments F_1..F_(l-1), affine. */
  public long[] folds() {
    return folds.clone();
  }

  /** Copy of the 3l evaluations (a_i, b_i, c_i per i), Fr Montgomery. */
  public long[] evals() {
    return evals.clone();
  }

  public long[] w1() {
    return w1.clone();
  }

  public long[] w2() {
    return w2.clone();
  }

  // Package access without copies, for the verifier.
  long[] foldsRef() {
    return folds;
  }

  long[] evalsRef() {
    return evals;
  }

  long[] w1Ref() {
    return w1;
  }

  long[] w2Ref() {
    return w2;
  }

  long[] sigmaRef() {
    return sigma;
  }

  /** Encoded length for l variables (l in 1..MAX_VARS): {@code (l-1) 64 + 3l 32 + 128}. */
  public static int encodedLength(int numVars) {
    return (numVars - 1) * G1.ENCODED + 3 * numVars * Fr.BYTES + 2 * G1.ENCODED;
  }

  /** Encoded length of a zero-knowledge proof: {@link #encodedLength} plus 32 bytes for sigma. */
  public static int encodedLengthZk(int numVars) {
    return encodedLength(numVars) + Fr.BYTES;
  }

  public byte[] encode() {
    byte[] out = new byte[zk() ? encodedLengthZk(numVars) : encodedLength(numVars)];
    encode(out, 0);
    return out;
  }

  /** Writes the encoding at out[off..off + encodedLength) ({@link #encodedLengthZk} for a zk proof). */
  public void encode(byte[] out, int off) {
    int p = off;
    for (int i = 0; i < numVars - 1; i++, p += G1.ENCODED) {
      G1.encode(out, p, folds, i * G1.AFFINE);
    }
    for (int i = 0; i < 3 * numVars; i++, p += Fr.BYTES) {
      Fr.toBytes(out, p, evals, i * Fr.LIMBS);
    }
    G1.encode(out, p, w1, 0);
    p += G1.ENCODED;
    if (sigma != null) {
      Fr.toBytes(out, p, sigma, 0);
      p += Fr.BYTES;
    }
    G1.encode(out, p, w2, 0);
  }

  /** A decoded proof, or the reason and the byte offset (relative to the input start) of the rejection. */
  public record Decoded(HyperKzgProof proof, String error, int errorOffset) {
    public boolean ok() {
      return proof != null;
    }
  }

  /**
   * Decodes exactly {@code len} bytes at {@code in[off..]} as a proof for {@code numVars} variables.
   * Never throws: bad arguments, a wrong length, a non-canonical field element or a point off the
   * curve give an error value.
   */
  public static Decoded decode(byte[] in, int off, int len, int numVars) {
    return decode(in, off, len, numVars, false);
  }

  /** As {@link #decode} for a zero-knowledge proof ({@code sigma} between W_1 and W_2). Never throws. */
  public static Decoded decodeZk(byte[] in, int off, int len, int numVars) {
    return decode(in, off, len, numVars, true);
  }

  private static Decoded decode(byte[] in, int off, int len, int numVars, boolean zk) {
    if (numVars < 1 || numVars > MAX_VARS) {
      return new Decoded(null, "number of variables " + numVars + " outside 1.." + MAX_VARS, 0);
    }
    if (in == null || off < 0 || len < 0 || off > in.length || in.length - off < len) {
      return new Decoded(null, "input range out of bounds", 0);
    }
    int expected = zk ? encodedLengthZk(numVars) : encodedLength(numVars);
    if (len != expected) {
      return new Decoded(null, "PCS proof has " + len + " bytes, expected " + expected + " for l = " + numVars, 0);
    }
    long[] folds = new long[(numVars - 1) * G1.AFFINE];
    long[] evals = new long[3 * numVars * Fr.LIMBS];
    long[] w1 = new long[G1.AFFINE], w2 = new long[G1.AFFINE];
    int p = 0;
    for (int i = 0; i < numVars - 1; i++, p += G1.ENCODED) {
      if (!G1.decode(folds, i * G1.AFFINE, in, off + p)) {
        return new Decoded(null, "fold commitment F_" + (i + 1) + " is not a G1 point", p);
      }
    }
    for (int i = 0; i < 3 * numVars; i++, p += Fr.BYTES) {
      if (!Fr.fromBytes(evals, i * Fr.LIMBS, in, off + p)) {
        return new Decoded(null, "evaluation " + i + " is not a canonical field element", p);
      }
    }
    if (!G1.decode(w1, 0, in, off + p)) {
      return new Decoded(null, "W_1 is not a G1 point", p);
    }
    p += G1.ENCODED;
    long[] sigma = null;
    if (zk) {
      sigma = new long[Fr.LIMBS];
      if (!Fr.fromBytes(sigma, 0, in, off + p)) {
        return new Decoded(null, "sigma is not a canonical field element", p);
      }
      p += Fr.BYTES;
    }
    if (!G1.decode(w2, 0, in, off + p)) {
      return new Decoded(null, "W_2 is not a G1 point", p);
    }
    return new Decoded(new HyperKzgProof(numVars, folds, evals, w1, sigma, w2), null, -1);
  }
}
