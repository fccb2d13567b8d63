package org.besuzkml.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.web3j.utils.Numeric;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The chain half of it/besu-devnet.sh: drives a running network through {@link ChainSubmitter} and
 * checks what a contract developer relies on. Per model (a directory with vk.bzkv and proof.json
 * from {@code zkml prove}): the precompile answers modelId; a ZkmlConsumer is deployed; a real
 * proof is verified in a transaction and the consumer's stored outputs read back; a transaction
 * straight to the precompile is charged what {@code zkml_gas} says; tampered proofs revert with
 * InvalidProof. Then every node given by {@code --rpc} must report the same state root at the
 * last transaction's block. Prints one JSON line per model and a summary line last; exits 0 on
 * pass, 1 on fail.
 *
 * <p>Against a node without the plugin's RPC (a test node with a stand-in contract at the
 * precompile address) the checks that need the real verifier ({@code zkml_gas}, a tamper inside
 * the proof) are reported as skipped, never passed. Run:
 * {@code java -cp target/zkml.jar org.besuzkml.chain.DevnetDriver --rpc URL --key-file F --model DIR...}.
 */
@Command(name = "devnet-driver", mixinStandardHelpOptions = true,
    description = "Verify real proofs on a running network through ZkmlConsumer and the precompile.")
public final class DevnetDriver implements Callable<Integer> {
  @Option(names = "--rpc", required = true, split = ",", description = "JSON-RPC URLs; the first gets the transactions.")
  List<String> rpc;

  @Option(names = "--key-file", description = "File with the sender's hex private key.")
  Path keyFile;

  @Option(names = "--key-env", description = "Environment variable with the sender's hex private key.")
  String keyEnv;

  @Option(names = "--precompile", defaultValue = "0x0000000000000000000000000000000000000a01")
  String precompile;

  @Option(names = "--consumer", defaultValue = "it/solidity/build/ZkmlConsumer.json", description = "Consumer artifact.")
  Path consumerArtifact;

  @Option(names = "--model", required = true, description = "Directory with vk.bzkv and proof.json.")
  List<Path> models;

  @Option(names = "--sync-timeout", defaultValue = "60", description = "Seconds for every node to reach the last block.")
  int syncTimeout;

  private static final ObjectMapper JSON = new ObjectMapper();
  private int txs;

  public static void main(String[] args) {
    System.exit(new CommandLine(new DevnetDriver()).execute(args));
  }

  /** A failed check: the message becomes the summary line. */
  static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;

