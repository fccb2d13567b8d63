package org.besuzkml.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import org.besuzkml.field.Fq;
import org.besuzkml.field.Fr;
import org.junit.jupiter.api.Test;

/** Exact boundaries of the bounded cursor (12.2): every failure is recorded once, with its offset. */
class ByteReaderTest {
  private static byte[] be32(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(32, raw.length);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }

  private static byte[] cat(byte[]... parts) {
    ByteWriter w = new ByteWriter();
    for (byte[] p : parts) {
      w.bytes(p);
    }
    return w.toByteArray();
  }

  @Test
  void rangeMustLieInTheInput() {
    byte[] d = new byte[4];
    assertTrue(new ByteReader(d, 0, 4).ok(), "the whole input");
    ByteReader empty = new ByteReader(d, 4, 4);
    assertTrue(empty.ok(), "an empty range at the end");
    assertEquals(0, empty.remaining());
    assertEquals(4, empty.position());
    for (int[] bad : new int[][] {{-1, 4}, {0, 5}, {3, 2}}) {
      ByteReader r = new ByteReader(d, bad[0], bad[1]);
      assertFalse(r.ok(), Arrays.toString(bad));
      assertEquals("range outside the input", r.error());
      assertEquals(0, r.remaining());
    }
    assertFalse(new ByteReader(null, 0, 0).ok());
  }

  @Test
  void readsStopExactlyAtTheEndOfTheRange() {
    // the array goes on past the range: a read over the end must fail, not see byte 7
    byte[] d = {5, 7};
    ByteReader r = new ByteReader(d, 0, 1);
    assertEquals(5, r.u8("a"));
    assertEquals(0, r.u8("b"));
    assertEquals("truncated b", r.error());
    assertEquals(1, r.errorOffset());
    assertEquals(1, r.position());
    // from a non-zero position: 2 bytes left, a 4-byte read fails
    ByteReader s = new ByteReader(new byte[8], 0, 3);
    s.u8("x");
    assertEquals(0, s.i32("word"));
    assertEquals("truncated word", s.error());
    assertEquals(1, s.errorOffset());
    ByteReader t = new ByteReader(new byte[] {1, 2, 3, 4}, 0, 4);
    assertEquals(0x01020304, t.i32("exact"));
    assertTrue(t.ok(), "need n at exactly the remaining bytes");
    ByteReader neg = new ByteReader(new byte[4], 0, 4);
    assertNull(neg.bytes(-1, "negative"));
    assertEquals("truncated negative", neg.error());
  }

