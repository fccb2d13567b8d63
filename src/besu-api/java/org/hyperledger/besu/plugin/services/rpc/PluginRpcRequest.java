package org.hyperledger.besu.plugin.services.rpc;

/** Stub: raw JSON-decoded params (String, Number, Boolean, List, Map). */
public interface PluginRpcRequest {
  Object[] getParams();
}
