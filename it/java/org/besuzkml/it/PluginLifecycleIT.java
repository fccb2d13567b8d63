package org.besuzkml.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import org.hyperledger.besu.consensus.merge.TransitionProtocolSchedule;
import org.hyperledger.besu.datatypes.Address;
import org.hyperledger.besu.evm.precompile.PrecompiledContract;
import org.hyperledger.besu.plugin.BesuPlugin;
import org.hyperledger.besu.plugin.services.BlockchainService;
import org.hyperledger.besu.plugin.services.PicoCLIOptions;
import org.hyperledger.besu.plugin.services.RpcEndpointService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** register/start/stop of the plugin loaded from its jar, against Besu-shaped test services. */
class PluginLifecycleIT {
  static final Address DEFAULT = Address.fromHexString("0x0000000000000000000000000000000000000a01");

  URLClassLoader loader;
  BesuPlugin plugin;
  TestBesu.Services services;
  TestBesu.Options options;
  TestBesu.Rpc rpc;
  TestBesu.BlockchainServiceImpl chain;

  @BeforeEach
  void load() throws Exception {
    loader = BesuLikeLoader.loader();
    List<BesuPlugin> ps = BesuLikeLoader.plugins(loader);
    assertEquals(1, ps.size(), "exactly one BesuPlugin in the jar");
    plugin = ps.get(0);
    assertSame(loader, plugin.getClass().getClassLoader(), "the plugin class comes from the jar");
    assertEquals("ZkmlPlugin", plugin.getClass().getSimpleName());
    services = new TestBesu.Services();
    options = new TestBesu.Options();
    rpc = new TestBesu.Rpc();
    chain = new TestBesu.BlockchainServiceImpl();
    services.addService(PicoCLIOptions.class, options);
    services.addService(RpcEndpointService.class, rpc);
    services.addService(BlockchainService.class, chain);
    plugin.register(services);
  }

  @AfterEach
  void close() throws Exception {
    plugin.stop();
    loader.close();
  }

  @Test
  void registersOptionsAndTheZkmlNamespace() {
    assertEquals(1, options.objects.size());
    assertEquals(List.of("zkml_info", "zkml_verify", "zkml_modelId", "zkml_gas"),
        List.copyOf(rpc.methods.keySet()));
    Map<?, ?> info = (Map<?, ?>) rpc.call("zkml_info");
    assertEquals(false, info.get("installed"), "observable before start: not installed");
  }

  @Test
  void installsIntoEverySpec() {
    TestBesu.Spec a = TestBesu.Spec.of("Berlin", 0);
    TestBesu.Spec b = TestBesu.Spec.of("Cancun", 100);
    TestBesu.Spec c = TestBesu.Spec.of("Osaka", 200);
    chain.init(new TestBesu.Schedule(a, b, c));
    plugin.start();
    for (TestBesu.Spec s : List.of(a, b, c)) {
      PrecompiledContract pc = s.spec().getPrecompileContractRegistry().get(DEFAULT);
      assertNotNull(pc, s.fork().name());
      assertEquals("ZKML_VERIFY", pc.getName());
      assertSame(loader, pc.getClass().getClassLoader());
    }
    Map<?, ?> info = (Map<?, ?>) rpc.call("zkml_info");
    assertEquals(true, info.get("installed"));
    assertEquals(List.of("Berlin:0", "Cancun:100", "Osaka:200"), info.get("specs"));
    assertNull(info.get("error"));
  }

  @Test
  void visitsBothSchedulesOfATransition() {
    TestBesu.Spec pre = TestBesu.Spec.of("London", 0);
    TestBesu.Spec post = TestBesu.Spec.of("Paris", 50);
    TestBesu.Spec post2 = TestBesu.Spec.of("Shanghai", 90);
    chain.init(new TransitionProtocolSchedule(new TestBesu.Schedule(pre),
        new TestBesu.Schedule(post, post2)));
    plugin.start();
    for (TestBesu.Spec s : List.of(pre, post, post2)) {
      assertNotNull(s.spec().getPrecompileContractRegistry().get(DEFAULT), s.fork().name());
    }
  }

