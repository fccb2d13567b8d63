package org.besuzkml.model;

/**
 * A model that cannot be imported, quantized or run. The message is one line meant for the user:
 * control characters that hostile names could carry are escaped.
 */
public class ModelException extends Exception {
  public ModelException(String message) {
    super(oneLine(message));
  }

  public ModelException(String message, Throwable cause) {
    super(oneLine(message), cause);
  }

  /** Escapes control characters (newlines included) and caps the length. */
  public static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < 400; i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c)) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.length() >= 400 ? b + "..." : b.toString();
  }
}
