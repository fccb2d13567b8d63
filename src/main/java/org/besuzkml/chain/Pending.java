package org.besuzkml.chain;

import java.math.BigInteger;
import java.util.List;

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
 * @param fees what it offers per gas, or null when not known
 * @param replaced earlier hashes of the same nonce that this one replaces (any of them may be mined)
 * @param refused why the estimate reverted, when not sent
 */
public record Pending(String hash, long nonce, String to, byte[] data, BigInteger gasLimit, Fees fees,
    List<String> replaced, RevertReason refused) {

  /** Per gas: EIP-1559's max fee and tip, or a legacy gas price in {@code maxFee} (tip null). */
  public record Fees(BigInteger maxFee, BigInteger tip) {
    /** A replacement's offer: at least 12.5% (+1 wei) above this one, and at least {@code now}. */
    Fees bumped(Fees now) {
      return new Fees(bump(maxFee, now.maxFee()), tip == null ? null : bump(tip, now.tip()));
    }

    private static BigInteger bump(BigInteger old, BigInteger now) {
      BigInteger b = old.add(old.shiftRight(3)).add(BigInteger.ONE);
      return now != null && now.compareTo(b) > 0 ? now : b;
    }
  }

  public boolean sent() {
    return hash != null;
  }
}
