package org.hyperledger.besu.datatypes;

import org.apache.tuweni.bytes.Bytes;

/** Stub of Besu 26.x's BytesHolder: equality by content. */
public class BytesHolder implements Comparable<BytesHolder> {
  private final Bytes value;

  protected BytesHolder(Bytes value) {
    this.value = value;
  }

  public final Bytes getBytes() {
    return value;
  }

  public String toHexString() {
    return value.toHexString();
  }

  @Override
  public final boolean equals(Object o) {
    return o instanceof BytesHolder && value.equals(((BytesHolder) o).value);
  }

  @Override
  public final int hashCode() {
    return value.hashCode();
  }

  @Override
  public final int compareTo(BytesHolder o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value.toHexString();
  }
}
