package org.hyperledger.besu.plugin;

import java.util.concurrent.CompletableFuture;

/** Stub of Besu 26.8.0's plugin lifecycle interface (API.md 1a). */
public interface BesuPlugin {
  default String getName() {
    return getClass().getName();
  }

  void register(ServiceManager context);

  default void beforeExternalServices() {}

  void start();

  default void afterExternalServicePostMainLoop() {}

  default CompletableFuture<Void> reloadConfiguration() {
    return CompletableFuture.completedFuture(null);
  }

  void stop();
}
