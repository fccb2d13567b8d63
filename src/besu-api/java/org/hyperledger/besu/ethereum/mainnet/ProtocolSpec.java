package org.hyperledger.besu.ethereum.mainnet;

import org.hyperledger.besu.evm.precompile.PrecompileContractRegistry;

/**
 * Stub of Besu's ProtocolSpec (a class). Besu builds specs with ProtocolSpecBuilder; the
 * one-argument constructor exists only for the tests.
 */
public class ProtocolSpec {
  private final PrecompileContractRegistry precompileContractRegistry;

  public ProtocolSpec(PrecompileContractRegistry precompileContractRegistry) {
    this.precompileContractRegistry = precompileContractRegistry;
  }

  public PrecompileContractRegistry getPrecompileContractRegistry() {
    return precompileContractRegistry;
  }
}
