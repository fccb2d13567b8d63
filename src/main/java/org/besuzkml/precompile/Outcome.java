package org.besuzkml.precompile;

/**
 * What a zkML precompile call does: succeed with return data, revert with return data (the
 * caller's returndata, gas left returned), or halt (all gas of the call consumed, no output).
 *
 * @param reason one line for logs and the dry-run RPC (null on success)
 */
public record Outcome(Status status, byte[] output, String reason) {
  public enum Status { SUCCESS, REVERT, HALT }

  static Outcome success(byte[] output) {
    return new Outcome(Status.SUCCESS, output, null);
  }

  /** A well-formed call whose statement does not hold: {@code InvalidProof(reason)}. */
  static Outcome invalid(String reason) {
    String r = ZkmlPrecompile.clip(reason);
    return new Outcome(Status.REVERT, ZkmlAbi.invalidProof(r), r);
  }

  static Outcome halt(String reason) {
    return new Outcome(Status.HALT, new byte[0], ZkmlPrecompile.clip(reason));
  }
}
