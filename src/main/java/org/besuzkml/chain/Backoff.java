package org.besuzkml.chain;

import java.time.Duration;

/**
 * Bounded exponential backoff: attempt {@code k} (from 1) waits
 * {@code min(initial * 2^(k-1), max)} before attempt {@code k+1}; at most {@code attempts} tries.
 * With the defaults (100 ms, 2 s, 8 tries) a call gives up after about 6.3 s of waiting.
 */
public record Backoff(Duration initial, Duration max, int attempts) {
  public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 8);

  public Backoff {
    if (initial.isNegative() || max.compareTo(initial) < 0 || attempts < 1) {
      throw new IllegalArgumentException("backoff: need 0 <= initial <= max and attempts >= 1");
    }
  }

  /** The wait after failed attempt {@code k} (1-based). */
  public Duration delayAfter(int k) {
    long ms = initial.toMillis();
    for (int i = 1; i < k && ms < max.toMillis(); i++) {
      ms *= 2;
    }
    return Duration.ofMillis(Math.min(ms, max.toMillis()));
  }

  /** The longest total wait before giving up. */
  public Duration totalWait() {
    Duration d = Duration.ZERO;
    for (int k = 1; k < attempts; k++) {
      d = d.plus(delayAfter(k));
    }
    return d;
  }
}
