package org.besuzkml.besu;

import org.besuzkml.precompile.ZkmlPrecompile;
import picocli.CommandLine;

/**
 * The plugin's command-line options (Besu requires the {@code --plugin-zkml-} prefix). The
 * address and the maximum input size are consensus parameters: every node of a network must use
 * the same values.
 */
public final class ZkmlOptions {
  /** Outside Besu's precompile ranges 0x01-0x11 and 0x100 (and the reserved 0x00-0x1ff). */
  public static final String DEFAULT_ADDRESS = "0x0000000000000000000000000000000000000a01";

  @CommandLine.Option(names = "--plugin-zkml-address", paramLabel = "<ADDRESS>",
      description = "Address of the zkML verifier precompile (default: ${DEFAULT-VALUE}); the same on every node.")
  String address = DEFAULT_ADDRESS;

  @CommandLine.Option(names = "--plugin-zkml-max-input-bytes", paramLabel = "<BYTES>",
      description = "Largest precompile input; larger calls halt (default: ${DEFAULT-VALUE}); the same on every node.")
  int maxInputBytes = ZkmlPrecompile.DEFAULT_MAX_INPUT_BYTES;

  @CommandLine.Option(names = "--plugin-zkml-cache-bytes", paramLabel = "<BYTES>",
      description = "Memory for decoded verifying keys and verification results (default: ${DEFAULT-VALUE}); 0 disables.")
  long cacheBytes = ZkmlPrecompile.DEFAULT_CACHE_BYTES;

  public String address() {
    return address;
  }

  public int maxInputBytes() {
    return maxInputBytes;
  }

  public long cacheBytes() {
    return cacheBytes;
  }
}
