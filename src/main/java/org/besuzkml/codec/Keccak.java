package org.besuzkml.codec;

import org.bouncycastle.crypto.digests.KeccakDigest;

/** keccak256 as Ethereum uses it. */
public final class Keccak {
  private Keccak() {}

  public static byte[] hash(byte[]... parts) {
    KeccakDigest d = new KeccakDigest(256);
    for (byte[] p : parts) {
      d.update(p, 0, p.length);
    }
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }
}
