package org.besuzkml.sidecar.submit;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how the sidecar submits proofs. The key is named by a file or an environment variable,
 * never held here: this record (and its {@code toString}) carries no secret.
 *
 * @param rpcUrl the node's JSON-RPC URL
 * @param keyFile a file holding the hex private key, or null
 * @param keyEnv an environment variable holding it, or null (exactly one of the two)
 * @param target {@code precompile}, or a ZkmlConsumer contract's address
 * @param precompile the precompile's address (the transaction's target for {@code precompile})
 * @param chainId the chain id the node must report, or 0 to take the node's
 * @param confirmations blocks a receipt must be under (1: its own block) before CONFIRMED
 * @param concurrency submissions in flight at once (each on its own thread)
 * @param attempts tries of a broadcast that found the node unreachable, and of a receipt wait
 * @param retryDelay the wait after the first failed try (doubled each time)
 * @param receiptTimeout how long one receipt wait lasts
 */
public record ChainSettings(String rpcUrl, Path keyFile, String keyEnv, String target, String precompile,
    long chainId, int confirmations, int concurrency, int attempts, Duration retryDelay, Duration receiptTimeout) {

  public static final String DEFAULT_PRECOMPILE = "0x0000000000000000000000000000000000000a01";

  public ChainSettings {
    if (rpcUrl == null || rpcUrl.isBlank()) {
      throw new IllegalArgumentException("chain submission needs --chain-rpc");
    }
    if ((keyFile == null) == (keyEnv == null)) {
      throw new IllegalArgumentException("chain submission needs exactly one of --chain-key-file and --chain-key-env");
    }
    if (!"precompile".equals(target) && !isAddress(target)) {
      throw new IllegalArgumentException("--chain-target must be precompile or a 0x-prefixed 20-byte address");
    }
    if (!isAddress(precompile)) {
      throw new IllegalArgumentException("the precompile address must be a 0x-prefixed 20-byte address");
    }
    if (chainId < 0 || confirmations < 1 || concurrency < 1 || attempts < 1) {
      throw new IllegalArgumentException("--chain-id >= 0, --chain-confirmations >= 1, --chain-concurrency >= 1,"
          + " --chain-attempts >= 1");
    }
  }

  /** Defaults: the precompile at 0x...0a01, 1 confirmation, 2 in flight, 3 tries from 500 ms, 60 s receipts. */
  public static ChainSettings of(String rpcUrl, Path keyFile, String keyEnv, String target) {
    return new ChainSettings(rpcUrl, keyFile, keyEnv, target, DEFAULT_PRECOMPILE, 0, 1, 2, 3,
        Duration.ofMillis(500), Duration.ofSeconds(60));
  }

  public ChainSettings withRetries(int n, Duration delay) {
    return new ChainSettings(rpcUrl, keyFile, keyEnv, target, precompile, chainId, confirmations, concurrency, n,
        delay, receiptTimeout);
  }

  public ChainSettings withChecks(long id, int depth, int inFlight) {
    return new ChainSettings(rpcUrl, keyFile, keyEnv, target, precompile, id, depth, inFlight, attempts, retryDelay,
        receiptTimeout);
  }

  static boolean isAddress(String s) {
    return s != null && s.matches("0x[0-9a-fA-F]{40}");
  }
}
