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
  private final boolean maybeSent;

  public ChainException(Kind kind, String message) {
    this(kind, message, null, false);
  }

  public ChainException(Kind kind, String message, Throwable cause) {
    this(kind, message, cause, false);
  }

  private ChainException(Kind kind, String message, Throwable cause, boolean maybeSent) {
    super(message, cause);
    this.kind = kind;
    this.maybeSent = maybeSent;
  }

  /** The same failure, marked as one after which the node may hold the signed transaction. */
  ChainException asMaybeSent() {
    return new ChainException(kind, getMessage(), this, true);
  }

  /**
   * True when the failure came while a signed transaction was being handed to the node, so that it
   * may have been taken (and be mined) although no answer came back: broadcasting the same request
   * again could then send it twice. False when nothing was sent.
   */
  public boolean maybeSent() {
    return maybeSent;
  }

  public Kind kind() {
    return kind;
  }

  /** True when the same request may succeed later (node down or slow), false when it never will. */
  public boolean retryable() {
    return kind == Kind.UNREACHABLE || kind == Kind.TIMEOUT;
  }
}
