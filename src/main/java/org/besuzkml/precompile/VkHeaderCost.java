package org.besuzkml.precompile;

/**
 * A rough cost of a vk read from its container header and section counts alone (O(1) reads, no
 * decoding). Gas now comes from the vk loader's VerifierCost bound ({@link GasSchedule#vkCost});
 * this remains the precompile's check before decoding, refusing a vk whose header declares absurd
 * counts ({@link ZkmlPrecompile#MAX_VK_COST}). Terms: the model bins and n_bin drive the opening's MSM and
 * sumcheck rounds, the gadgets and tensors the walk, the tables the lookup layout.
 */
public final class VkHeaderCost {
  static final int SECTIONS = 8;
  static final long PER_MODEL_BIN = 30_000;
  static final long PER_BIN_VAR = 20_000;
  static final long PER_GADGET = 25_000;
  static final long PER_TENSOR = 2_000;
  static final long PER_TABLE = 20_000;

  private VkHeaderCost() {}

  /** The cost of the vk at {@code in[start, start + len)}, or -1 if its header is unreadable. */
  public static long of(byte[] in, int start, int len) {
    if (in == null || start < 0 || len < 12 || len > in.length - start) {
      return -1;
    }
    int end = start + len;
    if (in[start] != 'B' || in[start + 1] != 'Z' || in[start + 2] != 'K' || in[start + 3] != 'V') {
      return -1;
    }
    int[] body = new int[SECTIONS];
    int[] size = new int[SECTIONS];
    int at = start + 12;
    for (int tag = 1; tag <= SECTIONS; tag++) {
      if (end - at < 6 || u16(in, at) != tag) {
        return -1;
      }
      long n = u32(in, at + 2);
      if (n > end - at - 6) {
        return -1;
      }
      body[tag - 1] = at + 6;
      size[tag - 1] = (int) n;
      at += 6 + (int) n;
    }
    // PARAMS: version u16, w u8, n_bin u8; TENSORS, TABLES, GADGETS and MODEL_BINS start with a count
    if (size[0] < 4 || size[2] < 4 || size[3] < 4 || size[4] < 4 || size[7] < 4) {
      return -1;
    }
    long nBin = in[body[0] + 3] & 0xff;
    long tensors = u32(in, body[2]);
    long tables = u32(in, body[3]);
    long gadgets = u32(in, body[4]);
    long modelBins = u32(in, body[7]);
    long cap = 1 << 16; // every count is at most 2^16 in a decodable vk (VkCodec.MAX_COUNT)
    if (tensors > cap || tables > cap || gadgets > cap || modelBins > cap || nBin > 32) {
      return -1;
    }
    return PER_MODEL_BIN * modelBins + PER_BIN_VAR * nBin + PER_GADGET * gadgets
        + PER_TENSOR * tensors + PER_TABLE * tables;
  }

  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }

  private static long u32(byte[] b, int at) {
    return ((long) (b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8)
        | (b[at + 3] & 0xff);
  }
}
