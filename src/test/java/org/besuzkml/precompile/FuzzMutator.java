package org.besuzkml.precompile;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Mutations of a valid verify call that know its ABI structure. */
final class FuzzMutator {
  private FuzzMutator() {}

  static byte[] mutate(ZkmlFixtures.Case c, SplittableRandom r) {
    switch (r.nextInt(9)) {
      case 0: { // a head word (offset) or a length word set to a random, small-delta or huge value
        byte[] in = c.calldata().clone();
        int word = r.nextInt(Math.min(64, (in.length - 4) / 32));
        setWord(in, 4 + 32 * word, pick(r, in.length));
        return in;
      }
      case 1: { // flip bits in the vk
        byte[] vk = c.vk().clone();
        flip(vk, r);
        return ZkmlAbi.encodeVerify(vk, c.inputs(), c.outputs(), c.proof());
      }
      case 2: { // flip bits in the proof
        byte[] p = c.proof().clone();
        flip(p, r);
        return ZkmlAbi.encodeVerify(c.vk(), c.inputs(), c.outputs(), p);
      }
      case 3: { // change a public value (inputs or outputs), sometimes far out of range
        long[][] ins = copy(c.inputs());
        long[][] outs = copy(c.outputs());
        long[][] m = r.nextBoolean() && ins.length > 0 ? ins : outs;
        if (m.length > 0 && m[0].length > 0) {
          long[] row = m[r.nextInt(m.length)];
          if (row.length > 0) {
            int j = r.nextInt(row.length);
            row[j] = r.nextInt(4) == 0 ? r.nextLong() : row[j] + 1 + r.nextInt(3);
          }
        } else {
          return Arrays.copyOf(c.calldata(), c.calldata().length + 32);
        }
        return ZkmlAbi.encodeVerify(c.vk(), ins, outs, c.proof());
      }
      case 4: // truncate
        return Arrays.copyOf(c.calldata(), r.nextInt(c.calldata().length));
      case 5: // extend with random bytes
        return extend(c.calldata(), r);
      case 6: { // a random byte anywhere
        byte[] in = c.calldata().clone();
        flip(in, r);
        return in;
      }
      case 7: { // wrong tensor counts: drop or add a row
        long[][] ins = c.inputs().length > 0 && r.nextBoolean()
            ? Arrays.copyOf(c.inputs(), c.inputs().length - 1) : addRow(c.inputs(), r);
        return ZkmlAbi.encodeVerify(c.vk(), ins, c.outputs(), c.proof());
      }
      default: { // swap the vk and the proof, or send the modelId selector with verify's body
        if (r.nextBoolean()) {
          return ZkmlAbi.encodeVerify(c.proof(), c.inputs(), c.outputs(), c.vk());
        }
        byte[] in = c.calldata().clone();
        System.arraycopy(ZkmlAbi.MODEL_ID, 0, in, 0, 4);
        return in;
      }
    }
  }

  static long pick(SplittableRandom r, int len) {
    switch (r.nextInt(4)) {
      case 0:
        return r.nextLong() & Long.MAX_VALUE;
      case 1:
        return 0xffffffffL;
      case 2:
        return len + r.nextInt(64) - 32;
      default:
        return r.nextInt(len + 64);
    }
  }

  static void setWord(byte[] in, int at, long v) {
    Arrays.fill(in, at, at + 32, (byte) 0);
    for (int i = 0; i < 8; i++) {
      in[at + 31 - i] = (byte) (v >>> (8 * i));
    }
  }

  static void flip(byte[] b, SplittableRandom r) {
    if (b.length == 0) {
      return;
    }
    int n = 1 + r.nextInt(3);
    for (int k = 0; k < n; k++) {
      b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
    }
  }

  static byte[] extend(byte[] in, SplittableRandom r) {
    byte[] out = Arrays.copyOf(in, in.length + 1 + r.nextInt(96));
    for (int i = in.length; i < out.length; i++) {
      out[i] = (byte) r.nextInt(256);
    }
    return out;
  }

  static long[][] copy(long[][] m) {
    return Arrays.stream(m).map(long[]::clone).toArray(long[][]::new);
  }

  static long[][] addRow(long[][] m, SplittableRandom r) {
    long[][] out = Arrays.copyOf(m, m.length + 1);
    out[m.length] = new long[r.nextInt(4)];
    return out;
  }
}
