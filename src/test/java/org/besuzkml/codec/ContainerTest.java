package org.besuzkml.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The container rules of 12.1: header, then each section 1..n exactly once, in order. */
class ContainerTest {
  private static final String M = Container.VK;

  /** A container of raw sections (tag, body) as given, header length fixed up. */
  private static byte[] raw(int[] tags, byte[]... bodies) {
    ByteWriter w = new ByteWriter();
    for (int i = 0; i < tags.length; i++) {
      w.u16(tags[i]).i32(bodies[i].length).bytes(bodies[i]);
    }
    byte[] secs = w.toByteArray();
    ByteWriter all = new ByteWriter().bytes(M.getBytes()).u16(1).u16(0).i32(12 + secs.length)
        .bytes(secs);
    return all.toByteArray();
  }

  private static void rejected(byte[] data, int tags, String reason, int offset) {
    Decoded<int[]> d = Container.decode(data, M, tags);
    assertEquals(reason, d.error());
    assertEquals(offset, d.offset());
  }

  @Test
  void wellFormedBounds() {
    byte[] data = Container.encode(M, new byte[] {1, 2}, new byte[0], new byte[] {3});
    Decoded<int[]> d = Container.decode(data, M, 3);
    assertTrue(d.isOk());
    assertArrayEquals(new int[] {18, 20, 26, 26, 32, 33}, d.value());
  }

  @Test
  void sectionOrder() {
    byte[] a = {1};
    rejected(raw(new int[] {1, 1}, a, a), 3, "section 1 out of order or repeated", 19);
    rejected(raw(new int[] {2, 1}, a, a), 3, "section 1 missing", 12);
    rejected(raw(new int[] {1, 3}, a, a), 3, "section 2 missing", 19);
    rejected(raw(new int[] {1, 2, 2}, a, a, a), 3, "section 2 out of order or repeated", 26);
    rejected(raw(new int[] {1, 2, 3, 4}, a, a, a, a), 3, "unknown section 4", 33);
    rejected(raw(new int[] {1, 2}, a, a), 3, "section 3 missing", 26);
    rejected(raw(new int[0]), 1, "section 1 missing", 12);
  }

  @Test
  void sectionLengthAgainstTheInput() {
    byte[] ok = raw(new int[] {1}, new byte[3]);
    assertTrue(Container.decode(ok, M, 1).isOk(), "a length of exactly the rest");
    byte[] over = ok.clone();
    over[17] = 4; // the length field of section 1 (offset 14..18)
    rejected(over, 1, "section 1 length exceeds the input", 14);
    byte[] neg = ok.clone();
    neg[14] = (byte) 0x80;
    rejected(neg, 1, "section 1 length exceeds the input", 14);
    // a section header cut after its tag
    byte[] cut = Arrays.copyOf(raw(new int[] {1}, new byte[0]), 15);
    cut[11] = 15;
    rejected(cut, 1, "truncated section length", 14);
  }

  @Test
  void header() {
    byte[] ok = Container.encode(M, new byte[0]);
    rejected(Arrays.copyOf(ok, 3), 1, "not a BZKV file (wrong magic)", 0);
    byte[] six = Arrays.copyOf(ok, 7);
    rejected(six, 1, "truncated flags", 6);
    byte[] len = ok.clone();
    len[11]++;
    rejected(len, 1, "BZKV declares 19 bytes but has 18", 8);
    byte[] wrong = ok.clone();
    wrong[3] = 'P';
    rejected(wrong, 1, "not a BZKV file (wrong magic)", 0);
    rejected(null, 1, "no input", 0);
  }

  @Test
  void encodeRefusesMoreThan2GiB() {
    // the same 1 MiB body 2048 times declares more than 2^31 - 1 bytes: refused before writing
    byte[] mib = new byte[1 << 20];
    byte[][] many = new byte[2048][];
    Arrays.fill(many, mib);
    assertThrows(IllegalArgumentException.class, () -> Container.encode(M, many));
  }
}
