package org.hyperledger.besu.plugin.services.rpc;

import java.util.Optional;

/** Stub of Besu's RPC error description (API.md 1b). */
public interface RpcMethodError {
  int INVALID_PARAMS_ERROR_CODE = -32602;

  int getCode();

  String getMessage();

  default Optional<String> decodeData(String data) {
    return Optional.of(data);
  }
}
