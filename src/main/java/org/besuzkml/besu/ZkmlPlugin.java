package org.besuzkml.besu;

import java.util.ArrayList;
import java.util.List;
import org.besuzkml.precompile.ZkmlPrecompile;
import org.hyperledger.besu.datatypes.Address;
import org.hyperledger.besu.ethereum.mainnet.ProtocolSchedule;
import org.hyperledger.besu.plugin.BesuPlugin;
import org.hyperledger.besu.plugin.ServiceManager;
import org.hyperledger.besu.plugin.services.BlockchainService;
import org.hyperledger.besu.plugin.services.PicoCLIOptions;
import org.hyperledger.besu.plugin.services.RpcEndpointService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zkML Besu plugin. register(): CLI options and the zkml RPC namespace. start() (the first
 * moment the protocol schedule exists, the last before sync and block production): installs the
 * verifier precompile into every protocol spec, or throws, because a node without it forks off at
 * the first block that calls it. getName() is not overridden: its return type changed in 26.1.
 */
public class ZkmlPlugin implements BesuPlugin {
  private static final Logger LOG = LoggerFactory.getLogger(ZkmlPlugin.class);

  private final ZkmlOptions options = new ZkmlOptions();
  private ServiceManager context;
  private volatile ZkmlPrecompile core = new ZkmlPrecompile();
  private volatile List<String> installedSpecs = List.of();
  private volatile String error;
  private volatile Address address;

  @Override
  public void register(ServiceManager context) {
    this.context = context;
    context.getService(PicoCLIOptions.class)
        .ifPresent(o -> o.addPicoCLIOptions(ZkmlRpc.NAMESPACE, options));
    context.getService(RpcEndpointService.class).ifPresent(rpc -> {
      ZkmlRpc r = new ZkmlRpc(this);
      rpc.registerRPCEndpoint(ZkmlRpc.NAMESPACE, "info", r::info);
      rpc.registerRPCEndpoint(ZkmlRpc.NAMESPACE, "verify", r::verify);
      rpc.registerRPCEndpoint(ZkmlRpc.NAMESPACE, "modelId", r::modelId);
      rpc.registerRPCEndpoint(ZkmlRpc.NAMESPACE, "gas", r::gas);
    });
  }

  @Override
  public void start() {
    try {
      Address a = parseAddress(options.address());
      if (options.maxInputBytes() < 1024) {
        throw new ScheduleInstaller.InstallException("--plugin-zkml-max-input-bytes must be >= 1024");
      }
      ZkmlPrecompile c = new ZkmlPrecompile(options.maxInputBytes(), options.cacheBytes());
      if (context == null) {
        throw new ScheduleInstaller.InstallException("start() before register()");
      }
      Object service = context.getService(BlockchainService.class).orElse(null);
      ProtocolSchedule schedule = ScheduleInstaller.findSchedule(service);
      List<ScheduleInstaller.Installed> done =
          ScheduleInstaller.install(schedule, a, new ZkmlPrecompiledContract(c));
      List<String> names = new ArrayList<>();
      for (ScheduleInstaller.Installed i : done) {
        LOG.info("zkml: {} installed at {} in spec {}", ZkmlPrecompile.NAME, a, i);
        names.add(i.toString());
      }
      core = c;
      address = a;
      installedSpecs = List.copyOf(names);
      error = null;
    } catch (RuntimeException e) {
      error = e.getMessage();
      LOG.error("zkml: precompile NOT installed: {}", e.getMessage());
      throw e;
    }
  }

  @Override
  public void stop() {
    core.clearCaches();
  }

  static Address parseAddress(String s) {
    byte[] b = s == null ? null : org.besuzkml.codec.Hex.decode(s);
    if (b == null || b.length != 20 || !s.startsWith("0x")) {
      throw new ScheduleInstaller.InstallException("--plugin-zkml-address: expected 0x and 40 hex digits");
    }
    boolean low = true;
    for (int i = 0; i < 18; i++) {
      low &= b[i] == 0;
    }
    if (low && ((b[18] & 0xff) << 8 | (b[19] & 0xff)) <= 0x1ff) {
      throw new ScheduleInstaller.InstallException(
          "--plugin-zkml-address: 0x00-0x1ff are reserved for Ethereum's and Besu's precompiles");
    }
    return Address.fromHexString(s);
  }

  ZkmlPrecompile core() {
    return core;
  }

  boolean installed() {
    return !installedSpecs.isEmpty();
  }

  List<String> installedSpecs() {
    return installedSpecs;
  }

  String error() {
    return error;
  }

  String address() {
    return address != null ? address.toString() : options.address();
  }

  String version() {
    Package p = ZkmlPlugin.class.getPackage();
    String v = p == null ? null : p.getImplementationVersion();
    return v == null ? "dev" : v;
  }

  ZkmlOptions options() {
    return options;
  }
}
