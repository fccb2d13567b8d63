package org.besuzkml.sidecar.jobs;

/**
 * How many proofs may run at once. The rule: {@code min(requested, cores, max(1, floor(free /
 * perProof)))} where {@code free = 0.75 * maxHeap - usedAfterLoad} (a quarter kept for the event
 * loop, the store and garbage-collector headroom) and {@code perProof} is the largest number of
 * bytes one warm-up proof allocated over the served models. Allocation bounds the live peak from
 * above, so concurrent proofs cannot exhaust the heap; the price is a smaller pool than an exact
 * peak measurement would allow.
 */
public final class PoolSizing {
  private PoolSizing() {}

  public static int workers(int requested, int cores, long maxHeap, long usedAfterLoad, long perProof) {
    long free = (long) (0.75 * maxHeap) - usedAfterLoad;
    long byMemory = Math.max(1, free / Math.max(1, perProof));
    long n = Math.min(Math.min(requested, cores), byMemory);
    return (int) Math.max(1, n);
  }
}
