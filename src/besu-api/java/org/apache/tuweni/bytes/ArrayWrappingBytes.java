package org.apache.tuweni.bytes;

import java.util.Arrays;

/** Stub backing of {@link Bytes#wrap} (Tuweni has a class of this name too; package-private). */
final class ArrayWrappingBytes implements Bytes {
  private final byte[] bytes;

  ArrayWrappingBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  @Override
  public int size() {
    return bytes.length;
  }

  @Override
  public byte get(int i) {
    return bytes[i];
  }

  @Override
  public Bytes slice(int i, int length) {
    return new ArrayWrappingBytes(Arrays.copyOfRange(bytes, i, i + length));
  }

  @Override
  public byte[] toArrayUnsafe() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes && Arrays.equals(bytes, ((Bytes) o).toArray());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHexString();
  }
}
