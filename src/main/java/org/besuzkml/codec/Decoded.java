package org.besuzkml.codec;

/**
 * A decoder's result (12.2): the value, or the reason and the byte offset of the rejection.
 * Decoders return this instead of throwing.
 */
public record Decoded<T>(T value, String error, int offset) {
  public static <T> Decoded<T> ok(T value) {
    return new Decoded<>(value, null, -1);
  }

  public static <T> Decoded<T> err(String error, int offset) {
    return new Decoded<>(null, error, offset);
  }

  public boolean isOk() {
    return error == null;
  }

  /** The rejection as one line. */
  public String reason() {
    return error == null ? null : offset >= 0 ? error + " (at byte " + offset + ")" : error;
  }

  public <U> Decoded<U> cast() {
    return new Decoded<>(null, error, offset);
  }
}
