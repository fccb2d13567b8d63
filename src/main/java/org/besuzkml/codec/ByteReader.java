package org.besuzkml.codec;

import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;

/**
 * A bounded big-endian cursor over {@code data[from, to)}. Never throws and never reads outside the
 * range: the first failure (short input, non-canonical field element, point off the curve, a count
 * over its limit) is recorded with its offset and every later read returns zero/null.
 */
public final class ByteReader {
  private final byte[] data;
  private final int end;
  private int pos;
  private String error;
  private int errorOffset = -1;

  public ByteReader(byte[] data, int from, int to) {
    this.data = data;
    if (data == null || from < 0 || to > data.length || from > to) {
      this.end = 0;
      this.pos = 0;
      fail("range outside the input");
    } else {
      this.end = to;
      this.pos = from;
    }
  }

  public int position() {
    return pos;
  }

  public int remaining() {
    return error != null ? 0 : end - pos;
  }

  public boolean ok() {
    return error == null;
  }

  public String error() {
    return error;
  }

  public int errorOffset() {
    return errorOffset;
  }

  /** Records the first failure (at the current position); returns false. */
  public boolean fail(String reason) {
    if (error == null) {
      error = reason;
      errorOffset = pos;
    }
    return false;
  }

  private boolean need(int n, String what) {
    if (error != null) {
      return false;
    }
    if (n < 0 || end - pos < n) {
      return fail("truncated " + what);
    }
    return true;
  }

  public int u8(String what) {
    if (!need(1, what)) {
      return 0;
    }
    return data[pos++] & 0xff;
  }

  public int i8(String what) {
    if (!need(1, what)) {
      return 0;
    }
    return data[pos++];
  }

  public int u16(String what) {
    if (!need(2, what)) {
      return 0;
    }
    int v = ((data[pos] & 0xff) << 8) | (data[pos + 1] & 0xff);
    pos += 2;
    return v;
  }

  public int i32(String what) {
    if (!need(4, what)) {
      return 0;
    }
    int v = ((data[pos] & 0xff) << 24) | ((data[pos + 1] & 0xff) << 16) | ((data[pos + 2] & 0xff) << 8)
        | (data[pos + 3] & 0xff);
    pos += 4;
    return v;
  }

  /** An unsigned 32-bit count that must be at most {@code max} and fit {@code count * elementBytes} in the rest. */
  public int count(String what, int max, int elementBytes) {
    int v = i32(what);
    if (error != null) {
      return 0;
    }
    if (v < 0 || v > max) {
      fail(what + " count " + Integer.toUnsignedString(v) + " over the limit " + max);
      return 0;
    }
    if ((long) v * elementBytes > end - pos) {
      fail(what + " count " + v + " larger than the remaining bytes");
      return 0;
    }
    return v;
  }

  public long i64(String what) {
    if (!need(8, what)) {
      return 0;
    }
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (data[pos + i] & 0xff);
    }
    pos += 8;
    return v;
  }

  /** Advances n bytes. */
  public void skip(int n) {
    if (need(n, "section")) {
      pos += n;
    }
  }

  public byte[] bytes(int n, String what) {
    if (!need(n, what)) {
      return null;
    }
    byte[] b = new byte[n];
    System.arraycopy(data, pos, b, 0, n);
    pos += n;
    return b;
  }

  /** A canonical field element into out[off..off+4) (Montgomery); false on failure. */
  public boolean fr(long[] out, int off, String what) {
    if (!need(Fr.BYTES, what)) {
      return false;
    }
    if (!Fr.fromBytes(out, off, data, pos)) {
      return fail("non-canonical field element in " + what);
    }
    pos += Fr.BYTES;
    return true;
  }

  /** A G1 point (on the curve, or all zero for infinity) into out[off..off+8); false on failure. */
  public boolean g1(long[] out, int off, String what) {
    if (!need(G1.ENCODED, what)) {
      return false;
    }
    if (!G1.decode(out, off, data, pos)) {
      return fail("invalid G1 point in " + what);
    }
    pos += G1.ENCODED;
    return true;
  }

  /** int array with a u32 count (at most max). */
  public int[] ints(String what, int max) {
    int n = count(what, max, 4);
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i32(what);
    }
    return a;
  }

  public long[] longs(String what, int max) {
    int n = count(what, max, 8);
    long[] a = new long[n];
    for (int i = 0; i < n; i++) {
      a[i] = i64(what);
    }
    return a;
  }

  /** A u16-length UTF-8 string of at most 256 bytes. */
  public String string(String what) {
    int n = u16(what);
    if (n > 256) {
      fail(what + " longer than 256 bytes");
      return "";
    }
    byte[] b = bytes(n, what);
    return b == null ? "" : new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }
}
