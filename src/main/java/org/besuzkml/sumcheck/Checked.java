package org.besuzkml.sumcheck;

/**
 * The outcome of a verifier step: a value, or a rejection with a reason. Verifier code returns this
 * instead of throwing, so hostile input can only ever produce a rejection.
 *
 * @param <T> the value on success
 */
public final class Checked<T> {
  private final T value;
  private final String reason;

  private Checked(T value, String reason) {
    this.value = value;
    this.reason = reason;
  }

  /** A success carrying value (not null). */
  public static <T> Checked<T> ok(T value) {
    return new Checked<>(value, null);
  }

  /** A rejection; reason names the check that failed. */
  public static <T> Checked<T> rejected(String reason) {
    return new Checked<>(null, reason == null ? "rejected" : reason);
  }

  public boolean isOk() {
    return reason == null;
  }

  /** The value; only meaningful when {@link #isOk()}. */
  public T value() {
    if (reason != null) {
      throw new IllegalStateException("rejected: " + reason);
    }
    return value;
  }

  /** The rejection reason, or null on success. */
  public String reason() {
    return reason;
  }

  /** A rejection of another type carrying this rejection's reason, with a prefix naming the context. */
  public <U> Checked<U> rethrow(String context) {
    return rejected(context + ": " + reason);
  }

  @Override
  public String toString() {
    return reason == null ? "ok(" + value + ")" : "rejected(" + reason + ")";
  }
}
