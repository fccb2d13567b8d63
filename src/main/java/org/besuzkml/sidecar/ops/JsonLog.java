package org.besuzkml.sidecar.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.besuzkml.sidecar.jobs.JobChange;

/**
 * Structured logs: one JSON object per line ({@code ts}, {@code level}, {@code event}, then fields
 * such as {@code job}, {@code model}, {@code state}). Inputs and proofs are never logged: the log
 * may travel further than the sidecar's own trust boundary.
 */
public final class JsonLog implements Consumer<JobChange> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BACKLOG = 10_000;
  private final PrintStream out;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>(BACKLOG);
  private final AtomicLong dropped = new AtomicLong();

  /** Lines are printed by a daemon thread: a slow or full stdout never stalls the caller. */
  public JsonLog(PrintStream out) {
    this.out = out;
    Thread t = new Thread(this::drain, "zkml-log");
    t.setDaemon(true);
    t.start();
  }

  private void drain() {
    try {
      while (true) {
        String line = lines.take();
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
          out.println("{\"level\":\"WARN\",\"event\":\"log.dropped\",\"lines\":" + lost + "}");
        }
        out.println(line);
        if (lines.isEmpty()) {
          out.flush();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits (briefly) until the lines logged so far are printed. */
  public void flush() {
    for (int i = 0; i < 200 && !lines.isEmpty(); i++) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    out.flush();
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
    if (!lines.offer(o.toString())) {
      dropped.incrementAndGet();
    }
  }

  @Override
  public void accept(JobChange c) {
    if (c.kind() != JobChange.Kind.STATE) {
      return;
    }
    var j = c.job();
    String tx = c.submission() == null ? null : c.submission().txHash();
    if (c.submission() != null) { // a chain step: the transaction, not the proving attempt
      String ev = "job." + j.state().name().toLowerCase(java.util.Locale.ROOT);
      if (j.error() != null) {
        warn(ev, "job", j.id(), "model", j.model(), "tx", tx, "error", j.error(), "retryable", j.retryable());
      } else {
        info(ev, "job", j.id(), "model", j.model(), "tx", tx);
      }
      return;
    }
    if (j.error() != null) {
      warn("job." + j.state().name().toLowerCase(java.util.Locale.ROOT), "job", j.id(), "model", j.model(),
          "attempt", j.attempts(), "error", j.error(), "retryable", j.retryable());
    } else {
      info("job." + j.state().name().toLowerCase(java.util.Locale.ROOT), "job", j.id(), "model", j.model(),
          "attempt", j.attempts(), "proving_ms", c.provingNanos() / 1e6);
    }
  }
}
