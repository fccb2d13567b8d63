package org.hyperledger.besu.datatypes;

import org.apache.tuweni.bytes.Bytes;

/**
 * Stub of Besu 26.8.0's Address (a class extending BytesHolder). The plugin uses only the static
 * factories, equals and toString, which exist unchanged since 24.x (API.md 0).
 */
public class Address extends BytesHolder {
  public static final int SIZE = 20;

  protected Address(Bytes bytes) {
    super(bytes);
  }

  public static Address wrap(Bytes value) {
    if (value.size() != SIZE) {
      throw new IllegalArgumentException("An account address must be 20 bytes long");
    }
    return new Address(value);
  }

  /** Lenient: left-padded to 20 bytes; null for null. */
  public static Address fromHexString(String str) {
    if (str == null) {
      return null;
    }
    Bytes b = Bytes.fromHexString(str);
    if (b.size() > SIZE) {
      throw new IllegalArgumentException("address longer than 20 bytes");
    }
    byte[] out = new byte[SIZE];
    System.arraycopy(b.toArray(), 0, out, SIZE - b.size(), b.size());
    return new Address(Bytes.wrap(out));
  }

  public static Address precompiled(int value) {
    if (value < 0 || value >= 0x01FF) {
      throw new IllegalArgumentException("precompiled address out of range");
    }
    byte[] out = new byte[SIZE];
    out[SIZE - 2] = (byte) (value >> 8);
    out[SIZE - 1] = (byte) value;
    return new Address(Bytes.wrap(out));
  }
}
