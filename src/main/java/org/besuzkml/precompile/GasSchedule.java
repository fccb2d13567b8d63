package org.besuzkml.precompile;

/**
 * Gas of a zkML precompile call: a deterministic function of the input bytes alone, cheap to
 * compute (the ABI head and the vk's header), never of a cache or the node. Calibrated so that
 * every corpus model pays at least 100 gas per microsecond of measured verification (Besu's
 * 100 Mgas/s standard); the formula and the calibration table are in docs/besu.md.
 *
 * <pre>
 * verify:   BASE + PER_BYTE * inputLen + vkCost      (vkCost: VkHeaderCost, 0 if unreadable)
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

  /** Verify's gas for an input of {@code inputLen} bytes whose vk costs {@code vkCost}. */
  public static long gas(long inputLen, long vkCost) {
    return BASE + PER_BYTE * inputLen + Math.max(0, vkCost);
  }

  public static long modelIdGas(long inputLen) {
    return MODEL_ID_BASE + MODEL_ID_PER_WORD * ((inputLen + 31) / 32);
  }

  /** Gas of a call input (no allocation beyond a few ints; never throws). */
  public static long of(byte[] in) {
    ZkmlAbi.Method m = ZkmlAbi.method(in);
    if (m == ZkmlAbi.Method.MODEL_ID) {
      return modelIdGas(in.length);
    }
    if (m != ZkmlAbi.Method.VERIFY) {
      return MALFORMED;
    }
    int[] vk = ZkmlAbi.vkSpan(in);
    long cost = vk == null ? 0 : VkHeaderCost.of(in, vk[0], vk[1]);
    return gas(in.length, cost);
  }
}
