package org.besuzkml.proof.gadget;

import java.util.Arrays;
import org.besuzkml.field.Fr;

/** The prover's growing list of field-element messages (Montgomery), encoded as in 12.2. */
public final class ProofSink {
  private long[] data = new long[64];
  private int size;

  /** Appends count elements of v starting at element offset off. */
  public void append(long[] v, int off, int count) {
    int need = (size + count) * Fr.LIMBS;
    if (need > data.length) {
      data = Arrays.copyOf(data, Math.max(need, data.length * 2));
    }
    System.arraycopy(v, off * Fr.LIMBS, data, size * Fr.LIMBS, count * Fr.LIMBS);
    size += count;
  }

  public int elements() {
    return size;
  }

  /** 32-byte big-endian canonical encodings, in order. */
  public byte[] toBytes() {
    byte[] out = new byte[size * Fr.BYTES];
    for (int i = 0; i < size; i++) {
      Fr.toBytes(out, i * Fr.BYTES, data, i * Fr.LIMBS);
    }
    return out;
  }
}
