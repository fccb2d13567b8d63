package org.besuzkml.sidecar.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.besuzkml.sidecar.store.Job;
import org.besuzkml.sidecar.store.JobState;

/**
 * A job as the cluster shares it in {@code zkml.jobs}: the stored snapshot and the Hazelcast node
 * id of the member that holds it (its URL is in that member's own report, see {@link Members}). The value in the map is the JSON of
 * {@link #encode}, a plain string (never a Java-serialized object), so any member and any version
 * reading the same fields can decode it. The input travels only while the job is live: a survivor
 * needs it to prove the job again, nobody needs it afterwards.
 */
public record JobRecord(Job job, String ownerNode) {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int VERSION = 1;

  /** A map value that is not a record of this version: the one-line reason. */
  public static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String m) {
      super(m);
    }
  }

  public String encode() {
    Job j = job;
    ObjectNode o = JSON.createObjectNode().put("v", VERSION).put("id", j.id()).put("model", j.model())
        .put("dedupKey", j.dedupKey()).put("idempotencyKey", j.idempotencyKey()).put("submit", j.submit())
        .put("input", j.state().live() ? j.input() : null).put("state", j.state().name())
        .put("retryable", j.retryable()).put("error", j.error()).put("createdMs", j.createdMs())
        .put("updatedMs", j.updatedMs()).put("startedMs", j.startedMs()).put("finishedMs", j.finishedMs())
        .put("deadlineMs", j.deadlineMs()).put("attempts", j.attempts()).put("ownerNode", ownerNode);
    return o.toString();
  }

  public static JobRecord decode(String s) throws Malformed {
    JsonNode o;
    try {
      o = JSON.readTree(s);
    } catch (IOException e) {
      throw new Malformed("job record is not JSON");
    }
    if (o == null || !o.isObject() || o.path("v").asInt() != VERSION) {
      throw new Malformed("job record of an unknown version: " + (o == null ? "empty" : o.path("v")));
    }
    JobState state;
    try {
      state = JobState.valueOf(text(o, "state", false));
    } catch (IllegalArgumentException e) {
      throw new Malformed("job record with an unknown state " + o.path("state"));
    }
    String input = text(o, "input", true);
    if (state.live() && input == null) {
      throw new Malformed("live job record without its input");
    }
    Job j = new Job(text(o, "id", false), text(o, "model", false), text(o, "dedupKey", false),
        text(o, "idempotencyKey", true), bool(o, "submit"), input, state, bool(o, "retryable"), text(o, "error", true),
        num(o, "createdMs"), num(o, "updatedMs"), num(o, "startedMs"), num(o, "finishedMs"), num(o, "deadlineMs"),
        (int) num(o, "attempts"));
    return new JobRecord(j, text(o, "ownerNode", false));
  }

  private static String text(JsonNode o, String f, boolean nullable) throws Malformed {
    JsonNode v = o.get(f);
    if (v == null || v.isNull()) {
      if (nullable) {
        return null;
      }
      throw new Malformed("job record without " + f);
    }
    if (!v.isTextual()) {
      throw new Malformed("job record field " + f + " is not a string");
    }
    return v.asText();
  }

  private static boolean bool(JsonNode o, String f) throws Malformed {
    JsonNode v = o.get(f);
    if (v == null || !v.isBoolean()) {
      throw new Malformed("job record field " + f + " is not a boolean");
    }
    return v.asBoolean();
  }

  private static long num(JsonNode o, String f) throws Malformed {
    JsonNode v = o.get(f);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
      throw new Malformed("job record field " + f + " is not a non-negative integer");
    }
    return v.asLong();
  }
}
