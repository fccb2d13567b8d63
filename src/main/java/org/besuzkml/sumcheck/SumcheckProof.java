package org.besuzkml.sumcheck;

import org.besuzkml.field.Fr;

/**
 * The prover messages of one (possibly batched) sumcheck: for each of {@code k} rounds the round
 * polynomial of degree at most {@code d} in compressed form {@code (c_0, c_2, c_3, ..., c_d)}, the
 * linear coefficient omitted (the verifier recovers it from the running claim, 4.1). So a round is
 * exactly {@code d} field elements and the proof is {@code k d} elements, both numbers fixed by the
 * verifying key: a decoder is told {@code k} and {@code d} and reads exactly that many, so a round
 * polynomial of higher degree cannot even be expressed.
 */
public final class SumcheckProof {
  /** Most rounds accepted (no table in this protocol has more variables). */
  public static final int MAX_ROUNDS = 64;
  /** Highest round degree accepted (gadgets use at most 5). */
  public static final int MAX_DEGREE = 32;

  private final int rounds;
  private final int degree;
  private final long[] compressed;

  private SumcheckProof(int rounds, int degree, long[] compressed) {
    this.rounds = rounds;
    this.degree = degree;
    this.compressed = compressed;
  }

  /**
   * A proof from its flat compressed coefficients (rounds * degree elements, round 1 first); the
   * array is copied. Throws IllegalArgumentException on a size mismatch (prover side / tests).
   */
  public static SumcheckProof of(int rounds, int degree, long[] compressed) {
    if (!validShape(rounds, degree) || compressed == null
        || compressed.length != rounds * degree * Fr.LIMBS) {
      throw new IllegalArgumentException("bad sumcheck proof shape");
    }
    return new SumcheckProof(rounds, degree, compressed.clone());
  }

  static boolean validShape(int rounds, int degree) {
    return rounds >= 0 && rounds <= MAX_ROUNDS && degree >= 1 && degree <= MAX_DEGREE;
  }

  /**
   * Reads exactly {@code rounds * degree} canonical field elements. Never throws; rejects a shape
   * outside the limits, a short input or a non-canonical element.
   */
  public static Checked<SumcheckProof> read(FieldReader in, int rounds, int degree) {
    if (!validShape(rounds, degree)) {
      return Checked.rejected("sumcheck shape out of range: rounds " + rounds + ", degree " + degree);
    }
    long[] c = in.read(rounds * degree);
    if (c == null) {
      return Checked.rejected("sumcheck proof: " + in.error());
    }
    return Checked.ok(new SumcheckProof(rounds, degree, c));
  }

  /** Decodes a byte string that must hold exactly this proof (no trailing bytes). */
  public static Checked<SumcheckProof> decode(byte[] bytes, int rounds, int degree) {
    FieldReader in = new FieldReader(bytes, 0, bytes == null ? 0 : bytes.length);
    Checked<SumcheckProof> p = read(in, rounds, degree);
    if (p.isOk() && !in.atEnd()) {
      return Checked.rejected("sumcheck proof: trailing bytes");
    }
    return p;
  }

  /** The canonical encoding: the elements in order, 32 bytes big-endian each. */
  public byte[] encode() {
    int n = rounds * degree;
    byte[] out = new byte[n * Fr.BYTES];
    for (int i = 0; i < n; i++) {
      Fr.toBytes(out, i * Fr.BYTES, compressed, i * Fr.LIMBS);
    }
    return out;
  }

  public int rounds() {
    return rounds;
  }

  public int degree() {
    return degree;
  }

  /** Number of field elements. */
  public int size() {
    return rounds * degree;
  }

  /** A copy of the flat compressed coefficients. */
  public long[] compressed() {
    return compressed.clone();
  }

  /** Limb offset of round i's first element (c_0) in {@link #compressed()}. */
  static int roundOffset(int round, int degree) {
    return round * degree * Fr.LIMBS;
  }

  long[] raw() {
    return compressed;
  }
}
