package org.besuzkml.sumcheck;

import java.util.Arrays;
import org.besuzkml.field.Fr;

/**
 * The prover messages of one (possibly batched) sumcheck: for each of {@code k} rounds the round
 * polynomial of degree at most {@code d} in compressed form {@code (c_0, c_2, c_3, ..., c_d)}, the
 * linear coefficient omitted (the verifier recovers it from the running claim, 4.1). So a round is
 * exactly {@code d} field elements and the proof is {@code k d} elements, both numbers fixed by the
 * verifying key: a decoder is told {@code k} and {@code d} and reads exactly that many, so a round
 * polynomial of higher degree cannot even be expressed.
 *
 * <p>A masked sumcheck (zk-design 3.3) has a degree per round, {@code D_1..D_k}, also fixed by the vk:
 * round t is then {@code D_t} elements. A proof made with one degree is the list {@code (d, ..., d)}.
 */
public final class SumcheckProof {
  /** Most rounds accepted (no table in this protocol has more variables). */
  public static final int MAX_ROUNDS = 64;
  /** Highest round degree accepted (gadgets use at most 5). */
  public static final int MAX_DEGREE = 32;

  private final int rounds;
  private final int degree;
  private final int[] degrees;
  private final long[] compressed;

  /** degree: the one degree of every round, or the largest of the list (1 when there are no rounds). */
  private SumcheckProof(int degree, int[] degrees, long[] compressed) {
    this.rounds = degrees.length;
    this.degree = degree;
    this.degrees = degrees;
    this.compressed = compressed;
  }

  private static int[] uniform(int rounds, int degree) {
    int[] d = new int[rounds];
    Arrays.fill(d, degree);
    return d;
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
    return new SumcheckProof(degree, uniform(rounds, degree), compressed.clone());
  }

  /** A proof with a degree per round (prover side / tests); throws on a shape mismatch. */
  public static SumcheckProof ofDegrees(int[] degrees, long[] compressed) {
    if (!validDegrees(degrees) || compressed == null || compressed.length != elements(degrees) * Fr.LIMBS) {
      throw new IllegalArgumentException("bad sumcheck proof shape");
    }
    return new SumcheckProof(maxDegree(degrees), degrees.clone(), compressed.clone());
  }

  static boolean validShape(int rounds, int degree) {
    return rounds >= 0 && rounds <= MAX_ROUNDS && degree >= 1 && degree <= MAX_DEGREE;
  }

  /** At most MAX_ROUNDS rounds, each of a degree in [1, MAX_DEGREE]. */
  public static boolean validDegrees(int[] degrees) {
    if (degrees == null || degrees.length > MAX_ROUNDS) {
      return false;
    }
    for (int d : degrees) {
      if (d < 1 || d > MAX_DEGREE) {
        return false;
      }
    }
    return true;
  }

  /** The number of field elements of a proof with these round degrees (their sum). */
  static int elements(int[] degrees) {
    int n = 0;
    for (int d : degrees) {
      n += d;
    }
    return n;
  }

  static int maxDegree(int[] degrees) {
    int m = 1;
    for (int d : degrees) {
      m = Math.max(m, d);
    }
    return m;
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
    return Checked.ok(new SumcheckProof(degree, uniform(rounds, degree), c));
  }

  /** Reads a proof with a degree per round: exactly {@code sum D_t} canonical elements. Never throws. */
  public static Checked<SumcheckProof> read(FieldReader in, int[] degrees) {
    if (!validDegrees(degrees)) {
      return Checked.rejected("sumcheck degree list out of range");
    }
    long[] c = in.read(elements(degrees));
    if (c == null) {
      return Checked.rejected("sumcheck proof: " + in.error());
    }
    return Checked.ok(new SumcheckProof(maxDegree(degrees), degrees.clone(), c));
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
    int n = size();
    byte[] out = new byte[n * Fr.BYTES];
    for (int i = 0; i < n; i++) {
      Fr.toBytes(out, i * Fr.BYTES, compressed, i * Fr.LIMBS);
    }
    return out;
  }

  public int rounds() {
    return rounds;
  }

  /** The degree of every round; for a proof with a degree list, the largest. */
  public int degree() {
    return degree;
  }

  /** The degree of round i (0-based). */
  public int degree(int i) {
    return degrees[i];
  }

  /** True when every round has degree d (a proof of no rounds has the degree it was made with). */
  boolean hasUniformDegree(int d) {
    if (degree != d) {
      return false;
    }
    for (int x : degrees) {
      if (x != d) {
        return false;
      }
    }
    return true;
  }

  /** True when the round degrees are exactly the given list. */
  public boolean hasDegrees(int[] list) {
    return Arrays.equals(degrees, list);
  }

  /** Number of field elements. */
  public int size() {
    return compressed.length / Fr.LIMBS;
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
