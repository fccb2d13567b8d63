package org.besuzkml.transcript;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.besuzkml.field.Fq;
import org.besuzkml.field.Fr;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Fiat-Shamir transcript on Keccak-256, shared by prover and verifier. The exact byte-level
 * construction is specified in the package documentation; this class implements it literally.
 *
 * <p>Every absorb and every challenge carries a domain-separation label. Nothing here throws: a call
 * with malformed arguments (null array, offsets or lengths out of range, wrong point encoding size)
 * absorbs a distinct "malformed call" record instead, so prover and verifier still stay in step
 * deterministically, and sets {@link #isMalformed()}, which a verifier should check before
 * accepting. A transcript is not thread-safe; each proof has its own, passed explicitly.
 */
public final class Transcript {
  /** The protocol label of this project's first proof format. */
  public static final String PROTOCOL_V1 = "besu-zkml/v1";
  /** The protocol label of zero-knowledge (version-2) proofs (zk-design 12.1). */
  public static final String PROTOCOL_V2 = "besu-zkml/v2";
  /** Most elements one {@link #challengeFrs} call may squeeze. */
  public static final int MAX_CHALLENGES = 1 << 20;
  /** Blocks tried per challenge before the (never observed) fallback to reduction mod r. */
  static final int MAX_ATTEMPTS = 256;

  static final byte TAG_INIT = 0x00;
  static final byte TAG_BYTES = 0x01;
  static final byte TAG_U64 = 0x02;
  static final byte TAG_FR = 0x03;
  static final byte TAG_FRS = 0x04;
  static final byte TAG_FQ = 0x05;
  static final byte TAG_G1 = 0x06;
  static final byte TAG_G2 = 0x07;
  static final byte TAG_CHALLENGE_FR = 0x10;
  static final byte TAG_CHALLENGE_INDEX = 0x11;
  static final byte TAG_MALFORMED = (byte) 0xff;

  private static final int G1_BYTES = 64;
  private static final int G2_BYTES = 128;

  /** Has absorbed {@code state || pending}: the running hash input of the next challenge. */
  private final KeccakDigest sponge;
  private final KeccakDigest blockHash = new KeccakDigest(256);
  private final byte[] word = new byte[32];
  private boolean malformed;
  /** Test-only interception point ({@link Tap}); null in production (one null check per message). */
  private Tap tap;

  /**
   * TEST-ONLY: a cheating prover in tests sees every message before it is absorbed and may replace
   * it (the lie is then hashed, so every later challenge follows from it), and sees every challenge
   * after it is drawn. Never installed by the prover or the verifier; it changes no honest
   * transcript. Only {@link #absorbFrs} and {@link #absorbG1} (the prover's message calls) go
   * through it.
   */
  public interface Tap {
    /** The elements (flat Montgomery) to absorb instead of {@code v[off..off+count)}, or null. */
    long[] frs(String label, long[] v, int off, int count);

    /** The encoding to absorb instead of a G1 message, or null. */
    byte[] g1(String label, byte[] encoding);

    /** Told after a squeeze: the n challenges just written to {@code out} at limb offset off. */
    void challenges(String label, long[] out, int off, int n);
  }

  /** TEST-ONLY: installs a {@link Tap} (see there); returns this transcript. */
  public Transcript tap(Tap t) {
    this.tap = t;
    return this;
  }

  /** A transcript for the given protocol: {@code state = keccak256(0x00 || lp(protocolLabel))}. */
  public Transcript(String protocolLabel) {
    sponge = new KeccakDigest(256);
    malformed = protocolLabel == null;
    byte[] label = utf8(protocolLabel);
    sponge.update(TAG_INIT);
    lengthPrefixed(label);
    byte[] state = new byte[32];
    sponge.doFinal(state, 0);
    sponge.update(state, 0, state.length);
  }

  private Transcript(Transcript other) {
    sponge = new KeccakDigest(other.sponge);
    malformed = other.malformed;
  }

  /** A transcript for {@link #PROTOCOL_V1}. */
  public static Transcript v1() {
    return new Transcript(PROTOCOL_V1);
  }

  /** A transcript for {@link #PROTOCOL_V2}. */
  public static Transcript v2() {
    return new Transcript(PROTOCOL_V2);
  }

  /** An independent copy in the same state (e.g. for a prover to try a branch). */
  public Transcript copy() {
    return new Transcript(this);
  }

  /** True once any call had malformed arguments; a verifier must then reject. */
  public boolean isMalformed() {
    return malformed;
  }

  // ---------------------------------------------------------------------------------------------
  // absorb

  /** Record {@code 0x01 || lp(label) || lp(data)}. */
  public void absorbBytes(String label, byte[] data) {
    if (data == null) {
      absorbMalformed(label);
      return;
    }
    begin(TAG_BYTES, label);
    lengthPrefixed(data);
  }

  /** Record {@code 0x02 || lp(label) || u64(value)}, the value read as unsigned. */
  public void absorbU64(String label, long value) {
    begin(TAG_U64, label);
    u64(sponge, value);
  }

  /** Record {@code 0x03 || lp(label) || be32(a)}: the canonical big-endian encoding of a. */
  public void absorbFr(String label, long[] a, int off) {
    if (!fits(a, off, 1)) {
      absorbMalformed(label);
      return;
    }
    begin(TAG_FR, label);
    frBytes(a, off);
  }

  /** Record {@code 0x04 || lp(label) || u32(count) || be32(v_0) || ... || be32(v_(count-1))}. */
  public void absorbFrs(String label, long[] v, int off, int count) {
    if (tap != null && count >= 0 && fits(v, off, count)) {
      long[] lie = tap.frs(label, v, off, count);
      if (lie != null) {
        v = lie;
        off = 0;
        count = lie.length / Fr.LIMBS;
      }
    }
    if (count < 0 || !fits(v, off, count)) {
      absorbMalformed(label);
      return;
    }
    begin(TAG_FRS, label);
    u32(sponge, count);
    for (int i = 0; i < count; i++) {
      frBytes(v, off + i * Fr.LIMBS);
    }
  }

  /** Record {@code 0x05 || lp(label) || be32(a)} for a base-field element. */
  public void absorbFq(String label, long[] a, int off) {
    if (!fits(a, off, 1)) {
      absorbMalformed(label);
      return;
    }
    begin(TAG_FQ, label);
    Fq.toBytes(word, 0, a, off);
    sponge.update(word, 0, 32);
  }

  /** Record {@code 0x06 || lp(label) || encoding}: a G1 point as its 64-byte Ethereum encoding. */
  public void absorbG1(String label, byte[] encoding) {
    if (tap != null && encoding != null) {
      byte[] lie = tap.g1(label, encoding);
      encoding = lie != null ? lie : encoding;
    }
    absorbFixed(TAG_G1, label, encoding, G1_BYTES);
  }

  /** Record {@code 0x07 || lp(label) || encoding}: a G2 point as its 128-byte EIP-197 encoding. */
  public void absorbG2(String label, byte[] encoding) {
    absorbFixed(TAG_G2, label, encoding, G2_BYTES);
  }

  private void absorbFixed(byte tag, String label, byte[] encoding, int size) {
    if (encoding == null || encoding.length != size) {
      absorbMalformed(label);
      return;
    }
    begin(tag, label);
    sponge.update(encoding, 0, size);
  }

  /** Record {@code 0xff || lp(label)}, and the transcript is marked malformed. */
  private void absorbMalformed(String label) {
    malformed = true;
    begin(TAG_MALFORMED, label);
  }

  // ---------------------------------------------------------------------------------------------
  // squeeze

  /** One uniformly distributed Fr challenge (Montgomery form, fresh array). */
  public long[] challengeFr(String label) {
    long[] out = new long[Fr.LIMBS];
    challengeFrs(label, out, 0, 1);
    return out;
  }

  /** Writes one Fr challenge to out at limb offset off. Same as {@code challengeFrs(label, 1)}. */
  public void challengeFr(String label, long[] out, int off) {
    challengeFrs(label, out, off, 1);
  }

  /** n Fr challenges as a flat array (n in [0, MAX_CHALLENGES]; otherwise malformed, empty). */
  public long[] challengeFrs(String label, int n) {
    if (n < 0 || n > MAX_CHALLENGES) {
      absorbMalformed(label);
      return new long[0];
    }
    long[] out = new long[n * Fr.LIMBS];
    challengeFrs(label, out, 0, n);
    return out;
  }

  /**
   * Writes n Fr challenges to out: record {@code 0x10 || lp(label) || u32(n)} closes the pending
   * input, {@code seed = keccak256(state || pending || record)} becomes the state, and the elements
   * are read from the blocks {@code keccak256(seed || u64(t))}, t = 0, 1, ..., by rejection
   * sampling (see the package documentation).
   */
  public void challengeFrs(String label, long[] out, int off, int n) {
    challengeFrs(label, out, off, n, MAX_ATTEMPTS);
  }

  /** As above with a given cap on blocks per element (tests lower it to reach the fallback). */
  void challengeFrs(String label, long[] out, int off, int n, int maxAttempts) {
    if (n < 0 || n > MAX_CHALLENGES || !fits(out, off, n)) {
      absorbMalformed(label);
      return;
    }
    begin(TAG_CHALLENGE_FR, label);
    u32(sponge, n);
    byte[] seed = finishSeed();
    long t = 0;
    byte[] block = new byte[32];
    for (int i = 0; i < n; i++) {
      int dst = off + i * Fr.LIMBS;
      boolean accepted = false;
      for (int attempt = 0; attempt < maxAttempts && !accepted; attempt++) {
        block(seed, t++, block);
        block[0] &= 0x3f; // a 254-bit candidate
        accepted = Fr.fromBytes(out, dst, block, 0); // false exactly when candidate >= r
      }
      if (!accepted) {
        Fr.fromBigInteger(out, dst, new BigInteger(1, block)); // probability < 2^-500
      }
    }
    if (tap != null) {
      tap.challenges(label, out, off, n);
    }
  }

  /**
   * A uniform integer in [0, bound): record {@code 0x11 || lp(label) || u64(bound)}, seed as for
   * Fr challenges, then the first 8 bytes of each block, big-endian and masked to the bit length
   * of bound - 1, until one is below bound. Bound 1 gives 0; bound {@literal <=} 0 is malformed and
   * gives 0.
   */
  public long challengeIndex(String label, long bound) {
    if (bound <= 0) {
      absorbMalformed(label);
      return 0;
    }
    begin(TAG_CHALLENGE_INDEX, label);
    u64(sponge, bound);
    byte[] seed = finishSeed();
    long mask = bound == 1 ? 0 : -1L >>> Long.numberOfLeadingZeros(bound - 1);
    byte[] block = new byte[32];
    long candidate = 0;
    for (int t = 0; t < MAX_ATTEMPTS; t++) {
      block(seed, t, block);
      candidate = 0;
      for (int k = 0; k < 8; k++) {
        candidate = (candidate << 8) | (block[k] & 0xffL);
      }
      candidate &= mask;
      if (candidate < bound) {
        return candidate;
      }
    }
    return candidate % bound; // probability < 2^-256
  }

  // ---------------------------------------------------------------------------------------------
  // encoding helpers

  private void begin(byte tag, String label) {
    sponge.update(tag);
    lengthPrefixed(utf8OrMark(label));
  }

  private byte[] finishSeed() {
    byte[] seed = new byte[32];
    sponge.doFinal(seed, 0); // also resets the sponge
    sponge.update(seed, 0, seed.length);
    return seed;
  }

  private void block(byte[] seed, long t, byte[] out) {
    blockHash.update(seed, 0, seed.length);
    u64(blockHash, t);
    blockHash.doFinal(out, 0);
  }

  private void lengthPrefixed(byte[] data) {
    u32(sponge, data.length);
    sponge.update(data, 0, data.length);
  }

  private void frBytes(long[] a, int off) {
    Fr.toBytes(word, 0, a, off);
    sponge.update(word, 0, 32);
  }

  private byte[] utf8OrMark(String label) {
    if (label == null) {
      malformed = true;
      return new byte[0];
    }
    return label.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
  }

  private static boolean fits(long[] a, int off, int elements) {
    return a != null && off >= 0 && elements >= 0 && (long) off + (long) elements * Fr.LIMBS <= a.length;
  }

  private static void u32(KeccakDigest d, int v) {
    d.update((byte) (v >>> 24));
    d.update((byte) (v >>> 16));
    d.update((byte) (v >>> 8));
    d.update((byte) v);
  }

  private static void u64(KeccakDigest d, long v) {
    for (int s = 56; s >= 0; s -= 8) {
      d.update((byte) (v >>> s));
    }
  }
}
