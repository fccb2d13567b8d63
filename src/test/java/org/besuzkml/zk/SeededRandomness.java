package org.besuzkml.zk;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * TEST ONLY (zk-design.md 7): a reproducible {@link ZkRandomness}, Keccak-256 in counter mode over
 * a 32-byte seed: block {@code i} is {@code keccak256("besu-zkml/zk/test-rng/v1" || seed ||
 * u64be(i))}, and the output stream is the blocks in order. Never in main code: a seeded proof
 * is as hiding as its seed is secret.
 */
public final class SeededRandomness implements ZkRandomness {
  private static final byte[] DOMAIN = "besu-zkml/zk/test-rng/v1".getBytes(StandardCharsets.US_ASCII);
  private final byte[] seed;
  private long counter;
  private final byte[] block = new byte[32];
  private int used = 32;

  public SeededRandomness(byte[] seed) {
    if (seed.length != 32) {
      throw new IllegalArgumentException("seed must be 32 bytes");
    }
    this.seed = seed.clone();
  }

  /** A seed from a long (its 8 big-endian bytes in the last 8 of 32). */
  public static SeededRandomness of(long s) {
    byte[] b = new byte[32];
    for (int i = 0; i < 8; i++) {
      b[31 - i] = (byte) (s >>> (8 * i));
    }
    return new SeededRandomness(b);
  }

  @Override
  public void nextBytes(byte[] out) {
    for (int o = 0; o < out.length; o++) {
      if (used == 32) {
        KeccakDigest k = new KeccakDigest(256);
        k.update(DOMAIN, 0, DOMAIN.length);
        k.update(seed, 0, 32);
        for (int i = 7; i >= 0; i--) {
          k.update((byte) (counter >>> (8 * i)));
        }
        k.doFinal(block, 0);
        counter++;
        used = 0;
      }
      out[o] = block[used++];
    }
  }
}
