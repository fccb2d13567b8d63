package org.besuzkml.chain;

import java.math.BigInteger;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * A signed transaction, kept so that it can be sent again as the very same bytes: the same bytes
 * can be mined at most once, whatever happens to the answers, and never at another nonce.
 *
 * @param raw the signed bytes as {@code eth_sendRawTransaction} takes them
 * @param hash keccak256 of {@code raw}, the transaction hash
 * @param nonce the nonce it was signed with
 * @param gasLimit its gas limit, or null when not known (read back from a store)
 * @param fees what it offers per gas, or null when not known
 */
public record SignedTx(byte[] raw, String hash, long nonce, BigInteger gasLimit, Pending.Fees fees) {

  /** From stored bytes and nonce: the hash is recomputed, never trusted from the store. */
  public static SignedTx of(String rawHex, long nonce) {
    byte[] raw = Numeric.hexStringToByteArray(rawHex);
    return new SignedTx(raw, Numeric.toHexString(Hash.sha3(raw)), nonce, null, null);
  }

  public String rawHex() {
    return Numeric.toHexString(raw);
  }

  /** Where the caller makes a signed transaction durable before it is sent (and may refuse). */
  public interface Store {
    void store(SignedTx tx) throws ChainException;
  }
}
