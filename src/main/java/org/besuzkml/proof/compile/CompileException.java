package org.besuzkml.proof.compile;

/** An engine op that the compiler cannot lower (section 6: rejected at compile time). */
public final class CompileException extends RuntimeException {
  private final String node;
  private final String opType;

  public CompileException(String node, String opType, String reason) {
    super("node " + node + " (" + opType + "): " + reason);
    this.node = node;
    this.opType = opType;
  }

  public String node() {
    return node;
  }

  public String opType() {
    return opType;
  }
}
