package org.besuzkml.precompile;

import org.besuzkml.codec.Decoded;
import org.besuzkml.codec.Keccak;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.codec.VkCodec;
import org.besuzkml.proof.verify.Statement;
import org.besuzkml.proof.verify.VerifierCost;
import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.verify.VerifyResult;

/**
 * The zkML precompile, independent of Besu: {@link #gas} and {@link #call} over raw input bytes
 * ({@link ZkmlAbi}). Consensus code: the outcome and the gas are functions of the input (and of
 * the node's configured maximum input size, which all validators must share); nothing thrown
 * escapes; the input size is checked before any work; memory is a constant times the input size.
 *
 * <p>Results: a valid proof returns the model id (bytes32); a well-formed call whose statement
 * does not hold (bad vk, development-SRS vk, wrong public values, invalid proof) reverts with
 * {@code InvalidProof(string)}; input that is not a canonical call halts. Nothing reads or writes
 * state, so static calls behave the same.
 *
 * <p>Two caches change only the time: decoded vks by their bytes (compared in full: exact like
 * their keccak256, the model id, but without a second Keccak pass over up to 4 MB on every
 * call), and outcomes by keccak256 of the whole input, so that the same transaction seen by
 * estimateGas, block building and block import is verified once per node.
 */
public final class ZkmlPrecompile {
  public static final String NAME = "ZKML_VERIFY";
  public static final int DEFAULT_MAX_INPUT_BYTES = 4 << 20;
  public static final long DEFAULT_CACHE_BYTES = 256L << 20;
  /** Calls whose vk declares a larger cost bound are refused before decoding. */
  public static final long MAX_VK_COST = 200_000_000;
  static final int MAX_REASON = 240;
  /**
   * The refusal of a version-2 key with a committed value or private parameters: verify states each
   * value in public, or nothing for a private input (an empty list).
   */
  static final String NOT_ALL_PUBLIC = "verifying key version 2 (zero knowledge): a committed value or private"
      + " parameters; verify takes public values and private inputs only";
  /** A cached vk: its key (a copy of the bytes), its bytes, prepared lines, tables, gadget lists. */
  static final int VK_WEIGHT_FACTOR = 5;
  static final int VK_WEIGHT_EXTRA = 64 << 10;

  private final int maxInputBytes;
  private final ByteBoundedCache<Keyed> vks;

  /**
   * A decoded vk with its gas share, cached together: {@link VerifierCost#of}, which for a version-2
   * (zero-knowledge) key is the zk verifier's bound (ZkVerifierCost), in the same units.
   */
  private record Keyed(VerifyingKey vk, long costGas) {}
  private final ByteBoundedCache<Outcome> results;

  public ZkmlPrecompile() {
    this(DEFAULT_MAX_INPUT_BYTES, DEFAULT_CACHE_BYTES);
  }

  /** {@code cacheBytes} is shared: 7/8 for vks, 1/8 for outcomes. */
  public ZkmlPrecompile(int maxInputBytes, long cacheBytes) {
    this(maxInputBytes, Math.max(0, cacheBytes) - Math.max(0, cacheBytes) / 8,
        Math.max(0, cacheBytes) / 8);
  }

  /** Separate bounds for the vk cache and the outcome cache (benchmarks measure each alone). */
  public ZkmlPrecompile(int maxInputBytes, long vkCacheBytes, long resultCacheBytes) {
    this.maxInputBytes = maxInputBytes;
    this.vks = new ByteBoundedCache<>(vkCacheBytes,
        k -> (long) VK_WEIGHT_FACTOR * k.vk().bytes().length + VK_WEIGHT_EXTRA);
    this.results = new ByteBoundedCache<>(resultCacheBytes, o -> 128L + o.output().length
        + (o.reason() == null ? 0 : 2L * o.reason().length()));
  }

  public int maxInputBytes() {
    return maxInputBytes;
  }

  /** Gas of a call; never throws. */
  public long gas(byte[] in) {
    try {
      if (in == null || in.length > maxInputBytes) {
        return GasSchedule.MALFORMED;
      }
      return GasSchedule.of(in, this::vkCost);
    } catch (RuntimeException e) {
      return GasSchedule.MALFORMED;
    }
  }

  /** The outcome of a call; never throws. */
  public Outcome call(byte[] in) {
    try {
      return callUnchecked(in);
    } catch (RuntimeException e) {
      return Outcome.halt("internal error: " + e.getClass().getSimpleName());
    }
  }

