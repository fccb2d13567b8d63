package org.besuzkml.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.hyperledger.besu.ethereum.mainnet.ProtocolSchedule;
import org.hyperledger.besu.ethereum.mainnet.ProtocolSpec;
import org.hyperledger.besu.ethereum.mainnet.ScheduledProtocolSpec;
import org.hyperledger.besu.evm.precompile.PrecompileContractRegistry;
import org.hyperledger.besu.plugin.ServiceManager;
import org.hyperledger.besu.plugin.services.BesuService;
import org.hyperledger.besu.plugin.services.BlockchainService;
import org.hyperledger.besu.plugin.services.PicoCLIOptions;
import org.hyperledger.besu.plugin.services.RpcEndpointService;
import org.hyperledger.besu.plugin.services.rpc.PluginRpcRequest;
import picocli.CommandLine;

/** Test implementations of the Besu services the plugin meets, shaped like Besu 26.8.0's. */
final class TestBesu {
  private TestBesu() {}

  static final class Services implements ServiceManager {
    private final Map<Class<?>, BesuService> services = new HashMap<>();

    @Override
    public <T extends BesuService> void addService(Class<T> type, T service) {
      services.put(type, service);
    }

    @Override
    public <T extends BesuService> Optional<T> getService(Class<T> type) {
      return Optional.ofNullable(type.cast(services.get(type)));
    }
  }

  /** Like BlockchainServiceImpl: the schedule sits in a private field, set by init(). */
  static final class BlockchainServiceImpl implements BlockchainService {
    private Object blockchain = "unrelated field";
    private ProtocolSchedule protocolSchedule;

    void init(ProtocolSchedule schedule) {
      this.protocolSchedule = schedule;
    }

    @Override
    public String toString() {
      return blockchain + " " + protocolSchedule;
    }
  }

  /** Like PicoCLIOptionsImpl: checks the prefix, then parses the given args into the object. */
  static final class Options implements PicoCLIOptions {
    final List<Object> objects = new ArrayList<>();

    @Override
    public void addPicoCLIOptions(String namespace, Object optionObject) {
      for (CommandLine.Model.OptionSpec o : CommandLine.Model.CommandSpec.forAnnotatedObject(optionObject).options()) {
        if (!o.longestName().startsWith("--plugin-" + namespace + "-")) {
          throw new RuntimeException("Error loading CLI options");
        }
      }
      objects.add(optionObject);
    }

    void parse(String... args) {
      CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();
      for (Object o : objects) {
        spec.addMixin("m" + spec.mixins().size(), CommandLine.Model.CommandSpec.forAnnotatedObject(o));
      }
      new CommandLine(spec).parseArgs(args);
    }
  }

  static final class Rpc implements RpcEndpointService {
    final Map<String, Function<PluginRpcRequest, ?>> methods = new LinkedHashMap<>();

    @Override
    public <T> void registerRPCEndpoint(String namespace, String name, Function<PluginRpcRequest, T> f) {
      if (!namespace.matches("\\p{Alnum}+") || !name.matches("\\p{Alnum}+")) {
        throw new IllegalArgumentException("bad name");
      }
      methods.put(namespace + "_" + name, f);
    }

    Object call(String method, Object... params) {
      return methods.get(method).apply(() -> params);
    }
  }

  record Spec(Hardfork fork, ProtocolSpec spec) implements ScheduledProtocolSpec {
    static Spec of(String name, long milestone) {
      return new Spec(new Hardfork(name, milestone), new ProtocolSpec(new PrecompileContractRegistry()));
    }
  }

  /** Like DefaultProtocolSchedule: anyMatch streams over every spec. */
  static final class Schedule implements ProtocolSchedule {
    final List<ScheduledProtocolSpec> specs;

    Schedule(ScheduledProtocolSpec... specs) {
      this.specs = List.of(specs);
    }

    @Override
    public boolean anyMatch(Predicate<ScheduledProtocolSpec> p) {
      return specs.stream().anyMatch(p);
    }
  }
}
