package org.besuzkml.sidecar.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.besuzkml.sidecar.rpc.RpcError;

/**
 * JSON-RPC calls from one member to another over HTTP: how a job is handed to the member that will
 * store it and how a cancel reaches the member that runs it. Plain HTTP rather than the event bus,
 * whose addresses can stay registered for a killed member. The future completes off the event loop
 * with the result, the peer's own RpcError, or {@link Unreachable}.
 */
final class PeerRpc {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final Duration timeout;

  /** The peer did not answer (down, killed, or too slow): the caller may fall back to itself. */
  static final class Unreachable extends IOException {
    private static final long serialVersionUID = 1L;

    Unreachable(String m) {
      super(m);
    }
  }

  PeerRpc(Duration timeout) {
    this.timeout = timeout;
  }

  CompletableFuture<JsonNode> call(String url, String method, JsonNode params) {
    ObjectNode body = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", method);
    body.set("params", params);
    HttpRequest r;
    try {
      r = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(new Unreachable("bad member URL " + url));
    }
    return http.sendAsync(r, HttpResponse.BodyHandlers.ofString()).handle((resp, err) -> {
      if (err != null) {
        throw new CompletionException(new Unreachable("member " + url + " unreachable: " + err.getClass()
            .getSimpleName()));
      }
      JsonNode o;
      try {
        o = JSON.readTree(resp.body());
      } catch (IOException e) {
        throw new CompletionException(new Unreachable("member " + url + " answered HTTP " + resp.statusCode()
            + " without JSON"));
      }
      JsonNode e = o.get("error");
      if (e != null && e.isObject()) {
        throw new CompletionException(new RpcError(e.path("code").asInt(RpcError.INTERNAL),
            e.path("message").asText("error from member " + url), e.get("data")));
      }
      JsonNode res = o.get("result");
      if (res == null) {
        throw new CompletionException(new Unreachable("member " + url + " answered without a result"));
      }
      return res;
    });
  }
}
