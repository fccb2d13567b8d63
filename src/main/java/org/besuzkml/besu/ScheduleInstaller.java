package org.besuzkml.besu;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.besu.consensus.merge.TransitionProtocolSchedule;
import org.hyperledger.besu.datatypes.Address;
import org.hyperledger.besu.ethereum.mainnet.ProtocolSchedule;
import org.hyperledger.besu.ethereum.mainnet.ScheduledProtocolSpec;
import org.hyperledger.besu.evm.precompile.PrecompileContractRegistry;
import org.hyperledger.besu.evm.precompile.PrecompiledContract;

/**
 * Puts a contract into the precompile registry of every protocol spec. Besu has no plugin API for
 * this (API.md 2): the schedule is the private ProtocolSchedule field of BlockchainService's
 * implementation, found by type (the class moved packages after 26.8), set just before start().
 * All-or-nothing: every check runs before the first put.
 */
final class ScheduleInstaller {
  /** Installation failed; the plugin's start() rethrows, so Besu stops (exit code 2). */
  static final class InstallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InstallException(String message) {
      super(message);
    }
  }

  /** One spec the contract went into, e.g. "Osaka:0". */
  record Installed(String fork, long milestone) {
    @Override
    public String toString() {
      return fork + ":" + milestone;
    }
  }

  private ScheduleInstaller() {}

  /** The first non-null instance field of type ProtocolSchedule in the class hierarchy. */
  static ProtocolSchedule findSchedule(Object service) {
    if (service == null) {
      throw new InstallException("BlockchainService is not available");
    }
    for (Class<?> k = service.getClass(); k != null && k != Object.class; k = k.getSuperclass()) {
      for (Field f : k.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers())
            && ProtocolSchedule.class.isAssignableFrom(f.getType())) {
          try {
            f.setAccessible(true);
            Object v = f.get(service);
            if (v != null) {
              return (ProtocolSchedule) v;
            }
          } catch (ReflectiveOperationException | RuntimeException e) {
            throw new InstallException("cannot read " + k.getName() + "." + f.getName() + ": " + e);
          }
        }
      }
    }
    throw new InstallException("no ProtocolSchedule in " + service.getClass().getName()
        + " (is this Besu 26.x, and is start() after BlockchainService.init?)");
  }

  /** Every scheduled spec, the pre- and post-merge schedules of a transition both visited. */
  static List<ScheduledProtocolSpec> specs(ProtocolSchedule schedule) {
    List<ScheduledProtocolSpec> out = new ArrayList<>();
    collect(schedule, out, 0);
    return out;
  }

  private static void collect(ProtocolSchedule s, List<ScheduledProtocolSpec> out, int depth) {
    if (s == null || depth > 4) {
      return;
    }
    if (s instanceof TransitionProtocolSchedule) {
      TransitionProtocolSchedule t = (TransitionProtocolSchedule) s;
      collect(t.getPreMergeSchedule(), out, depth + 1);
      collect(t.getPostMergeSchedule(), out, depth + 1);
      return;
    }
    // anyMatch visits every ScheduledProtocolSpec; returning false keeps it going
    s.anyMatch(spec -> {
      out.add(spec);
      return false;
    });
  }

  /** Installs into every spec's registry; refuses an address any spec already uses. */
  static List<Installed> install(ProtocolSchedule schedule, Address address,
      PrecompiledContract contract) {
    List<ScheduledProtocolSpec> specs = specs(schedule);
    if (specs.isEmpty()) {
      throw new InstallException("the protocol schedule has no specs");
    }
    Map<PrecompileContractRegistry, ScheduledProtocolSpec> registries = new IdentityHashMap<>();
    for (ScheduledProtocolSpec s : specs) {
      PrecompileContractRegistry r = s.spec() == null ? null : s.spec().getPrecompileContractRegistry();
      if (r == null) {
        throw new InstallException("spec " + name(s) + " has no precompile registry");
      }
      if (r.getPrecompileAddresses().contains(address)) {
        PrecompiledContract other = r.get(address);
        throw new InstallException("address " + address + " is already used in spec " + name(s)
            + " by " + (other == null ? "a precompile" : other.getName()));
      }
      registries.put(r, s);
    }
    List<Installed> done = new ArrayList<>();
    for (ScheduledProtocolSpec s : specs) {
      PrecompileContractRegistry r = s.spec().getPrecompileContractRegistry();
      if (r.get(address) == null) {
        r.put(address, contract);
      }
      done.add(new Installed(s.fork() == null ? "?" : s.fork().name(),
          s.fork() == null ? -1 : s.fork().milestone()));
    }
    return done;
  }

  private static String name(ScheduledProtocolSpec s) {
    return s.fork() == null ? "?" : s.fork().name() + ":" + s.fork().milestone();
  }
}
