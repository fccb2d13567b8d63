package org.besuzkml.pcs.srs;

/**
 * A structured reference string could not be loaded: the file is malformed, truncated, for another
 * curve, inconsistent, or smaller than the model needs. The message names the section and the byte
 * offset where the problem was found; {@link #section()} and {@link #offset()} give them to code.
 */
public final class SrsException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Section id of the ptau file (0 for the file header and the section table, -1 when not tied to one). */
  private final int section;
  /** Byte offset in the file (-1 when not tied to one). */
  private final long offset;

  public SrsException(String message, int section, long offset) {
    super(message);
    this.section = section;
    this.offset = offset;
  }

  public SrsException(String message, Throwable cause) {
    super(message, cause);
    this.section = -1;
    this.offset = -1;
  }

  public int section() {
    return section;
  }

  public long offset() {
    return offset;
  }
}
