package org.besuzkml.sumcheck;

import org.besuzkml.field.Fr;

/**
 * A cursor over a byte string of 32-byte big-endian canonical Fr encodings (the proof's field
 * element sections, 12.2). Reading never throws: a short or non-canonical input makes {@link #read}
 * return false and records the offset, so decoders can return a rejection naming the position.
 */
public final class FieldReader {
  private final byte[] data;
  /** Already-decoded canonical elements (the verifier's proof sections), or null. */
  private final long[] decoded;
  private final int base;
  private final int end;
  private int pos;
  private String error;

  /**
   * A cursor over {@code count} elements that a decoder has already checked, Montgomery form;
   * positions are byte offsets of the original encoding starting at {@code byteOffset}.
   */
  public static FieldReader ofElements(long[] elements, int count, int byteOffset) {
    return new FieldReader(elements, count, byteOffset);
  }

  private FieldReader(long[] elements, int count, int byteOffset) {
    this.data = null;
    this.decoded = elements;
    this.base = byteOffset;
    this.pos = byteOffset;
    this.end = byteOffset + count * Fr.BYTES;
  }

  /** Reads data[offset, offset + length); a range outside data is an immediate error. */
  public FieldReader(byte[] data, int offset, int length) {
    this.data = data;
    this.decoded = null;
    this.base = 0;
    if (data == null || offset < 0 || length < 0 || (long) offset + length > data.length) {
      this.end = 0;
      this.pos = 0;
      this.error = "byte range out of bounds";
    } else {
      this.end = offset + length;
      this.pos = offset;
    }
  }

  /** Elements still available (whole 32-byte words). */
  public int remainingElements() {
    return error != null ? 0 : (end - pos) / Fr.BYTES;
  }

  public int position() {
    return pos;
  }

  public boolean atEnd() {
    return error == null && pos == end;
  }

  /** The first error, or null. */
  public String error() {
    return error;
  }

  /** Reads one element into out at limb offset off; false (and sticky error) if short or non-canonical. */
  public boolean read(long[] out, int off) {
    if (error != null) {
      return false;
    }
    if (end - pos < Fr.BYTES) {
      error = "truncated at byte " + pos;
      return false;
    }
    if (decoded != null) {
      System.arraycopy(decoded, (pos - base) / Fr.BYTES * Fr.LIMBS, out, off, Fr.LIMBS);
    } else if (!Fr.fromBytes(out, off, data, pos)) {
      error = "non-canonical field element at byte " + pos;
      return false;
    }
    pos += Fr.BYTES;
    return true;
  }

  /** Reads count elements into a fresh array, or returns null (count checked against the input first). */
  public long[] read(int count) {
    if (error != null) {
      return null;
    }
    if (count < 0 || count > remainingElements()) {
      error = "truncated at byte " + pos + ": need " + count + " elements";
      return null;
    }
    long[] out = new long[count * Fr.LIMBS];
    for (int i = 0; i < count; i++) {
      if (!read(out, i * Fr.LIMBS)) {
        return null;
      }
    }
    return out;
  }
}
