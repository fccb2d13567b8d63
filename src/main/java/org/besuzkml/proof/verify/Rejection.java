package org.besuzkml.proof.verify;

/**
 * A failed verifier check inside the claim flow; caught by {@link Verifier} and returned as an
 * invalid result. No stack trace (it is control flow, not a bug).
 */
public final class Rejection extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Rejection(String reason) {
    super(reason, null, false, false);
  }
}
