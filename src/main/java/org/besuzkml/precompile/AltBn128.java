package org.besuzkml.precompile;

import java.util.Arrays;

import org.besuzkml.curve.G1;
import org.besuzkml.curve.G2;
import org.besuzkml.field.Fq;
import org.besuzkml.pairing.Pairing;

/**
 * Ethereum's alt_bn128 precompiles with their exact semantics: 0x06 ECADD and 0x07 ECMUL (EIP-196)
 * and 0x08 pairing check (EIP-197), gas per EIP-1108. Every entry point returns a {@link Result}
 * and never throws, whatever the input.
 *
 * <ul>
 *   <li>ECADD: input right-padded with zeros to 128 bytes (longer input: the rest is ignored),
 *       two G1 points x || y; output the 64-byte sum.
 *   <li>ECMUL: input right-padded to 96 bytes: a G1 point and a 256-bit big-endian scalar taken
 *       as is (not reduced, any value allowed); output the 64-byte product.
 *   <li>Pairing: input length a multiple of 192 (else failure), k pairs of G1 (64 bytes) then G2
 *       (128 bytes, x_im || x_re || y_im || y_re); output 32 bytes, 1 when prod e(P_i, Q_i) = 1,
 *       else 0. Empty input gives 1. Infinity (all zeros) is allowed on either side.
 * </ul>
 * Any coordinate &ge; p, a point off its curve, or a G2 point outside the order-r subgroup is a
 * failure (the EVM consumes all gas of the call).
 */
public final class AltBn128 {
  private AltBn128() {}

  public static final long EC_ADD_GAS = 150;
  public static final long EC_MUL_GAS = 6000;
  public static final long PAIRING_BASE_GAS = 45000;
  public static final long PAIRING_PER_PAIR_GAS = 34000;

  static final int ADD_INPUT = 128;
  static final int MUL_INPUT = 96;
  static final int PAIR_INPUT = 192;

  /** Why a call failed. */
  public enum Failure {
    INVALID_INPUT_LENGTH, COORDINATE_NOT_CANONICAL, G1_NOT_ON_CURVE, G2_NOT_ON_CURVE, G2_NOT_IN_SUBGROUP
  }

  /** Success with output bytes, or failure with a reason (output empty). */
  public static final class Result {
    private final byte[] output;
    private final Failure failure;

    private Result(byte[] output, Failure failure) {
      this.output = output;
      this.failure = failure;
    }

    static Result ok(byte[] output) {
      return new Result(output, null);
    }

    static Result fail(Failure failure) {
      return new Result(new byte[0], failure);
    }

    public boolean isSuccess() {
      return failure == null;
    }

    /** The return data (a copy); empty on failure. */
    public byte[] output() {
      return output.clone();
    }

    /** The reason of a failure, or null on success. */
    public Failure failure() {
      return failure;
    }

    @Override
    public String toString() {
      if (failure != null) {
        return "failure(" + failure + ")";
      }
      StringBuilder sb = new StringBuilder("success(");
      for (byte b : output) {
        sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
      }
      return sb.append(')').toString();
    }
  }

  /** Gas of a pairing call with this input length: 45000 + 34000 * (length / 192). */
  public static long pairingGas(int inputLength) {
    return PAIRING_BASE_GAS + PAIRING_PER_PAIR_GAS * (Math.max(0, inputLength) / PAIR_INPUT);
  }

  /** 0x06: P1 + P2. */
  public static Result ecAdd(byte[] input) {
    byte[] in = padded(input, ADD_INPUT);
    long[] a = new long[2 * G1.AFFINE];
    Failure f = decodeG1(in, 0, a, 0);
    if (f == null) {
      f = decodeG1(in, 64, a, G1.AFFINE);
    }
    if (f != null) {
      return Result.fail(f);
    }
    long[] j = new long[G1.JACOBIAN];
    G1.fromAffine(j, 0, a, 0);
    G1.addMixed(j, 0, j, 0, a, G1.AFFINE);
    G1.toAffine(a, 0, j, 0);
    return Result.ok(G1.encode(a, 0));
  }

  /** 0x07: [k]P for a 256-bit k. */
  public static Result ecMul(byte[] input) {
    byte[] in = padded(input, MUL_INPUT);
    long[] a = new long[G1.AFFINE];
    Failure f = decodeG1(in, 0, a, 0);
    if (f != null) {
      return Result.fail(f);
    }
    long[] j = new long[G1.JACOBIAN];
    G1.fromAffine(j, 0, a, 0);
    G1.mulBytes(j, 0, j, 0, in, 64);
    G1.toAffine(a, 0, j, 0);
    return Result.ok(G1.encode(a, 0));
  }

  /** 0x08: whether prod e(P_i, Q_i) == 1. */
  public static Result pairing(byte[] input) {
    byte[] in = input == null ? new byte[0] : input;
    if (in.length % PAIR_INPUT != 0) {
      return Result.fail(Failure.INVALID_INPUT_LENGTH);
    }
    int k = in.length / PAIR_INPUT;
    long[] g1s = new long[k * G1.AFFINE];
    long[] g2s = new long[k * G2.AFFINE];
    for (int i = 0; i < k; i++) {
      int off = i * PAIR_INPUT;
      Failure f = decodeG1(in, off, g1s, i * G1.AFFINE);
      if (f != null) {
        return Result.fail(f);
      }
      switch (G2.decode(in, off + 64, g2s, i * G2.AFFINE)) {
        case OK:
          break;
        case COORDINATE_NOT_CANONICAL:
          return Result.fail(Failure.COORDINATE_NOT_CANONICAL);
        case NOT_ON_CURVE:
          return Result.fail(Failure.G2_NOT_ON_CURVE);
        case NOT_IN_SUBGROUP:
          return Result.fail(Failure.G2_NOT_IN_SUBGROUP);
        default:
          return Result.fail(Failure.INVALID_INPUT_LENGTH);
      }
    }
    byte[] out = new byte[32];
    if (Pairing.pairingCheck(g1s, g2s, k)) {
      out[31] = 1;
    }
    return Result.ok(out);
  }

  private static byte[] padded(byte[] input, int n) {
    byte[] in = input == null ? new byte[0] : input;
    return in.length >= n ? in : Arrays.copyOf(in, n);
  }

  /** Decodes a 64-byte G1 point (canonical, on the curve or all zeros) or says why not. */
  private static Failure decodeG1(byte[] in, int off, long[] r, int ro) {
    if (!Fq.fromBytes(r, ro, in, off) || !Fq.fromBytes(r, ro + Fq.LIMBS, in, off + 32)) {
      return Failure.COORDINATE_NOT_CANONICAL;
    }
    return G1.isInGroup(r, ro) ? null : Failure.G1_NOT_ON_CURVE;
  }
}
