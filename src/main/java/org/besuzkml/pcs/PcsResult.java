package org.besuzkml.pcs;

/**
 * Outcome of a PCS verification: valid, or invalid with a reason naming the failed check. Verifier
 * code returns this instead of throwing.
 */
public record PcsResult(boolean valid, String reason) {
  private static final PcsResult VALID = new PcsResult(true, null);

  public static PcsResult ok() {
    return VALID;
  }

  public static PcsResult reject(String reason) {
    return new PcsResult(false, reason);
  }

  @Override
  public String toString() {
    return valid ? "valid" : "invalid: " + reason;
  }
}
