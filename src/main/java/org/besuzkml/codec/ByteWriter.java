package org.besuzkml.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;

/** Big-endian writer for the formats of section 12 (encoders run on trusted data). */
public final class ByteWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  public ByteWriter u8(int v) {
    out.write(v);
    return this;
  }

  public ByteWriter u16(int v) {
    out.write(v >>> 8);
    out.write(v);
    return this;
  }

  public ByteWriter i32(int v) {
    for (int s = 24; s >= 0; s -= 8) {
      out.write(v >>> s);
    }
    return this;
  }

  public ByteWriter i64(long v) {
    for (int s = 56; s >= 0; s -= 8) {
      out.write((int) (v >>> s));
    }
    return this;
  }

  public ByteWriter bytes(byte[] b) {
    out.writeBytes(b);
    return this;
  }

  /** Field elements (Montgomery) at v[off..], count of them. */
  public ByteWriter frs(long[] v, int off, int count) {
    for (int i = 0; i < count; i++) {
      out.writeBytes(Fr.toBytes(v, off + 4 * i));
    }
    return this;
  }

  /** Affine G1 points at p[off..], count of them. */
  public ByteWriter g1s(long[] p, int off, int count) {
    for (int i = 0; i < count; i++) {
      out.writeBytes(G1.encode(p, off + G1.AFFINE * i));
    }
    return this;
  }

  public ByteWriter ints(int[] a) {
    i32(a.length);
    for (int v : a) {
      i32(v);
    }
    return this;
  }

  public ByteWriter longs(long[] a) {
    i32(a.length);
    for (long v : a) {
      i64(v);
    }
    return this;
  }

  public ByteWriter string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length > 256) {
      b = java.util.Arrays.copyOf(b, 256);
    }
    u16(b.length);
    return bytes(b);
  }

  public int size() {
    return out.size();
  }

  public byte[] toByteArray() {
    return out.toByteArray();
  }
}