  @Test
  void honoursTheAddressOption() {
    options.parse("--plugin-zkml-address=0x00000000000000000000000000000000000a0b0c",
        "--plugin-zkml-max-input-bytes=200000", "--plugin-zkml-cache-bytes=0");
    TestBesu.Spec s = TestBesu.Spec.of("Osaka", 0);
    chain.init(new TestBesu.Schedule(s));
    plugin.start();
    assertNull(s.spec().getPrecompileContractRegistry().get(DEFAULT));
    assertNotNull(s.spec().getPrecompileContractRegistry()
        .get(Address.fromHexString("0x00000000000000000000000000000000000a0b0c")));
    assertEquals(200000L, ((Number) ((Map<?, ?>) rpc.call("zkml_info")).get("maxInputBytes")).longValue());
  }

  @Test
  void refusesAnAddressAnySpecUses() {
    TestBesu.Spec a = TestBesu.Spec.of("Prague", 0);
    TestBesu.Spec b = TestBesu.Spec.of("Osaka", 10);
    PrecompiledContract other = new PrecompiledContract() {
      @Override
      public String getName() {
        return "OTHER";
      }

      @Override
      public long gasRequirement(org.apache.tuweni.bytes.Bytes input) {
        return 0;
      }

      @Override
      public PrecompileContractResult computePrecompile(org.apache.tuweni.bytes.Bytes input,
          org.hyperledger.besu.evm.frame.MessageFrame frame) {
        return PrecompileContractResult.success(input);
      }
    };
    b.spec().getPrecompileContractRegistry().put(DEFAULT, other);
    chain.init(new TestBesu.Schedule(a, b));
    RuntimeException e = assertThrows(RuntimeException.class, plugin::start);
    assertTrue(e.getMessage().contains("already used") && e.getMessage().contains("OTHER"), e.getMessage());
    assertNull(a.spec().getPrecompileContractRegistry().get(DEFAULT), "all or nothing");
    Map<?, ?> info = (Map<?, ?>) rpc.call("zkml_info");
    assertEquals(false, info.get("installed"));
    assertNotNull(info.get("error"));
  }

  @Test
  void throwsWithoutASchedule() {
    RuntimeException e = assertThrows(RuntimeException.class, plugin::start);
    assertTrue(e.getMessage().contains("ProtocolSchedule"), e.getMessage());
  }

  @Test
  void throwsWithoutBlockchainService() throws Exception {
    BesuPlugin p = BesuLikeLoader.plugins(loader).get(0);
    p.register(new TestBesu.Services());
    assertThrows(RuntimeException.class, p::start);
  }

  @Test
  void rpcDryRunModelIdAndGas() {
    chain.init(new TestBesu.Schedule(TestBesu.Spec.of("Osaka", 0)));
    plugin.start();
    Map<?, ?> dry = (Map<?, ?>) rpc.call("zkml_verify",
        Map.of("vk", "0x01", "inputs", List.of(List.of(1)), "outputs", List.of(List.of(2)), "proof", "0x"));
    assertEquals(false, dry.get("valid"));
    assertEquals("revert", dry.get("status"));
    assertTrue(String.valueOf(dry.get("reason")).startsWith("verifying key"), String.valueOf(dry.get("reason")));
    assertEquals("halt", ((Map<?, ?>) rpc.call("zkml_verify", "0x12345678")).get("status"));
    assertEquals("0xbc36789e7a1e281436464229828f817d6612f7b477d66591ff96a9e064bcc98a",
        rpc.call("zkml_modelId", "0x00"));
    assertTrue(((Number) rpc.call("zkml_gas", "0x12345678")).longValue() > 0);
    RuntimeException e = assertThrows(RuntimeException.class, () -> rpc.call("zkml_modelId", "zz"));
    assertEquals("PluginRpcEndpointException", e.getClass().getSimpleName());
  }

  @Test
  void refusesReservedAddresses() {
    options.parse("--plugin-zkml-address=0x0000000000000000000000000000000000000100");
    chain.init(new TestBesu.Schedule(TestBesu.Spec.of("Osaka", 0)));
    assertThrows(RuntimeException.class, plugin::start);
  }
}
