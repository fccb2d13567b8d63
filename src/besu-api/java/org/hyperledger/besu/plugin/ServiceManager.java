package org.hyperledger.besu.plugin;

import java.util.Optional;
import org.hyperledger.besu.plugin.services.BesuService;

/** Stub of Besu 26.8.0's service manager (API.md 1a). */
public interface ServiceManager {
  <T extends BesuService> void addService(Class<T> serviceType, T service);

  <T extends BesuService> Optional<T> getService(Class<T> serviceType);
}
