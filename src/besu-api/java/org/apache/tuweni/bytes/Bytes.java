package org.apache.tuweni.bytes;

/** Stub of Tuweni 2.7.2's {@code Bytes} (an interface there too); only the members the plugin uses. */
public interface Bytes extends Comparable<Bytes> {
  Bytes EMPTY = wrap(new byte[0]);

  static Bytes wrap(byte[] value) {
    return new ArrayWrappingBytes(value);
  }

  static Bytes fromHexString(CharSequence str) {
    String s = str.toString();
    if (s.startsWith("0x") || s.startsWith("0X")) {
      s = s.substring(2);
    }
    if ((s.length() & 1) != 0) {
      s = "0" + s;
    }
    byte[] b = new byte[s.length() / 2];
    for (int i = 0; i < b.length; i++) {
      int hi = Character.digit(s.charAt(2 * i), 16);
      int lo = Character.digit(s.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException("Illegal character in hexadecimal string");
      }
      b[i] = (byte) ((hi << 4) | lo);
    }
    return wrap(b);
  }

  int size();

  byte get(int i);

  Bytes slice(int i, int length);

  default byte[] toArray() {
    byte[] b = new byte[size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = get(i);
    }
    return b;
  }

  default byte[] toArrayUnsafe() {
    return toArray();
  }

  default String toHexString() {
    StringBuilder sb = new StringBuilder("0x");
    for (int i = 0; i < size(); i++) {
      sb.append(Character.forDigit((get(i) >> 4) & 15, 16)).append(Character.forDigit(get(i) & 15, 16));
    }
    return sb.toString();
  }

  @Override
  default int compareTo(Bytes b) {
    int n = Math.min(size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = Integer.compare(get(i) & 0xff, b.get(i) & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(size(), b.size());
  }
}
