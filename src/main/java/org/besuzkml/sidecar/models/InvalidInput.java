package org.besuzkml.sidecar.models;

/** A request input the model cannot take (shape, NaN, range): one line, shown to the requester. */
public final class InvalidInput extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidInput(String message) {
    super(message);
  }
}
