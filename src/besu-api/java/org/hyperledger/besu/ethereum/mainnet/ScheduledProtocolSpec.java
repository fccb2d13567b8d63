package org.hyperledger.besu.ethereum.mainnet;

/** Stub of Besu's ScheduledProtocolSpec (an interface with a nested Hardfork record). */
public interface ScheduledProtocolSpec {
  Hardfork fork();

  ProtocolSpec spec();

  record Hardfork(String name, long milestone) {}
}
