package org.besuzkml.sidecar.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON-RPC error: code, one-line message, optional data. The codes (docs/sidecar.md):
 * -32700 parse error, -32600 invalid request, -32601 method not found, -32602 invalid params
 * (input shape, NaN, range, unknown model), -32603 internal error; server codes -32001 unknown job,
 * -32002 unauthorized, -32005 queue full ({@code data.retryAfterMs}), -32006 request too large,
 * -32007 idempotency key conflict.
 */
public final class RpcError extends Exception {
  private static final long serialVersionUID = 1L;

  public static final int PARSE_ERROR = -32700;
  public static final int INVALID_REQUEST = -32600;
  public static final int METHOD_NOT_FOUND = -32601;
  public static final int INVALID_PARAMS = -32602;
  public static final int INTERNAL = -32603;
  public static final int UNKNOWN_JOB = -32001;
  public static final int UNAUTHORIZED = -32002;
  public static final int QUEUE_FULL = -32005;
  public static final int TOO_LARGE = -32006;
  public static final int IDEMPOTENCY_CONFLICT = -32007;

  private final int code;
  private final transient JsonNode data;

  public RpcError(int code, String message) {
    this(code, message, null);
  }

  public RpcError(int code, String message, JsonNode data) {
    super(oneLine(message), null, false, false);
    this.code = code;
    this.data = data;
  }

  public int code() {
    return code;
  }

  public JsonNode data() {
    return data;
  }

  static String oneLine(String m) {
    return m == null ? "" : m.lines().findFirst().orElse("");
  }
}
