package org.besuzkml.precompile;

import java.util.Arrays;

/**
 * Strict Solidity ABI encoding and decoding of the few types the zkML precompile speaks: bytes,
 * int256[][] and bytes32. Decoding never throws and never allocates from a length field before
 * that length is checked against the bytes that remain; a caller re-encodes what it decoded and
 * compares (see {@link ZkmlAbi#decode}), so only the one canonical encoding of a call is accepted.
 */
public final class Abi {
  public static final int WORD = 32;

  private Abi() {}

  /** A cursor over the argument area (input minus the 4-byte selector); the first failure sticks. */
  public static final class Reader {
    private final byte[] in;
    private final int base;
    private String error;
    /** True when an int256 did not fit in 64 bits (well-formed ABI, but no valid statement). */
    private boolean outOfRange;

    public Reader(byte[] in, int base) {
      this.in = in;
      this.base = base;
    }

    public boolean ok() {
      return error == null;
    }

    public String error() {
      return error;
    }

    public boolean outOfRange() {
      return outOfRange;
    }

    private void fail(String why) {
      if (error == null) {
        error = why;
      }
    }

    /** The argument area's length in bytes. */
    int size() {
      return in.length - base;
    }

    /** Word {@code pos} (an offset into the argument area) as a non-negative int, or -1. */
    int uint(long pos, String what) {
      if (error != null || pos < 0 || pos + WORD > size()) {
        fail(what + ": word outside the input");
        return -1;
      }
      int at = base + (int) pos;
      for (int i = 0; i < WORD - 4; i++) {
        if (in[at + i] != 0) {
          fail(what + ": value too large");
          return -1;
        }
      }
      int v = ((in[at + 28] & 0xff) << 24) | ((in[at + 29] & 0xff) << 16) | ((in[at + 30] & 0xff) << 8)
          | (in[at + 31] & 0xff);
      if (v < 0) {
        fail(what + ": value too large");
        return -1;
      }
      return v;
    }

    /** Dynamic {@code bytes} whose head word is at {@code headPos}; null on failure. */
    public byte[] bytes(int headPos, String what) {
      int off = uint(headPos, what + " offset");
      int len = uint(off, what + " length");
      if (error != null) {
        return null;
      }
      long start = (long) off + WORD;
      if (len > size() - start) {
        fail(what + ": length exceeds the input");
        return null;
      }
      long padded = (len + WORD - 1L) / WORD * WORD;
      if (padded > size() - start) {
        fail(what + ": padding exceeds the input");
        return null;
      }
      int s = base + (int) start;
      return Arrays.copyOfRange(in, s, s + len);
    }

    /** Dynamic {@code int256[][]} whose head word is at {@code headPos}; null on failure. */
    public long[][] int256Matrix(int headPos, String what) {
      int off = uint(headPos, what + " offset");
      int n = uint(off, what + " length");
      if (error != null) {
        return null;
      }
      long heads = (long) off + WORD;
      if ((long) n * WORD > size() - heads) {
        fail(what + ": length exceeds the input");
        return null;
      }
      long[][] out = new long[n][];
      for (int i = 0; i < n && error == null; i++) {
        int rel = uint(heads + (long) i * WORD, what + "[" + i + "] offset");
        long at = heads + rel;
        int m = uint(at, what + "[" + i + "] length");
        if (error != null) {
          return null;
        }
        if ((long) m * WORD > size() - at - WORD) {
          fail(what + "[" + i + "]: length exceeds the input");
          return null;
        }
        long[] row = new long[m];
        for (int j = 0; j < m; j++) {
          row[j] = int256(at + WORD + (long) j * WORD);
        }
        out[i] = row;
      }
      return error == null ? out : null;
    }

    /** An int256 word as a long; sets {@link #outOfRange} (value 0) when it does not fit. */
    private long int256(long pos) {
      int at = base + (int) pos;
      byte sign = (in[at + 24] < 0) ? (byte) -1 : 0;
      for (int i = 0; i < 24; i++) {
        if (in[at + i] != sign) {
          outOfRange = true;
          return 0;
        }
      }
      long v = 0;
      for (int i = 24; i < WORD; i++) {
        v = (v << 8) | (in[at + i] & 0xff);
      }
      return v;
    }
  }

  /** The 4-byte selector of a function or error signature: keccak256(signature)[0..4]. */
  public static byte[] selector(String signature) {
    byte[] h = org.besuzkml.codec.Keccak.hash(
        signature.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    return Arrays.copyOf(h, 4);
  }

  static void putUint(byte[] out, int at, long v) {
    for (int i = 0; i < 8; i++) {
      out[at + WORD - 1 - i] = (byte) (v >>> (8 * i));
    }
  }

  static void putInt(byte[] out, int at, long v) {
    if (v < 0) {
      Arrays.fill(out, at, at + WORD - 8, (byte) -1);
    }
    putUint(out, at, v);
  }

  static int paddedLength(int len) {
    return (len + WORD - 1) / WORD * WORD;
  }

  /** Tail size of an encoded {@code bytes}: length word plus padded data. */
  static long bytesTail(byte[] b) {
    return WORD + (long) paddedLength(b.length);
  }

  /** Tail size of an encoded {@code int256[][]}. */
  static long matrixTail(long[][] m) {
    long s = WORD + (long) WORD * m.length;
    for (long[] row : m) {
      s += WORD + (long) WORD * row.length;
    }
    return s;
  }

  static int writeBytes(byte[] out, int at, byte[] b) {
    putUint(out, at, b.length);
    System.arraycopy(b, 0, out, at + WORD, b.length);
    return at + (int) bytesTail(b);
  }

  static int writeMatrix(byte[] out, int at, long[][] m) {
    putUint(out, at, m.length);
    int heads = at + WORD;
    int tail = heads + WORD * m.length;
    for (int i = 0; i < m.length; i++) {
      putUint(out, heads + WORD * i, tail - heads);
      putUint(out, tail, m[i].length);
      for (int j = 0; j < m[i].length; j++) {
        putInt(out, tail + WORD + WORD * j, m[i][j]);
      }
      tail += WORD + WORD * m[i].length;
    }
    return tail;
  }

  /** An ABI-encoded revert payload {@code Error-like(string reason)} with the given selector. */
  static byte[] stringError(byte[] selector, String reason) {
    byte[] msg = reason.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] out = new byte[4 + WORD + (int) bytesTail(msg)];
    System.arraycopy(selector, 0, out, 0, 4);
    putUint(out, 4, WORD);
    writeBytes(out, 4 + WORD, msg);
    return out;
  }
}
