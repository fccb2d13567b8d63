package org.besuzkml.zk;

import java.math.BigInteger;
import org.besuzkml.field.Fr;

/**
 * The source of a proof's masks (zk-design.md 7). One instance per proof, used single-threaded in a
 * fixed order, so that a seeded test instance reproduces a proof byte for byte.
 */
public interface ZkRandomness {
  /** Bytes drawn per field element: 512 bits reduced mod p. */
  int BYTES_PER_FR = 64;

  /** Fills {@code out} with random bytes. */
  void nextBytes(byte[] out);

  /** A uniform field element (Montgomery form) at {@code out[off..off+4)}. */
  default void nextFr(long[] out, int off) {
    byte[] b = new byte[BYTES_PER_FR];
    nextBytes(b);
    toFr(b, 0, out, off);
  }

  /** {@code count} uniform field elements (Montgomery), drawn with one byte request. */
  default long[] nextFrs(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("negative count " + count);
    }
    long[] out = new long[count * Fr.LIMBS];
    byte[] b = new byte[count * BYTES_PER_FR];
    nextBytes(b);
    for (int i = 0; i < count; i++) {
      toFr(b, i * BYTES_PER_FR, out, i * Fr.LIMBS);
    }
    return out;
  }

  /** A uniform element of {@code F \ {0}} (resampled while zero). */
  default void nextNonZeroFr(long[] out, int off) {
    do {
      nextFr(out, off);
    } while (Fr.isZero(out, off));
  }

  /** {@code int_be(b[o..o+64)) mod p} into Montgomery form. */
  static void toFr(byte[] b, int o, long[] out, int off) {
    byte[] w = new byte[BYTES_PER_FR];
    System.arraycopy(b, o, w, 0, BYTES_PER_FR);
    Fr.fromBigInteger(out, off, new BigInteger(1, w));
  }
}
