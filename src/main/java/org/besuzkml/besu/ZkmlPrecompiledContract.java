package org.besuzkml.besu;

import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.besuzkml.precompile.Outcome;
import org.besuzkml.precompile.ZkmlPrecompile;
import org.hyperledger.besu.evm.frame.ExceptionalHaltReason;
import org.hyperledger.besu.evm.frame.MessageFrame;
import org.hyperledger.besu.evm.precompile.PrecompiledContract;

/**
 * Besu's view of {@link ZkmlPrecompile}: gas and result from the input bytes alone (the frame is
 * not read). An exception thrown here would make Besu mark the transaction invalid, so nothing
 * escapes: the core never throws, and a bug in the mapping halts.
 */
public final class ZkmlPrecompiledContract implements PrecompiledContract {
  private final ZkmlPrecompile core;

  public ZkmlPrecompiledContract(ZkmlPrecompile core) {
    this.core = core;
  }

  public ZkmlPrecompile core() {
    return core;
  }

  @Override
  public String getName() {
    return ZkmlPrecompile.NAME;
  }

  @Override
  public long gasRequirement(Bytes input) {
    try {
      return core.gas(input == null ? null : input.toArrayUnsafe());
    } catch (RuntimeException e) {
      return org.besuzkml.precompile.GasSchedule.MALFORMED;
    }
  }

  @Override
  public PrecompileContractResult computePrecompile(Bytes input, MessageFrame messageFrame) {
    try {
      Outcome o = core.call(input == null ? null : input.toArrayUnsafe());
      switch (o.status()) {
        case SUCCESS:
          return PrecompileContractResult.success(Bytes.wrap(o.output()));
        case REVERT:
          return PrecompileContractResult.revert(Bytes.wrap(o.output()));
        default:
          return halt();
      }
    } catch (RuntimeException e) {
      return halt();
    }
  }

  private static PrecompileContractResult halt() {
    return PrecompileContractResult.halt(Bytes.EMPTY,
        Optional.of(ExceptionalHaltReason.PRECOMPILE_ERROR));
  }
}
