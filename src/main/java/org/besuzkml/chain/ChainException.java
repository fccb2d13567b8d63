package org.besuzkml.chain;

/**
 * A chain operation that did not complete. Messages name the node and the method, never a key or
 * a signed transaction.
 */
public class ChainException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why it failed: {@code UNREACHABLE} and {@code TIMEOUT} are worth retrying later. */
  public enum Kind { UNREACHABLE, TIMEOUT, REJECTED, KEY }

  private final Kind kind;

  public ChainException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public ChainException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** True when the same request may succeed later (node down or slow), false when it never will. */
  public boolean retryable() {
    return kind == Kind.UNREACHABLE || kind == Kind.TIMEOUT;
  }
}
