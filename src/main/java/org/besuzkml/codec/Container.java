package org.besuzkml.codec;

import java.nio.charset.StandardCharsets;

/**
 * The container of 12.1: {@code magic(4) version(u16 = 1) flags(u16 = 0) length(u32 = total)} then
 * sections {@code tag(u16) len(u32) body}, tags strictly increasing, each of {@code 1..tagCount}
 * exactly once, no unknown tag, no trailing bytes. Version 2 (zero knowledge, zk-design 11.1) has
 * {@code flags = 1} (bit 0 = zk, the others zero) and its own section count.
 */
public final class Container {
  public static final int VERSION = 1;
  /** The zero-knowledge version; its flags must be exactly {@link #FLAG_ZK}. */
  public static final int VERSION_ZK = 2;
  public static final int FLAG_ZK = 1;
  public static final int HEADER = 12;
  public static final int SECTION_HEADER = 6;

  public static final String VK = "BZKV";
  public static final String PROOF = "BZKP";
  public static final String MODEL = "BZKM";
  public static final String PROVING_KEY = "BZKK";

  private Container() {}

  /** Encodes sections 1..n in order (version 1). */
  public static byte[] encode(String magic, byte[]... sections) {
    return encode(magic, VERSION, 0, sections);
  }

  /** Encodes sections 1..n in order under the given version and flags. */
  public static byte[] encode(String magic, int version, int flags, byte[]... sections) {
    ByteWriter w = new ByteWriter();
    long total = HEADER;
    for (byte[] s : sections) {
      total += SECTION_HEADER + s.length;
    }
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("container too large");
    }
    w.bytes(magic.getBytes(StandardCharsets.US_ASCII)).u16(version).u16(flags).i32((int) total);
    for (int i = 0; i < sections.length; i++) {
      w.u16(i + 1).i32(sections[i].length).bytes(sections[i]);
    }
    return w.toByteArray();
  }

  /** A decoded container: its version, its flags, and the sections' bounds as {@link #decode} gives them. */
  public record Sections(int version, int flags, int[] bounds) {}

  /**
   * The sections' [start, end) offsets in {@code data}: {@code bounds[2 (tag - 1)]}, {@code bounds[2
   * (tag - 1) + 1]}, for tags 1..tagCount, all required. Version 1 only.
   */
  public static Decoded<int[]> decode(byte[] data, String magic, int tagCount) {
    Decoded<Sections> d = decode(data, magic, tagCount, 0);
    return d.isOk() ? Decoded.ok(d.value().bounds()) : d.cast();
  }

  /**
   * Version 1 with {@code tagCountV1} sections, or, when {@code tagCountV2 > 0}, version 2 with the
   * zk flag and {@code tagCountV2} sections.
   */
  public static Decoded<Sections> decode(byte[] data, String magic, int tagCountV1, int tagCountV2) {
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
    if (version != VERSION && (version != VERSION_ZK || tagCountV2 <= 0)) {
      return Decoded.err("unsupported " + magic + " version " + version, 4);
    }
    if (version == VERSION && flags != 0) {
      return Decoded.err("non-zero flags", 6);
    }
    if (version == VERSION_ZK && (flags & FLAG_ZK) == 0) {
      return Decoded.err("version 2 requires the zk flag", 6);
    }
    if (version == VERSION_ZK && flags != FLAG_ZK) {
      return Decoded.err("unknown flags " + flags, 6);
    }
    int tagCount = version == VERSION ? tagCountV1 : tagCountV2;
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
    return Decoded.ok(new Sections(version, flags, bounds));
  }
}
