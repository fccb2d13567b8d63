package org.besuzkml.proof.verify;

/** Outcome of {@link Verifier#verify}: valid, or invalid with one line saying why (12.6). */
public record VerifyResult(boolean valid, String reason) {
  public static VerifyResult ok() {
    return new VerifyResult(true, null);
  }

  public static VerifyResult invalid(String reason) {
    return new VerifyResult(false, reason);
  }

  @Override
  public String toString() {
    return valid ? "valid" : "invalid: " + reason;
  }
}