    Failed(String m) {
      super(m);
    }
  }

  @Override
  public Integer call() {
    try {
      String summary = run();
      System.out.println("devnet-driver: PASS (" + summary + ")");
      return 0;
    } catch (Failed | ChainException | java.io.IOException e) {
      System.out.println("devnet-driver: FAIL: " + e.getMessage());
      return 1;
    }
  }

  private String run() throws Failed, ChainException, java.io.IOException {
    SigningKey key = keyEnv != null ? SigningKey.fromEnv(keyEnv)
        : keyFile != null ? SigningKey.fromFile(keyFile) : null;
    if (key == null) {
      throw new Failed("give --key-file or --key-env");
    }
    ContractArtifact consumer = ContractArtifact.read(consumerArtifact);
    long lastBlock = 0;
    boolean real;
    try (ChainSubmitter chain = new ChainSubmitter(ChainClient.connect(rpc.get(0), key))) {
      real = hasZkmlRpc(chain.client());
      for (Path dir : models) {
        lastBlock = Math.max(lastBlock, checkModel(chain, consumer, dir, real));
      }
    }
    String root = sameStateRoot(lastBlock);
    return models.size() + " models, " + txs + " transactions, " + (real ? "real precompile" : "STAND-IN verifier")
        + ", state root " + root.substring(0, 18) + "... at block " + lastBlock + " on " + rpc.size() + " node(s)";
  }

  private static boolean hasZkmlRpc(ChainClient c) throws ChainException {
    try {
      JsonNode info = c.rpcOrError("zkml_info");
      if (!info.path("installed").asBoolean(false)) {
        throw new ChainException(ChainException.Kind.REJECTED, "zkml_info says the precompile is not installed: " + info);
      }
      return true;
    } catch (ChainClient.RpcError e) {
      return false; // no zkml namespace: a test node with a stand-in at the address
    }
  }

  private long checkModel(ChainSubmitter chain, ContractArtifact artifact, Path dir, boolean real)
      throws Failed, ChainException, java.io.IOException {
    String name = dir.getFileName().toString();
    ProofStatement s = ProofStatement.read(dir.resolve("vk.bzkv"), dir.resolve("proof.json"));
    ObjectNode line = JSON.createObjectNode().put("model", name).put("model_id", s.modelIdHex());
    // 1. the address answers as the precompile does (an empty account would return 0x)
    String id = chain.precompileModelId(precompile, s.vk());
    check(id.equals(s.modelIdHex()), name + ": modelId at " + precompile + " is " + id + ", not keccak256(vk)"
        + " (precompile not installed?)");
    if (real) {
      String rpcId = chain.client().rpc("zkml_modelId", Numeric.toHexString(s.vk())).asText();
      check(rpcId.equals(id), name + ": zkml_modelId " + rpcId + " differs from the precompile's " + id);
    }
    // 2. a consumer bound to this model, and a real proof verified through it
    Receipt d = chain.deployConsumer(artifact, precompile, s.modelId());
    txs++;
    String consumer = d.contractAddress();
    Receipt ok = chain.submit(SubmitRequest.toConsumer(consumer, s));
    txs++;
    check(ok.success(), name + ": verify through ZkmlConsumer failed: " + ok.revert());
    long[][] stored = chain.storedOutputs(consumer, s.outputs());
    check(Arrays.deepEquals(stored, s.outputs()), name + ": stored outputs " + Arrays.deepToString(stored)
        + " are not the proof's " + Arrays.deepToString(s.outputs()));
    check(chain.accepted(consumer) == 1, name + ": accepted() is not 1");
    line.put("consumer_gas", ok.gasUsed().longValue());
    // 3. straight to the precompile: charged intrinsic gas plus the precompile's own formula
    SubmitRequest direct = SubmitRequest.toPrecompile(precompile, s);
    Receipt dr = chain.submit(direct);
    txs++;
    check(dr.success(), name + ": verify transaction to the precompile failed: " + dr.revert());
    byte[] calldata = direct.calldata();
    line.put("direct_gas", dr.gasUsed().longValue()).put("calldata_bytes", calldata.length);
    if (real) {
      JsonNode g = chain.client().rpc("zkml_gas", Numeric.toHexString(calldata));
      long zkmlGas = g.isNumber() ? g.asLong() : ChainClient.quantity(g).longValueExact();
      long want = directGas(calldata, zkmlGas);
      check(dr.gasUsed().longValue() == want, name + ": direct gasUsed " + dr.gasUsed() + ", expected max(21000 + "
          + "calldata + zkml_gas " + zkmlGas + ", EIP-7623 floor) = " + want);
      // through the consumer: intrinsic + zkml_gas + the cold access (2600) + a bounded contract
      // part (storing the outputs), or the calldata floor if that were larger
      byte[] sub = ZkmlCalls.consumerSubmit(s);
      long base = 21_000 + calldataGas(sub) + zkmlGas;
      long floor = directGas(sub, 0);
      long bound = 100_000 + 45_000L * count(s.outputs());
      long used = ok.gasUsed().longValue();
      check(used >= Math.max(base + 2_600, floor) && used <= Math.max(base + bound, floor), name + ": consumer gas "
          + used + " is not intrinsic + zkml_gas " + zkmlGas + " + 2600 + at most " + bound);
      line.put("zkml_gas", zkmlGas).put("consumer_overhead_gas", used - base);
    } else {
      check(dr.gasUsed().longValue() > 21_000 + calldataGas(calldata), name + ": gasUsed below intrinsic");
      line.put("zkml_gas", "skipped: no zkml_gas RPC (stand-in verifier)");
    }
    // 4. tampered proofs: the estimate reverts with the reason; forced on chain, status 0
    ProofStatement header = zeroFirst(s);
    Receipt est = chain.submit(SubmitRequest.toConsumer(consumer, header));
    check(!est.sent() && est.revert() != null && est.revert().error().equals("InvalidProof"),
        name + ": a proof with a zeroed first byte was not refused with InvalidProof: " + est);
    BigInteger forcedGas = ok.gasUsed().multiply(BigInteger.TWO);
    Receipt mined = chain.submit(SubmitRequest.toConsumer(consumer, header).withGasLimit(forcedGas));
    txs++;
    check(mined.sent() && !mined.success() && "InvalidProof".equals(mined.revert().error()),
        name + ": the forced tampered transaction did not revert with InvalidProof: " + mined);
    line.put("tampered_reason", mined.revert().message());
    if (real) {
      RevertReason inner = chain.dryRun(SubmitRequest.toConsumer(consumer, s.withTamperedProof(s.proof().length / 2)));
      check(inner != null && inner.error().equals("InvalidProof"), name + ": a flipped byte inside the proof was accepted");
      line.put("tampered_inner_reason", inner.message());
    } else {
      line.put("tampered_inner_reason", "skipped: the stand-in checks only the first byte");
    }
    check(chain.accepted(consumer) == 1, name + ": a rejected proof changed accepted()");
    System.out.println(line);
    return mined.blockNumber();
  }

  /** Waits until every node has {@code block}, then requires one state root (and block hash). */
  private String sameStateRoot(long block) throws Failed, ChainException {
    String tag = Numeric.toHexStringWithPrefix(BigInteger.valueOf(block));
    String root = null;
    String hash = null;
    List<String> roots = new ArrayList<>();
    for (String url : rpc) {
      try (ChainClient c = ChainClient.connect(url, SigningKey.parse("01".repeat(32), "read-only key"))) {
        long deadline = System.nanoTime() + syncTimeout * 1_000_000_000L;
        JsonNode b = c.rpc("eth_getBlockByNumber", tag, false);
        while (b == null || b.isNull()) {
          if (System.nanoTime() > deadline) {
            throw new Failed(url + " did not reach block " + block + " within " + syncTimeout + " s");
          }
          sleep();
          b = c.rpc("eth_getBlockByNumber", tag, false);
        }
        String r = b.get("stateRoot").asText();
        roots.add(url + " " + r);
        if (root == null) {
          root = r;
          hash = b.get("hash").asText();
        } else if (!root.equals(r) || !hash.equals(b.get("hash").asText())) {
          throw new Failed("state root differs at block " + block + ": " + String.join(", ", roots) + " vs " + root);
        }
      }
    }
    return root;
  }

  /**
   * Gas of a transaction straight to a precompile charging {@code precompileGas}: the tx's
   * {@code to} is warm (no cold-access charge), so intrinsic plus the precompile, but at least
   * EIP-7623's calldata floor (Prague and later, so Osaka): {@code 21000 + 10 * tokens}.
   */
  static long directGas(byte[] calldata, long precompileGas) {
    long standard = 21_000 + calldataGas(calldata) + precompileGas;
    return Math.max(standard, 21_000 + 10 * calldataTokens(calldata));
  }

  static long calldataGas(byte[] d) {
    long g = 0;
    for (byte b : d) {
      g += b == 0 ? 4 : 16;
    }
    return g;
  }

  static long calldataTokens(byte[] d) {
    long t = 0;
    for (byte b : d) {
      t += b == 0 ? 1 : 4;
    }
    return t;
  }

  private static long count(long[][] m) {
    long n = 0;
    for (long[] r : m) {
      n += r.length;
    }
    return n;
  }

  private static ProofStatement zeroFirst(ProofStatement s) {
    byte[] p = s.proof().clone();
    p[0] = 0;
    return new ProofStatement(s.vk(), s.inputs(), s.outputs(), p);
  }

  private static void check(boolean ok, String message) throws Failed {
    if (!ok) {
      throw new Failed(message);
    }
  }

  private static void sleep() throws Failed {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failed("interrupted");
    }
  }
}
