package org.besuzkml.model;

/** A model that cannot be imported, quantized or run; the message is one line meant for the user. */
public class ModelException extends Exception {
  public ModelException(String message) {
    super(message);
  }

  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
