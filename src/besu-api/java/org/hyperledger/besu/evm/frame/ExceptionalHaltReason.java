package org.hyperledger.besu.evm.frame;

/** Stub of Besu's halt reasons: an interface whose constants point into a nested enum. */
public interface ExceptionalHaltReason {
  ExceptionalHaltReason NONE = DefaultExceptionalHaltReason.NONE;
  ExceptionalHaltReason INSUFFICIENT_GAS = DefaultExceptionalHaltReason.INSUFFICIENT_GAS;
  ExceptionalHaltReason PRECOMPILE_ERROR = DefaultExceptionalHaltReason.PRECOMPILE_ERROR;

  String name();

  String getDescription();

  enum DefaultExceptionalHaltReason implements ExceptionalHaltReason {
    NONE(""),
    INSUFFICIENT_GAS("Out of gas"),
    PRECOMPILE_ERROR("Precompile error");

    private final String description;

    DefaultExceptionalHaltReason(String description) {
      this.description = description;
    }

    @Override
    public String getDescription() {
      return description;
    }
  }
}
