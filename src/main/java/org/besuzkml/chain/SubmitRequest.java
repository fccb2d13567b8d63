package org.besuzkml.chain;

import java.math.BigInteger;

/**
 * One proof to put on chain.
 *
 * @param target where the verify call goes
 * @param address the precompile's address ({@link Target#PRECOMPILE}) or the consumer contract's
 * @param statement vk, inputs, outputs, proof
 * @param gasLimit a fixed gas limit, or null to estimate (a reverting estimate then sends nothing)
 */
public record SubmitRequest(Target target, String address, ProofStatement statement, BigInteger gasLimit) {
  /** {@code PRECOMPILE}: a transaction straight to the precompile; {@code CONSUMER}: {@code submit} of a ZkmlConsumer. */
  public enum Target { PRECOMPILE, CONSUMER }

  public static SubmitRequest toConsumer(String consumer, ProofStatement s) {
    return new SubmitRequest(Target.CONSUMER, consumer, s, null);
  }

  public static SubmitRequest toPrecompile(String precompile, ProofStatement s) {
    return new SubmitRequest(Target.PRECOMPILE, precompile, s, null);
  }

  public SubmitRequest withGasLimit(BigInteger gas) {
    return new SubmitRequest(target, address, statement, gas);
  }

  /** The transaction's calldata. */
  public byte[] calldata() {
    return target == Target.PRECOMPILE ? ZkmlCalls.precompileVerify(statement) : ZkmlCalls.consumerSubmit(statement);
  }
}
