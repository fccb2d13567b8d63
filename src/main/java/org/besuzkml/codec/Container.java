package org.besuzkml.codec;

import java.nio.charset.StandardCharsets;

/**
 * The container of 12.1: {@code magic(4) version(u16 = 1) flags(u16 = 0) length(u32 = total)} then
 * sections {@code tag(u16) len(u32) body}, tags strictly increasing, each of {@code 1..tagCount}
 * exactly once, no unknown tag, no trailing bytes.
 */
public final class Container {
  public static final int VERSION = 1;
  public static final int HEADER = 12;
  public static final int SECTION_HEADER = 6;

  public static final String VK = "BZKV";
  public static final String PROOF = "BZKP";
  public static final String MODEL = "BZKM";
  public static final String PROVING_KEY = "BZKK";

  private Container() {}

  /** Encodes sections 1..n in order. */
  public static byte[] encode(String magic, byte[]... sections) {
    ByteWriter w = new ByteWriter();
    long total = HEADER;
    for (byte[] s : sections) {
      total += SECTION_HEADER + s.length;
    }
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("container too large");
    }
    w.bytes(magic.getBytes(StandardCharsets.US_ASCII)).u16(VERSION).u16(0).i32((int) total);
    for (int i = 0; i < sections.length; i++) {
      w.u16(i + 1).i32(sections[i].length).bytes(sections[i]);
    }
    return w.toByteArray();
  }

  /**
   * The sections' [start, end) offsets in {@code data}: {@code bounds[2 (tag - 1)]}, {@code bounds[2
   * (tag - 1) + 1]}, for tags 1..tagCount, all required.
   */
  public static Decoded<int[]> decode(byte[] data, String magic, int tagCount) {
    if (data == null) {
      return Decoded.err("no input", 0);
    }
    ByteReader r = new ByteReader(data, 0, data.length);
    byte[] m = r.bytes(4, "magic");
    if (m == null || !magic.equals(new String(m, StandardCharsets.ISO_8859_1))) {
      return Decoded.err("not a " + magic + " file (wrong magic)", 0);
    }
    int version = r.u16("version");
    int flags = r.u16("flags");
    int length = r.i32("length");
    if (!r.ok()) {
      return Decoded.err(r.error(), r.errorOffset());
    }
    if (version != VERSION) {
      return Decoded.err("unsupported " + magic + " version " + version, 4);
    }
    if (flags != 0) {
      return Decoded.err("non-zero flags", 6);
    }
    if (length != data.length) {
      return Decoded.err(magic + " declares " + Integer.toUnsignedString(length) + " bytes but has "
          + data.length, 8);
    }
    int[] bounds = new int[2 * tagCount];
    int expect = 1;
    while (r.remaining() > 0) {
      int at = r.position();
      int tag = r.u16("section tag");
      int len = r.i32("section length");
      if (!r.ok()) {
        return Decoded.err(r.error(), r.errorOffset());
      }
      if (tag != expect || tag > tagCount) {
        return Decoded.err(tag < expect ? "section " + tag + " out of order or repeated"
            : tag > tagCount ? "unknown section " + tag : "section " + expect + " missing", at);
      }
      if (len < 0 || len > r.remaining()) {
        return Decoded.err("section " + tag + " length exceeds the input", at + 2);
      }
      bounds[2 * (tag - 1)] = r.position();
      bounds[2 * (tag - 1) + 1] = r.position() + len;
      r.skip(len);
      expect++;
    }
    if (expect != tagCount + 1) {
      return Decoded.err("section " + expect + " missing", data.length);
    }
    return Decoded.ok(bounds);
  }
}
