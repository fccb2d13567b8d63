package org.besuzkml.sidecar.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * JSON-RPC 2.0: one request or a batch, dispatched through a table from method name to
 * {@link Method}. Never throws and never blocks: every failure becomes an error object with a
 * one-line message. NaN and Infinity literals are parsed (not a parse error) so that the input
 * check can name them (-32602); duplicate keys are a parse error.
 */
public final class RpcDispatcher {
  /** One method: params (object, array or null) and the caller, to a future result. */
  @FunctionalInterface
  public interface Method {
    CompletableFuture<JsonNode> call(JsonNode params, Caller caller) throws RpcError;
  }

  /** Who calls: whether the request carried the admin token. */
  public record Caller(boolean admin) {}

  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Set<String> MEMBERS = Set.of("jsonrpc", "method", "params", "id");

  private final Map<String, Method> methods;
  private final int maxBatch;
  private final Consumer<Throwable> internalErrors;

  public RpcDispatcher(Map<String, Method> methods, int maxBatch, Consumer<Throwable> internalErrors) {
    this.methods = Map.copyOf(methods);
    this.maxBatch = maxBatch;
    this.internalErrors = internalErrors;
  }

  public Set<String> methodNames() {
    return methods.keySet();
  }

  /** The response body, or empty when every request was a notification. */
  public CompletableFuture<Optional<String>> handle(String body, Caller caller) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException | RuntimeException e) {
      return done(error(null, RpcError.PARSE_ERROR, "parse error: "
          + RpcError.oneLine(e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage())));
    }
    if (root == null || root.isMissingNode()) {
      return done(error(null, RpcError.PARSE_ERROR, "parse error: empty body"));
    }
    if (!root.isArray()) {
      return one(root, caller).thenApply(r -> r.map(JsonNode::toString));
    }
    if (root.isEmpty()) {
      return done(error(null, RpcError.INVALID_REQUEST, "invalid request: empty batch"));
    }
    if (root.size() > maxBatch) {
      return done(error(null, RpcError.INVALID_REQUEST, "invalid request: a batch of " + root.size()
          + " requests is over the limit of " + maxBatch));
    }
    List<CompletableFuture<Optional<JsonNode>>> parts = new ArrayList<>();
    for (JsonNode r : root) {
      parts.add(one(r, caller));
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
      ArrayNode out = F.arrayNode();
      parts.forEach(p -> p.join().ifPresent(out::add));
      return out.isEmpty() ? Optional.empty() : Optional.of(out.toString());
    });
  }

  private static CompletableFuture<Optional<String>> done(JsonNode n) {
    return CompletableFuture.completedFuture(Optional.of(n.toString()));
  }

  private CompletableFuture<Optional<JsonNode>> one(JsonNode req, Caller caller) {
    JsonNode id = req.isObject() ? req.get("id") : null;
    boolean validId = id == null || id.isTextual() || id.isIntegralNumber() || id.isNull();
    JsonNode replyId = validId ? id : null;
    if (!req.isObject() || !"2.0".equals(req.path("jsonrpc").asText(null)) || !req.path("jsonrpc").isTextual()
        || !req.path("method").isTextual() || !validId) {
      return some(error(replyId, RpcError.INVALID_REQUEST,
          "invalid request: expected {\"jsonrpc\": \"2.0\", \"method\": string, \"params\"?, \"id\"?}"));
    }
    for (var it = req.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!MEMBERS.contains(f)) {
        return some(error(replyId, RpcError.INVALID_REQUEST, "invalid request: unknown member \"" + f + "\""));
      }
    }
    JsonNode params = req.get("params");
    if (params != null && !params.isObject() && !params.isArray()) {
      return some(error(replyId, RpcError.INVALID_REQUEST, "invalid request: params must be an object or an array"));
    }
    boolean notification = id == null;
    String name = req.get("method").asText();
    Method m = methods.get(name);
    CompletableFuture<JsonNode> result;
    if (m == null) {
      result = CompletableFuture.failedFuture(new RpcError(RpcError.METHOD_NOT_FOUND, "method not found: " + name));
    } else {
      try {
        result = m.call(params, caller);
      } catch (RpcError e) {
        result = CompletableFuture.failedFuture(e);
      } catch (RuntimeException e) {
        result = CompletableFuture.failedFuture(e);
      }
    }
    return result.handle((r, err) -> {
      if (notification) {
        return Optional.empty();
      }
      if (err == null) {
        ObjectNode o = F.objectNode().put("jsonrpc", "2.0");
        o.set("result", r);
        o.set("id", id);
        return Optional.of(o);
      }
      Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
      if (cause instanceof RpcError e) {
        return Optional.of(error(id, e.code(), e.getMessage(), e.data()));
      }
      internalErrors.accept(cause);
      return Optional.of(error(id, RpcError.INTERNAL, "internal error: " + cause.getClass().getSimpleName()));
    });
  }

  private static CompletableFuture<Optional<JsonNode>> some(JsonNode n) {
    return CompletableFuture.completedFuture(Optional.of(n));
  }

  static ObjectNode error(JsonNode id, int code, String message) {
    return error(id, code, message, null);
  }

  static ObjectNode error(JsonNode id, int code, String message, JsonNode data) {
    ObjectNode o = F.objectNode().put("jsonrpc", "2.0");
    ObjectNode e = o.putObject("error").put("code", code).put("message", RpcError.oneLine(message));
    if (data != null) {
      e.set("data", data);
    }
    o.set("id", id == null ? F.nullNode() : id);
    return o;
  }

  /** The body of a single error response (for HTTP-level failures such as a too large request). */
  public static String errorBody(int code, String message) {
    return error(null, code, message).toString();
  }
}
