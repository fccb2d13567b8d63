package org.besuzkml.sidecar.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * How a sidecar joins its cluster: Hazelcast TCP-IP join (no multicast) on {@code host:port}, with
 * the seed {@code members} to ask (this node may be among them), in the cluster named {@code name}.
 * Members with different names never join each other.
 */
public record ClusterOptions(String host, int port, List<String> members, String name) {
  public static final int DEFAULT_PORT = 5701;
  public static final String DEFAULT_NAME = "zkml-sidecar";

  /** A bad option: the message is the one line to print. */
  public static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    public Invalid(String m) {
      super(m);
    }
  }

  /**
   * Validates the options as given on the command line ({@code members} a comma-separated list of
   * host:port, null or empty for none: the node then starts a cluster of its own).
   */
  public static ClusterOptions parse(String host, int port, String members, String name) throws Invalid {
    if (host == null || host.isBlank() || host.contains(":")) {
      throw new Invalid("--cluster-host must be a host name or IPv4 address, got " + host);
    }
    if (port < 1 || port > 65535) {
      throw new Invalid("--cluster-port must be 1..65535, got " + port);
    }
    if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new Invalid("--cluster-name must be 1 to 64 letters, digits, '.', '_' or '-', got " + name);
    }
    List<String> list = new ArrayList<>();
    if (members != null && !members.isBlank()) {
      for (String m : members.split(",", -1)) {
        String t = m.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
          throw new Invalid("--cluster-members: '" + t + "' is not host:port");
        }
        int p;
        try {
          p = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
          throw new Invalid("--cluster-members: '" + t + "' has no numeric port");
        }
        if (p < 1 || p > 65535) {
          throw new Invalid("--cluster-members: '" + t + "' has a port outside 1..65535");
        }
        if (!list.contains(t)) {
          list.add(t);
        }
      }
    }
    return new ClusterOptions(host, port, List.copyOf(list), name);
  }

  /** This node's own address, as the members list would name it. */
  public String self() {
    return host + ":" + port;
  }
}
