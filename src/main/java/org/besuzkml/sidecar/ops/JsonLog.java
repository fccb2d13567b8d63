package org.besuzkml.sidecar.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.function.Consumer;
import org.besuzkml.sidecar.jobs.JobChange;

/**
 * Structured logs: one JSON object per line ({@code ts}, {@code level}, {@code event}, then fields
 * such as {@code job}, {@code model}, {@code state}). Inputs and proofs are never logged: the log
 * may travel further than the sidecar's own trust boundary.
 */
public final class JsonLog implements Consumer<JobChange> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final PrintStream out;

  public JsonLog(PrintStream out) {
    this.out = out;
  }

  /** Logs {@code event} with name/value pairs. */
  public void info(String event, Object... kv) {
    write("INFO", event, kv);
  }

  public void warn(String event, Object... kv) {
    write("WARN", event, kv);
  }

  private void write(String level, String event, Object... kv) {
    ObjectNode o = JSON.createObjectNode();
    o.put("ts", Instant.now().toString()).put("level", level).put("event", event);
    for (int i = 0; i + 1 < kv.length; i += 2) {
      Object v = kv[i + 1];
      String k = String.valueOf(kv[i]);
      if (v instanceof Number n) {
        o.put(k, n.doubleValue() == n.longValue() ? JSON.getNodeFactory().numberNode(n.longValue())
            : JSON.getNodeFactory().numberNode(n.doubleValue()));
      } else if (v instanceof Boolean b) {
        o.put(k, b);
      } else if (v != null) {
        o.put(k, v.toString());
      }
    }
    String line = o.toString();
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  @Override
  public void accept(JobChange c) {
    if (c.kind() != JobChange.Kind.STATE) {
      return;
    }
    var j = c.job();
    if (j.error() != null) {
      warn("job." + j.state().name().toLowerCase(java.util.Locale.ROOT), "job", j.id(), "model", j.model(),
          "attempt", j.attempts(), "error", j.error(), "retryable", j.retryable());
    } else {
      info("job." + j.state().name().toLowerCase(java.util.Locale.ROOT), "job", j.id(), "model", j.model(),
          "attempt", j.attempts(), "proving_ms", c.provingNanos() / 1e6);
    }
  }
}
