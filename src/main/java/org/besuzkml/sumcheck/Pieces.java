package org.besuzkml.sumcheck;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Splitting a prover's pass over a table into contiguous pieces run on all cores. Each piece writes
 * only its own partial sums, and the caller adds them in piece order, so the result does not depend
 * on the schedule.
 */
final class Pieces {
  private Pieces() {}

  /** Below this many entries per piece, threads cost more than they save. */
  private static final int PARALLEL_MIN = 1 << 13;

  /** How many pieces to cut {@code work} entries into (1 for small work or one core). */
  static int count(int work) {
    int threads = Runtime.getRuntime().availableProcessors();
    if (threads <= 1 || work < 2 * PARALLEL_MIN) {
      return 1;
    }
    return Math.max(1, Math.min(4 * threads, work / PARALLEL_MIN));
  }

  /** Runs {@code body} for each piece index, in parallel when there is more than one piece. */
  static void run(int pieces, IntConsumer body) {
    if (pieces <= 1) {
      body.accept(0);
    } else {
      IntStream.range(0, pieces).parallel().forEach(body);
    }
  }

  /** First entry of piece {@code piece} when {@code total} entries are cut into {@code pieces}. */
  static int start(int piece, int pieces, int total) {
    return (int) ((long) total * piece / pieces);
  }
}
