package org.hyperledger.besu.ethereum.mainnet;

import java.util.function.Predicate;

/**
 * Stub of Besu's ProtocolSchedule (an interface; internal, not plugin API). The plugin only calls
 * {@link #anyMatch}, which visits every scheduled spec of a DefaultProtocolSchedule.
 */
public interface ProtocolSchedule {
  boolean anyMatch(Predicate<ScheduledProtocolSpec> predicate);
}
