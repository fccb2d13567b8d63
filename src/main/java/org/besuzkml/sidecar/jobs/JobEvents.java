package org.besuzkml.sidecar.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.besuzkml.sidecar.store.Job;
import org.besuzkml.sidecar.store.JobState;
import org.besuzkml.sidecar.store.Submission;

/**
 * The recent events of each job, for server-sent events with resume. Event ids increase across the
 * whole process and start at the startup time in microseconds, so that ids after a restart are
 * above every id a client saw before it: a client resuming with {@code Last-Event-ID} then gets
 * all the events of the new run. Each job keeps its last {@value #PER_JOB} events; the logs of the
 * least recently touched jobs beyond {@value #JOBS} are dropped (a subscriber then gets a snapshot).
 */
public final class JobEvents implements Consumer<JobChange> {
  static final int PER_JOB = 64;
  static final int JOBS = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One event: its id, SSE event name ({@code state} or {@code progress}) and JSON data. */
  public record Event(long id, String name, String data, boolean live) {}

  private static final class Log {
    final Deque<Event> events = new ArrayDeque<>();
    final List<Consumer<Event>> subscribers = new CopyOnWriteArrayList<>();
  }

  private final AtomicLong ids = new AtomicLong(System.currentTimeMillis() * 1000);
  private final Map<String, Log> logs = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Log> eldest) {
      return size() > JOBS && eldest.getValue().subscribers.isEmpty();
    }
  };

  @Override
  public void accept(JobChange c) {
    if (c.kind() == JobChange.Kind.DEDUP) {
      return;
    }
    Event ev;
    List<Consumer<Event>> subs;
    synchronized (this) {
      ev = new Event(ids.incrementAndGet(), c.kind() == JobChange.Kind.PROGRESS ? "progress" : "state",
          data(c.job(), c.phase(), c.progress(), c.submission()), stillGoing(c.job()));
      Log l = logs.computeIfAbsent(c.job().id(), k -> new Log());
      l.events.addLast(ev);
      if (l.events.size() > PER_JOB) {
        l.events.removeFirst();
      }
      subs = l.subscribers;
    }
    for (Consumer<Event> s : subs) {
      s.accept(ev);
    }
  }

  /** True while more events may follow: a live job, a PROVED one with {@code submit}, a SUBMITTED one. */
  public static boolean stillGoing(Job j) {
    return j.state().live() || j.state() == JobState.SUBMITTED || (j.state() == JobState.PROVED && j.submit());
  }

  static String data(Job j, String phase, double progress) {
    return data(j, phase, progress, null);
  }

  static String data(Job j, String phase, double progress, Submission s) {
    ObjectNode o = JSON.createObjectNode();
    o.put("jobId", j.id()).put("state", j.state().name()).put("progress", progress);
    if (phase != null) {
      o.put("phase", phase);
    }
    if (j.error() != null) {
      o.put("error", j.error()).put("retryable", j.retryable());
    }
    if (s != null) {
      putChain(o, s);
    }
    return o.toString();
  }

  /** The submission's fields as zkml_getJob and the events show them, under {@code chain}. */
  public static void putChain(ObjectNode o, Submission s) {
    ObjectNode c = o.putObject("chain");
    if (s.txHash() != null) {
      c.put("txHash", s.txHash());
    } else {
      c.putNull("txHash");
    }
    if (s.status() != null) {
      c.put("status", s.status()).put("blockNumber", s.blockNumber()).put("gasUsed", s.gasUsed());
    }
    if (s.reason() != null) {
      c.put("reason", s.reason());
    }
    if (s.submittedMs() > 0) {
      c.put("submittedMs", s.submittedMs());
    }
    if (s.endedMs() > 0) {
      c.put("endedMs", s.endedMs());
    }
  }

  /** A subscription: the events to replay, then {@code live} gets the new ones until cancelled. */
  public record Subscription(List<Event> replay, Runnable cancel) {}

  /**
   * Replays the logged events after {@code lastEventId} and subscribes to the next ones; when the
   * job has no logged event, replays one snapshot of {@code current}.
   */
  public Subscription subscribe(Job current, double progress, long lastEventId, Consumer<Event> live) {
    synchronized (this) {
      Log l = logs.computeIfAbsent(current.id(), k -> new Log());
      List<Event> replay = new ArrayList<>();
      if (l.events.isEmpty()) {
        replay.add(new Event(ids.incrementAndGet(), "state", data(current, null, progress), stillGoing(current)));
      } else {
        for (Event e : l.events) {
          if (e.id() > lastEventId) {
            replay.add(e);
          }
        }
      }
      l.subscribers.add(live);
      return new Subscription(replay, () -> l.subscribers.remove(live));
    }
  }
}
