package org.besuzkml.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.besuzkml.precompile.ZkmlAbi;
import org.besuzkml.precompile.ZkmlFixtures;
import org.besuzkml.proof.witness.CorpusModels;
import org.hyperledger.besu.datatypes.Address;
import org.hyperledger.besu.evm.frame.ExceptionalHaltReason;
import org.hyperledger.besu.evm.frame.MessageFrame;
import org.hyperledger.besu.evm.precompile.PrecompiledContract;
import org.hyperledger.besu.evm.precompile.PrecompiledContract.PrecompileContractResult;
import org.hyperledger.besu.plugin.BesuPlugin;
import org.hyperledger.besu.plugin.services.BlockchainService;
import org.hyperledger.besu.plugin.services.RpcEndpointService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The installed contract (from the jar) on real ABI-encoded proofs of every corpus model: valid,
 * tampered (proof, outputs), malformed and truncated. self_attention (11 s, 4 GB to prove) runs
 * only with -Dzkml.it.all.
 */
class PluginCorpusIT {
  static URLClassLoader loader;
  static BesuPlugin plugin;
  static PrecompiledContract contract;
  static TestBesu.Rpc rpc;

  @BeforeAll
  static void install() throws Exception {
    loader = BesuLikeLoader.loader();
    plugin = BesuLikeLoader.plugins(loader).get(0);
    TestBesu.Services s = new TestBesu.Services();
    TestBesu.BlockchainServiceImpl chain = new TestBesu.BlockchainServiceImpl();
    TestBesu.Spec spec = TestBesu.Spec.of("Osaka", 0);
    chain.init(new TestBesu.Schedule(spec));
    rpc = new TestBesu.Rpc();
    s.addService(BlockchainService.class, chain);
    s.addService(RpcEndpointService.class, rpc);
    plugin.register(s);
    plugin.start();
    contract = spec.spec().getPrecompileContractRegistry()
        .get(Address.fromHexString("0x0000000000000000000000000000000000000a01"));
  }

  @AfterAll
  static void stop() throws Exception {
    plugin.stop();
    loader.close();
  }

  /** The corpus (self_attention only with -Dzkml.it.all); -Dzkml.it.only=NAME runs one model. */
  static Stream<String> models() throws Exception {
    String only = System.getProperty("zkml.it.only");
    return CorpusModels.names().filter(n -> only != null ? n.equals(only)
        : Boolean.getBoolean("zkml.it.all") || !n.equals("self_attention"));
  }

  static PrecompileContractResult call(byte[] in) {
    Bytes b = Bytes.wrap(in);
    long gas = contract.gasRequirement(b);
    assertTrue(gas > 0);
    return contract.computePrecompile(b, new MessageFrame());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void validTamperedMalformedTruncated(String name) {
    ZkmlFixtures.Case c = ZkmlFixtures.get(name);
    PrecompileContractResult ok = call(c.calldata());
    assertEquals(MessageFrame.State.COMPLETED_SUCCESS, ok.state(), name);
    assertArrayEquals(c.modelId(), ok.output().toArray());

    byte[] proof = c.proof().clone();
    proof[proof.length - 7] ^= 0x10;
    PrecompileContractResult bad = call(ZkmlAbi.encodeVerify(c.vk(), c.inputs(), c.outputs(), proof));
    assertEquals(MessageFrame.State.REVERT, bad.state(), name + " tampered proof");
    assertArrayEquals(ZkmlAbi.INVALID_PROOF, Arrays.copyOf(bad.output().toArray(), 4));

    if (c.outputs().length > 0 && c.outputs()[0].length > 0) {
      long[][] out = Arrays.stream(c.outputs()).map(long[]::clone).toArray(long[][]::new);
      out[0][0] ^= 1;
      assertEquals(MessageFrame.State.REVERT,
          call(ZkmlAbi.encodeVerify(c.vk(), c.inputs(), out, c.proof())).state(), name + " outputs");
    }

    byte[] malformed = c.calldata().clone();
    malformed[4 + 31] ^= 0x01; // the vk offset
    PrecompileContractResult m = call(malformed);
    assertEquals(MessageFrame.State.EXCEPTIONAL_HALT, m.state(), name + " malformed");
    assertEquals(ExceptionalHaltReason.PRECOMPILE_ERROR, m.haltReason().get());

    PrecompileContractResult t = call(Arrays.copyOf(c.calldata(), c.calldata().length - 32));
    assertEquals(MessageFrame.State.EXCEPTIONAL_HALT, t.state(), name + " truncated");

    Map<?, ?> dry = (Map<?, ?>) rpc.call("zkml_verify", org.besuzkml.codec.Hex.encode(proofCall(c, proof)));
    assertEquals(false, dry.get("valid"));
    assertTrue(String.valueOf(dry.get("reason")).length() > 0);
  }

  static byte[] proofCall(ZkmlFixtures.Case c, byte[] proof) {
    return ZkmlAbi.encodeVerify(c.vk(), c.inputs(), c.outputs(), proof);
  }
}
