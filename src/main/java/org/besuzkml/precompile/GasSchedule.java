package org.besuzkml.precompile;

import org.besuzkml.proof.verify.VerifierCost;

/**
 * Gas of a zkML precompile call: a deterministic function of the input bytes alone (the ABI head
 * and the vk's verifier cost bound, computed by the vk loader in one linear pass), never of a
 * cache or the node; decoding the vk is charged per byte, and its result is cached. Calibrated so that
 * every corpus model pays at least 100 gas per microsecond of measured verification (Besu's
 * 100 Mgas/s standard); the formula and the calibration table are in docs/besu.md.
 *
 * <pre>
 * verify:   BASE + PER_BYTE * inputLen + vkCost      (vkCost: {@link #vkCost}, 0 if the vk does not decode)
 * modelId:  MODEL_ID_BASE + MODEL_ID_PER_WORD * ceil(inputLen / 32)
 * other:    MALFORMED (the call halts)
 * </pre>
 */
public final class GasSchedule {
  /** Two Miller loops, a final exponentiation, the fixed part of the MSM and the transcript. */
  public static final long BASE = 1_800_000;
  /** Hashing (model id, transcript), decoding and the field work that grows with the proof. */
  public static final long PER_BYTE = 16;
  public static final long MODEL_ID_BASE = 100;
  public static final long MODEL_ID_PER_WORD = 12;
  public static final long MALFORMED = 1_000;

  private GasSchedule() {}

  /** Gas per unit of the verifier's work bound ({@link VerifierCost}, protocol.md 10.1). */
  public static final long PER_FIELD_MUL = 10;
  public static final long PER_MSM_POINT = 8_000;
  public static final long PER_MILLER_LOOP = 150_000;
  public static final long PER_G1_DECODING = 500;
  public static final long PER_KECCAK_PERMUTATION = 300;

  /** The vk's share of verify's gas, from the verifier cost bound the vk loader computes. */
  public static long vkCost(VerifierCost c) {
    long g = 0;
    g = add(g, mul(PER_FIELD_MUL, c.fieldMuls()));
    g = add(g, mul(PER_MSM_POINT, c.msmPoints()));
    g = add(g, mul(PER_MILLER_LOOP, c.millerLoops()));
    g = add(g, mul(PER_G1_DECODING, c.g1Decodings()));
    return add(g, mul(PER_KECCAK_PERMUTATION, c.keccakPermutations()));
  }

  private static long mul(long a, long b) {
    return b <= 0 ? 0 : b > Long.MAX_VALUE / 4 / a ? Long.MAX_VALUE / 4 : a * b;
  }

  private static long add(long a, long b) {
    return Math.min(Long.MAX_VALUE / 4, a + b);
  }

  /** Verify's gas for an input of {@code inputLen} bytes whose vk costs {@code vkCost}. */
  public static long gas(long inputLen, long vkCost) {
    return BASE + PER_BYTE * inputLen + Math.max(0, vkCost);
  }

  public static long modelIdGas(long inputLen) {
    return MODEL_ID_BASE + MODEL_ID_PER_WORD * ((inputLen + 31) / 32);
  }

  /**
   * Gas of a call input; {@code vkCost} gives the vk's share from its bytes (the precompile looks
   * the decoded vk up in its cache, so only a first sight decodes). Never throws.
   */
  static long of(byte[] in, java.util.function.ToLongFunction<byte[]> vkCost) {
    ZkmlAbi.Method m = ZkmlAbi.method(in);
    if (m == ZkmlAbi.Method.MODEL_ID) {
      return modelIdGas(in.length);
    }
    if (m != ZkmlAbi.Method.VERIFY) {
      return MALFORMED;
    }
    int[] vk = ZkmlAbi.vkSpan(in);
    long cost = vk == null ? 0 : vkCost.applyAsLong(java.util.Arrays.copyOfRange(in, vk[0], vk[0] + vk[1]));
    return gas(in.length, cost);
  }
}
