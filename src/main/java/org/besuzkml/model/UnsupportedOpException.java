package org.besuzkml.model;

/** A node whose op (or attribute combination) this project cannot evaluate in fixed point. */
public final class UnsupportedOpException extends ModelException {
  private final String node;
  private final String opType;

  public UnsupportedOpException(String node, String opType, String why) {
    super("unsupported node '" + node + "' (op " + opType + "): " + why);
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