  private Outcome callUnchecked(byte[] in) {
    if (in == null || in.length > maxInputBytes) {
      return Outcome.halt("input over " + maxInputBytes + " bytes");
    }
    ZkmlAbi.Method m = ZkmlAbi.method(in);
    if (m == null) {
      return Outcome.halt("unknown selector");
    }
    byte[] key = m == ZkmlAbi.Method.VERIFY ? Keccak.hash(in) : null;
    if (key != null) {
      Outcome cached = results.get(key);
      if (cached != null) {
        return cached;
      }
    }
    Outcome o = compute(in);
    if (key != null) {
      results.put(key, o);
    }
    return o;
  }

  private Outcome compute(byte[] in) {
    ZkmlAbi.Decoded d = ZkmlAbi.decode(in);
    if (d.error() != null) {
      return Outcome.halt("malformed call: " + d.error());
    }
    ZkmlAbi.Call c = d.call();
    if (c.method() == ZkmlAbi.Method.MODEL_ID) {
      return Outcome.success(Keccak.hash(c.vk()));
    }
    long cost = VkHeaderCost.of(c.vk(), 0, c.vk().length);
    if (cost > MAX_VK_COST) {
      return Outcome.invalid("verifying key: header cost " + cost + " over " + MAX_VK_COST);
    }
    if (c.outOfRange()) {
      return Outcome.invalid("public values: a value outside +-" + Statement.MAX_ABS);
    }
    Keyed k = keyed(c.vk());
    if (k == null) {
      return Outcome.invalid("verifying key: " + VkCodec.decode(c.vk()).reason());
    }
    VerifyingKey vk = k.vk();
    long[][] inputs = c.inputs();
    if (vk.zk()) {
      if (vk.visibility() == null || !publicOrPrivateInputs(vk.visibility())) {
        // commitments need their own method (zk-design 11.5): verify's ABI carries values only
        return Outcome.invalid(NOT_ALL_PUBLIC);
      }
      inputs = inputs.clone();
      for (int i = 0; i < inputs.length && i < vk.visibility().inputs().length; i++) {
        if (vk.visibility().privateInput(i)) {
          if (inputs[i].length != 0) {
            return Outcome.invalid("input " + i + " is private in the vk: its list must be empty");
          }
          inputs[i] = null; // the statement holds nothing about it
        }
      }
    }
    VerifyResult r = Verifier.verify(vk, Statement.of(inputs, c.outputs()), c.proof(),
        Verifier.SrsPolicy.CEREMONY_ONLY);
    return r.valid() ? Outcome.success(vk.modelId().clone()) : Outcome.invalid(r.reason());
  }

  /** Public parameters and outputs, and every input public or private: what verify's values can state. */
  private static boolean publicOrPrivateInputs(org.besuzkml.codec.Visibility v) {
    if (v.params() != org.besuzkml.codec.Visibility.PUBLIC) {
      return false;
    }
    for (int in : v.inputs()) {
      if (in != org.besuzkml.codec.Visibility.PUBLIC && in != org.besuzkml.codec.Visibility.PRIVATE) {
        return false;
      }
    }
    for (int out : v.outputs()) {
      if (out != org.besuzkml.codec.Visibility.PUBLIC) {
        return false;
      }
    }
    return true;
  }

  /** The decoded vk and its gas share, through the cache (keyed by the bytes); null if it does not decode. */
  private Keyed keyed(byte[] vkBytes) {
    Keyed k = vks.get(vkBytes);
    if (k == null) {
      Decoded<VerifyingKey> dk = VkCodec.decode(vkBytes);
      if (!dk.isOk()) {
        return null;
      }
      k = new Keyed(dk.value(), GasSchedule.vkCost(VerifierCost.of(dk.value())));
      vks.put(vkBytes, k);
    }
    return k;
  }

  /** Verify's vk share of gas: the VerifierCost bound priced, 0 if the vk does not decode. */
  long vkCost(byte[] vkBytes) {
    Keyed k = keyed(vkBytes);
    return k == null ? 0 : k.costGas();
  }

  /** Drops both caches (tests, benchmarks). */
  public void clearCaches() {
    vks.clear();
    results.clear();
  }

  /** Decoded vks held (tests). */
  int cachedVks() {
    return vks.size();
  }

  public long cachedBytes() {
    return vks.bytes() + results.bytes();
  }

  static String clip(String s) {
    if (s == null) {
      return "unknown";
    }
    return s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON) + "...";
  }
}
