package org.hyperledger.besu.evm.precompile;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.hyperledger.besu.datatypes.Address;

/** Stub of Besu's per-spec precompile registry (a plain HashMap there too). */
public class PrecompileContractRegistry {
  private final Map<Address, PrecompiledContract> precompiles = new HashMap<>();

  public PrecompileContractRegistry() {}

  public PrecompiledContract get(Address address) {
    return precompiles.get(address);
  }

  public void put(Address address, PrecompiledContract precompile) {
    precompiles.put(address, precompile);
  }

  public Set<Address> getPrecompileAddresses() {
    return Collections.unmodifiableSet(precompiles.keySet());
  }
}
