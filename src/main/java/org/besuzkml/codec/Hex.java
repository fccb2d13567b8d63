package org.besuzkml.codec;

/** 0x-prefixed lowercase hex. */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  public static String encode(byte[] b) {
    char[] c = new char[2 + 2 * b.length];
    c[0] = '0';
    c[1] = 'x';
    for (int i = 0; i < b.length; i++) {
      c[2 + 2 * i] = DIGITS[(b[i] >> 4) & 15];
      c[3 + 2 * i] = DIGITS[b[i] & 15];
    }
    return new String(c);
  }

  /** Decodes (with or without 0x); null if malformed. */
  public static byte[] decode(String s) {
    if (s == null) {
      return null;
    }
    if (s.startsWith("0x") || s.startsWith("0X")) {
      s = s.substring(2);
    }
    if ((s.length() & 1) != 0) {
      return null;
    }
    byte[] b = new byte[s.length() / 2];
    for (int i = 0; i < b.length; i++) {
      int hi = Character.digit(s.charAt(2 * i), 16);
      int lo = Character.digit(s.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        return null;
      }
      b[i] = (byte) ((hi << 4) | lo);
    }
    return b;
  }
}
