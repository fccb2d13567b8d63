package org.besuzkml.sidecar.store;

/**
 * A job's chain submission as stored beside it (table {@code submissions}): the signed transaction
 * and its hash and nonce, stored before it is broadcast, then the receipt's fields or why it
 * failed.
 *
 * @param txHash the transaction hash, null when nothing was signed (its gas estimate reverted, or
 *     the node could not be reached)
 * @param blockNumber the receipt's block, -1 before a receipt
 * @param gasUsed the receipt's gas used, -1 before a receipt
 * @param status the receipt's status (1 success, 0 reverted), null before a receipt
 * @param reason the decoded revert reason (for example {@code InvalidProof(...)}) or the transient
 *     error, null on success
 * @param submittedMs when the signed transaction was stored, 0 when never signed
 * @param endedMs when the submission ended (CONFIRMED or FAILED), 0 while it runs
 * @param rawTx the signed transaction (0x hex) exactly as broadcast; null for a submission stored
 *     before signed transactions were kept (only its hash is known) or when nothing was signed
 * @param nonce the nonce it was signed with, -1 when not known
 */
public record Submission(String jobId, String txHash, long blockNumber, long gasUsed, Integer status, String reason,
    long submittedMs, long endedMs, String rawTx, long nonce) {

  /** Without a signed transaction (nothing signed, or a record from before they were kept). */
  public Submission(String jobId, String txHash, long blockNumber, long gasUsed, Integer status, String reason,
      long submittedMs, long endedMs) {
    this(jobId, txHash, blockNumber, gasUsed, status, reason, submittedMs, endedMs, null, -1);
  }

  /** Signed, stored, about to be broadcast: the bytes a restart sends again. */
  public static Submission signed(String jobId, String txHash, long nonce, String rawTx, long now) {
    return new Submission(jobId, txHash, -1, -1, null, null, now, 0, rawTx, nonce);
  }

  public static Submission sent(String jobId, String txHash, long now) {
    return new Submission(jobId, txHash, -1, -1, null, null, now, 0);
  }

  public Submission receipt(long block, long gas, boolean success, String why, long now) {
    return new Submission(jobId, txHash, block, gas, success ? 1 : 0, why, submittedMs, now, rawTx, nonce);
  }

  public Submission failed(String why, long now) {
    return new Submission(jobId, txHash, blockNumber, gasUsed, status, why, submittedMs, now, rawTx, nonce);
  }
}
