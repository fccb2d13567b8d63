package org.besuzkml.sidecar.jobs;

import java.util.LinkedHashMap;
import java.util.Map;

/** The most recent proofs by job id, so that a burst of getJob after a proof skips the store. */
final class ProofCache {
  private final Map<String, String> lru;

  ProofCache(int capacity) {
    this.lru = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
        return size() > capacity;
      }
    };
  }

  synchronized String get(String id) {
    return lru.get(id);
  }

  synchronized void put(String id, String proof) {
    lru.put(id, proof);
  }
}