  @Test
  void afterTheFirstFailureEveryReadIsZero() {
    ByteReader r = new ByteReader(new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9}, 2, 9);
    r.u8("one");
    r.fail("first");
    r.fail("second");
    assertEquals("first", r.error());
    assertEquals(3, r.errorOffset());
    assertEquals(0, r.u8("u8"));
    assertEquals(0, r.i8("i8"));
    assertEquals(0, r.u16("u16"));
    assertEquals(0, r.i32("i32"));
    assertEquals(0, r.i64("i64"));
    assertNull(r.bytes(1, "bytes"));
    assertFalse(r.fr(new long[4], 0, "fr"));
    assertEquals(3, r.position());
    assertEquals("first", r.error());
  }

  @Test
  void signedAndUnsignedValues() {
    ByteReader r = new ByteReader(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xfe, 1}, 0, 4);
    assertEquals(-1, r.i8("i8"));
    assertEquals(255, r.u8("u8"));
    assertEquals(0xfe01, r.u16("u16"));
  }

  @Test
  void countAtExactlyTheRemainingBytes() {
    // count 3 of 4-byte elements needs 12 bytes after the count; 8 are left at position 4
    byte[] three = {0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0};
    ByteReader r = new ByteReader(three, 0, 12);
    assertEquals(0, r.count("xs", 100, 4));
    assertEquals("xs count 3 larger than the remaining bytes", r.error());
    assertEquals(4, r.errorOffset());
    byte[] two = {0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0};
    ByteReader s = new ByteReader(two, 0, 12);
    assertEquals(2, s.count("xs", 100, 4));
    assertTrue(s.ok());
    ByteReader max = new ByteReader(two, 0, 12);
    assertEquals(2, max.count("xs", 2, 1), "count at its limit");
    ByteReader over = new ByteReader(two, 0, 12);
    assertEquals(0, over.count("xs", 1, 1));
    assertEquals("xs count 2 over the limit 1", over.error());
    ByteReader huge = new ByteReader(new byte[] {(byte) 0x80, 0, 0, 0}, 0, 4);
    assertEquals(0, huge.count("xs", Integer.MAX_VALUE, 1));
    assertEquals("xs count 2147483648 over the limit 2147483647", huge.error());
    ByteReader arr = new ByteReader(new byte[] {0, 0, 0, 1, 0, 0, 0, 7}, 0, 8);
    assertArrayEquals(new int[] {7}, arr.ints("xs", 1));
  }

  @Test
  void canonicalFieldElements() {
    BigInteger p = Fr.MODULUS;
    long[] out = new long[4];
    ByteReader ok = new ByteReader(cat(be32(p.subtract(BigInteger.ONE)), new byte[] {42}), 0, 33);
    assertTrue(ok.fr(out, 0, "x"), "p - 1");
    assertEquals(p.subtract(BigInteger.ONE), Fr.toBigInteger(out, 0));
    assertEquals(32, ok.position());
    assertEquals(42, ok.u8("after"));
    for (BigInteger v : new BigInteger[] {p, p.add(BigInteger.ONE),
        BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)}) {
      ByteReader r = new ByteReader(cat(new byte[] {0}, be32(v)), 1, 33);
      assertFalse(r.fr(out, 0, "x"), v.toString());
      assertEquals("non-canonical field element in x", r.error());
      assertEquals(1, r.errorOffset());
    }
    ByteReader shortR = new ByteReader(new byte[31], 0, 31);
    assertFalse(shortR.fr(out, 0, "x"));
    assertEquals("truncated x", shortR.error());
  }

  @Test
  void g1PointsOnTheCurveAndCanonical() {
    long[] out = new long[8];
    byte[] gen = cat(be32(BigInteger.ONE), be32(BigInteger.TWO), new byte[] {42});
    ByteReader r = new ByteReader(gen, 0, 65);
    assertTrue(r.g1(out, 0, "p"), "the generator (1, 2)");
    assertEquals(64, r.position());
    assertEquals(42, r.u8("after"));
    assertTrue(new ByteReader(new byte[64], 0, 64).g1(out, 0, "p"), "infinity is all zeros");
    byte[][] bad = {
        cat(be32(BigInteger.ONE), be32(BigInteger.ONE)), // off the curve
        cat(be32(BigInteger.ONE.add(Fq.MODULUS)), be32(BigInteger.TWO)), // x not canonical
        cat(be32(BigInteger.ONE), be32(BigInteger.TWO.add(Fq.MODULUS))),
        cat(new byte[32], be32(BigInteger.ONE))}; // (0, 1) is not infinity
    for (byte[] b : bad) {
      ByteReader s = new ByteReader(b, 0, 64);
      assertFalse(s.g1(out, 0, "p"));
      assertEquals("invalid G1 point in p", s.error());
      assertEquals(0, s.errorOffset());
    }
    ByteReader shortR = new ByteReader(new byte[63], 0, 63);
    assertFalse(shortR.g1(out, 0, "p"));
    assertEquals("truncated p", shortR.error());
  }

  private static byte[] string(int n) {
    byte[] b = new byte[2 + n];
    b[0] = (byte) (n >> 8);
    b[1] = (byte) n;
    Arrays.fill(b, 2, b.length, (byte) 'a');
    return b;
  }

  @Test
  void stringsOfAtMost256Bytes() {
    ByteReader r = new ByteReader(string(256), 0, 258);
    assertEquals("a".repeat(256), r.string("fn"));
    assertTrue(r.ok());
    ByteReader s = new ByteReader(string(257), 0, 259);
    assertEquals("", s.string("fn"));
    assertEquals("fn longer than 256 bytes", s.error());
    assertEquals(2, s.errorOffset());
    ByteReader t = new ByteReader(Arrays.copyOf(string(3), 4), 0, 4);
    assertEquals("", t.string("fn"));
    assertEquals("truncated fn", t.error());
  }

  @Test
  void decodedReasonCarriesTheOffset() {
    assertEquals("bad (at byte 0)", Decoded.err("bad", 0).reason());
    assertEquals("bad", Decoded.err("bad", -1).reason());
    assertNull(Decoded.ok(1).reason());
  }

  @Test
  void hexWithAndWithoutPrefix() {
    assertArrayEquals(new byte[] {1}, Hex.decode("01"));
    assertArrayEquals(new byte[] {1}, Hex.decode("0x01"));
    assertArrayEquals(new byte[] {(byte) 0xab}, Hex.decode("0XAB"));
    assertArrayEquals(new byte[0], Hex.decode("0x"));
    assertNull(Hex.decode(null));
  }
}
