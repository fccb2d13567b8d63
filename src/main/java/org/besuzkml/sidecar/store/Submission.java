package org.besuzkml.sidecar.store;

/**
 * A job's chain submission as stored beside it (table {@code submissions}): the transaction hash
 * once broadcast, then the receipt's fields or why it failed.
 *
 * @param txHash the transaction hash, null when nothing was sent (its gas estimate reverted, or the
 *     node could not be reached)
 * @param blockNumber the receipt's block, -1 before a receipt
 * @param gasUsed the receipt's gas used, -1 before a receipt
 * @param status the receipt's status (1 success, 0 reverted), null before a receipt
 * @param reason the decoded revert reason (for example {@code InvalidProof(...)}) or the transient
 *     error, null on success
 * @param submittedMs when the transaction hash was stored, 0 when never sent
 * @param endedMs when the submission ended (CONFIRMED or FAILED), 0 while it runs
 */
public record Submission(String jobId, String txHash, long blockNumber, long gasUsed, Integer status, String reason,
    long submittedMs, long endedMs) {

  public static Submission sent(String jobId, String txHash, long now) {
    return new Submission(jobId, txHash, -1, -1, null, null, now, 0);
  }

  public Submission receipt(long block, long gas, boolean success, String why, long now) {
    return new Submission(jobId, txHash, block, gas, success ? 1 : 0, why, submittedMs, now);
  }

  public Submission failed(String why, long now) {
    return new Submission(jobId, txHash, blockNumber, gasUsed, status, why, submittedMs, now);
  }
}
