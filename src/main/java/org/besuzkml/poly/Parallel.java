package org.besuzkml.poly;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs independent pieces of one bulk field computation on the common fork-join pool (plus the
 * calling thread). Results never depend on the split: every piece writes disjoint output, and
 * partial sums are combined by exact field addition.
 */
final class Parallel {
  private Parallel() {}

  /** Threads used when the caller does not say: every core. */
  static int defaultThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Pieces to cut work into for the given thread count: a few per thread, so that a thread slowed
   * down by another process does not hold the others back.
   */
  static int pieces(int threads, long work, long minWorkPerPiece) {
    if (threads <= 1 || work < 2 * minWorkPerPiece) {
      return 1;
    }
    long byWork = work / minWorkPerPiece;
    return (int) Math.max(1, Math.min(4L * threads, byWork));
  }

  /** Calls body.accept(p) for p in [0, pieces), in parallel when pieces > 1. */
  static void run(int pieces, IntConsumer body) {
    if (pieces <= 1) {
      body.accept(0);
      return;
    }
    IntStream.range(0, pieces).parallel().forEach(body);
  }

  /** Start of piece p when [0, total) is cut into the given number of near-equal pieces. */
  static int start(int p, int pieces, int total) {
    return (int) ((long) total * p / pieces);
  }
}
