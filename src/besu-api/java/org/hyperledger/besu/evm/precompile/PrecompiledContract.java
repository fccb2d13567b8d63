package org.hyperledger.besu.evm.precompile;

import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.hyperledger.besu.evm.frame.ExceptionalHaltReason;
import org.hyperledger.besu.evm.frame.MessageFrame;

/** Stub of Besu 26.8.0's precompile interface: three abstract methods, no defaults (API.md 1c). */
public interface PrecompiledContract {
  String getName();

  long gasRequirement(Bytes input);

  PrecompileContractResult computePrecompile(Bytes input, MessageFrame messageFrame);

  /** A record since Besu 25.4.0. */
  record PrecompileContractResult(Bytes output, boolean isRefundGas, MessageFrame.State state,
      Optional<ExceptionalHaltReason> haltReason) {
    public static PrecompileContractResult success(Bytes output) {
      return new PrecompileContractResult(output, false, MessageFrame.State.COMPLETED_SUCCESS,
          Optional.empty());
    }

    public static PrecompileContractResult revert(Bytes output) {
      return new PrecompileContractResult(output, false, MessageFrame.State.REVERT, Optional.empty());
    }

    public static PrecompileContractResult halt(Bytes output,
        Optional<ExceptionalHaltReason> haltReason) {
      if (haltReason.isEmpty()) {
        throw new IllegalArgumentException("Halt reason cannot be empty");
      }
      return new PrecompileContractResult(output, false, MessageFrame.State.EXCEPTIONAL_HALT,
          haltReason);
    }
  }
}
