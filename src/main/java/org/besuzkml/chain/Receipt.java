package org.besuzkml.chain;

import java.math.BigInteger;

/**
 * What became of a transaction.
 *
 * @param hash the transaction hash, or null when it was not sent (its gas estimate reverted)
 * @param nonce the nonce it was signed with, or -1 when not sent
 * @param success receipt status 1
 * @param blockNumber the block it was included in, or -1 when not sent
 * @param gasUsed the receipt's gas used (0 when not sent)
 * @param contractAddress the created contract for a deployment, else null
 * @param revert why it reverted (decoded by replaying it with eth_call, or from the failed
 *     estimate), or null on success
 */
public record Receipt(String hash, long nonce, boolean success, long blockNumber, BigInteger gasUsed,
    String contractAddress, RevertReason revert) {

  static Receipt notSent(RevertReason revert) {
    return new Receipt(null, -1, false, -1, BigInteger.ZERO, null, revert);
  }

  public boolean sent() {
    return hash != null;
  }
}
