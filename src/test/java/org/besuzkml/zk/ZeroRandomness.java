package org.besuzkml.zk;

import org.besuzkml.field.Fr;

/**
 * TEST ONLY: every mask zero, and 1 where a mask must be non-zero (the mask leaves' denominators).
 * A proof made with it is valid but hides nothing: the positive control of {@code DistinguisherTest}.
 */
public final class ZeroRandomness implements ZkRandomness {
  @Override
  public void nextBytes(byte[] out) {
    java.util.Arrays.fill(out, (byte) 0);
  }

  @Override
  public void nextNonZeroFr(long[] out, int off) {
    Fr.setOne(out, off);
  }
}
