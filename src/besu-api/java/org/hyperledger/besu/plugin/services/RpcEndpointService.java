package org.hyperledger.besu.plugin.services;

import java.util.function.Function;
import org.hyperledger.besu.plugin.services.rpc.PluginRpcRequest;

/** Stub: JSON-RPC method {@code namespace_functionName} (API.md 1b). */
public interface RpcEndpointService extends BesuService {
  <T> void registerRPCEndpoint(String namespace, String functionName,
      Function<PluginRpcRequest, T> function);
}
