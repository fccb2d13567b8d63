package org.besuzkml.chain;

import java.math.BigInteger;

/**
 * Local nonce tracking for one account: the next nonce is handed out without a round trip, so
 * back-to-back transactions get consecutive nonces. When the node says a nonce is wrong (another
 * sender used the same key, a transaction was dropped, the node restarted) the tracker is resynced
 * from the node's pending count. Thread-safe.
 */
final class NonceTracker {
  /** The node's pending transaction count for the account. */
  interface Source {
    BigInteger pendingCount() throws ChainException;
  }

  private final Source source;
  private BigInteger next;
  /** Nonces below this are held by stored signed transactions: never handed out again. */
  private BigInteger floor = BigInteger.ZERO;

  NonceTracker(Source source) {
    this.source = source;
  }

  /** Reserves the next nonce (asks the node the first time). */
  synchronized BigInteger take() throws ChainException {
    if (next == null) {
      next = source.pendingCount().max(floor);
    }
    BigInteger n = next;
    next = next.add(BigInteger.ONE);
    return n;
  }

  /**
   * Never hands out a nonce below {@code n} (a signed transaction stored before a restart holds it,
   * and the node may not have it yet), even after a resync.
   */
  synchronized void atLeast(BigInteger n) {
    floor = floor.max(n);
    if (next != null) {
      next = next.max(n);
    }
  }

  /** Forgets the local count: the next {@link #take()} asks the node again. */
  synchronized void resync() {
    next = null;
  }

  /** True for the node messages that mean the nonce, not the transaction, was wrong. */
  static boolean isNonceError(String message) {
    String m = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
    return m.contains("nonce too low") || m.contains("nonce is too low") || m.contains("nonce too high")
        || m.contains("correct nonce") || m.contains("nonce_too_low") || m.contains("too distant from current sender nonce")
        || m.contains("replacement transaction underpriced") || m.contains("nonce is lower");
  }

  /** True for the node messages that mean this very transaction is already in its pool. */
  static boolean isAlreadyKnown(String message) {
    String m = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
    return m.contains("already known") || m.contains("known transaction") || m.contains("already imported")
        || m.contains("already in pool");
  }
}
