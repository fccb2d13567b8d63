package org.besuzkml.model.ops;

/** Raised by an op for an input or attribute it does not implement; the message says why. */
public final class Unsupported extends RuntimeException {
  public Unsupported(String why) {
    super(why);
  }
}
