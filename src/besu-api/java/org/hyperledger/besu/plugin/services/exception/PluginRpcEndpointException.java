package org.hyperledger.besu.plugin.services.exception;

import org.hyperledger.besu.plugin.services.rpc.RpcMethodError;

/** Stub: the one exception type an endpoint may throw to give the caller an error (API.md 1b). */
public class PluginRpcEndpointException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient RpcMethodError rpcMethodError;
  private final String data;

  public PluginRpcEndpointException(RpcMethodError rpcMethodError) {
    this(rpcMethodError, null);
  }

  public PluginRpcEndpointException(RpcMethodError rpcMethodError, String data) {
    this(rpcMethodError, data, null);
  }

  public PluginRpcEndpointException(RpcMethodError rpcMethodError, String data, Throwable cause) {
    super(rpcMethodError.getMessage(), cause);
    this.rpcMethodError = rpcMethodError;
    this.data = data;
  }

  public RpcMethodError getRpcMethodError() {
    return rpcMethodError;
  }

  public String getData() {
    return data;
  }
}
