package org.besuzkml.chain;

import java.math.BigInteger;
import java.util.Arrays;
import org.web3j.utils.Numeric;

/**
 * The small API the sidecar and the devnet driver use: put a proof on chain through the precompile
 * or a ZkmlConsumer, deploy a consumer, read back what it stored. Thread-safe (the client is).
 */
public final class ChainSubmitter implements AutoCloseable {
  private final ChainClient client;

  public ChainSubmitter(ChainClient client) {
    this.client = client;
  }

  public ChainClient client() {
    return client;
  }

  /**
   * Sends the verify transaction and waits for its receipt. A proof the chain rejects comes back
   * as an unsuccessful {@link Receipt} whose {@code revert} says why (for example
   * {@code InvalidProof("...")}); an unreachable or refusing node as {@link ChainException}.
   */
  public Receipt submit(SubmitRequest r) throws ChainException {
    return client.send(r.address(), r.calldata(), r.gasLimit());
  }

  /**
   * The first half of {@link #submit}, for a caller that records the transaction before it waits
   * (the sidecar's SUBMITTED state): signs and sends, returns at once.
   */
  public Pending broadcast(SubmitRequest r) throws ChainException {
    return client.broadcast(r.address(), r.calldata(), r.gasLimit());
  }

  /** The second half: waits for the receipt (the sidecar's CONFIRMED state). */
  public Receipt await(Pending p) throws ChainException {
    return client.await(p);
  }

  /** The wait for a transaction sent before a restart, from its recorded hash and request. */
  public Receipt resume(String hash, SubmitRequest r) throws ChainException {
    return client.await(new Pending(hash, -1, r.address(), r.calldata(), r.gasLimit(), null, java.util.List.of(), null));
  }

  /**
   * After {@link #await} timed out: the same transaction at the same nonce offering more per gas
   * (see {@link ChainClient#replace}); await the result, which watches the old hashes too.
   */
  public Pending replace(Pending p) throws ChainException {
    return client.replace(p);
  }

  /** Deploys {@code new ZkmlConsumer(zkml, modelId)}; returns its receipt (the address in it). */
  public Receipt deployConsumer(ContractArtifact consumer, String zkml, byte[] modelId) throws ChainException {
    Receipt r = client.deploy(ZkmlCalls.consumerInitCode(consumer.bytecode(), zkml, modelId));
    if (!r.success() || r.contractAddress() == null) {
      throw new ChainException(ChainException.Kind.REJECTED, "deploying " + consumer.name() + " failed: " + r.revert());
    }
    return r;
  }

  /** The outputs the consumer stored last, read with eth_call, in the shape of {@code like}. */
  public long[][] storedOutputs(String consumer, long[][] like) throws ChainException {
    long[][] out = new long[like.length][];
    for (int i = 0; i < like.length; i++) {
      out[i] = new long[like[i].length];
      for (int j = 0; j < like[i].length; j++) {
        out[i][j] = word(consumer, ZkmlCalls.consumerOutput(i, j)).longValueExact();
      }
    }
    return out;
  }

  /** The consumer's count of accepted inferences. */
  public long accepted(String consumer) throws ChainException {
    return word(consumer, ZkmlCalls.getter("accepted")).longValueExact();
  }

  /** {@code modelId(vk)} answered by the precompile (or its stand-in) with eth_call. */
  public String precompileModelId(String precompile, byte[] vk) throws ChainException {
    ChainClient.CallResult c = client.call(precompile, ZkmlCalls.precompileModelId(vk));
    if (!c.ok()) {
      throw new ChainException(ChainException.Kind.REJECTED, "modelId reverted: " + c.revert());
    }
    return Numeric.toHexString(c.data());
  }

  /** A dry run: eth_call of the request's transaction; null when it would succeed, else why not. */
  public RevertReason dryRun(SubmitRequest r) throws ChainException {
    return client.call(r.address(), r.calldata()).revert();
  }

  private BigInteger word(String to, byte[] data) throws ChainException {
    ChainClient.CallResult c = client.call(to, data);
    if (!c.ok()) {
      throw new ChainException(ChainException.Kind.REJECTED, "eth_call reverted: " + c.revert());
    }
    return ZkmlCalls.int256(Arrays.copyOf(c.data(), c.data().length));
  }

  @Override
  public void close() {
    client.close();
  }
}
