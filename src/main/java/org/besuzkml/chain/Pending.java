package org.besuzkml.chain;

import java.math.BigInteger;

/**
 * A transaction handed to the node and not yet confirmed, or one refused before sending. Keep
 * {@code hash} (and the request) durably between {@code broadcast} and {@code await}: after a
 * restart, {@link ChainSubmitter#resume} picks the wait up again without sending twice.
 *
 * @param hash the transaction hash, or null when its gas estimate reverted (nothing was sent)
 * @param nonce the nonce it was signed with, or -1 when not known (not sent, or resumed)
 * @param to the target, or null for a contract creation
 * @param data the calldata (needed to replay a failed transaction for its revert reason)
 * @param gasLimit the gas limit it was signed with (or null when not sent)
 * @param refused why the estimate reverted, when not sent
 */
public record Pending(String hash, long nonce, String to, byte[] data, BigInteger gasLimit, RevertReason refused) {
  public boolean sent() {
    return hash != null;
  }
}
