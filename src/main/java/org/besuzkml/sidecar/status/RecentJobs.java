package org.besuzkml.sidecar.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.besuzkml.sidecar.jobs.JobChange;
import org.besuzkml.sidecar.store.JobState;

/**
 * The last {@code capacity} jobs this process accepted or was asked for again (a dedup hit on a
 * job it no longer shows), updated from the scheduler's changes. It is
 * the status page's view of activity only: it starts empty at each start (the store, not this,
 * is the record), and listeners run on prover and store threads, hence the lock.
 */
public final class RecentJobs implements Consumer<JobChange> {
  /** One job as the page shows it. */
  public record Row(String jobId, String model, JobState state, double progress, String phase, long createdMs,
      long startedMs, long finishedMs) {}

  private final int capacity;
  private final Map<String, Row> rows;

  public RecentJobs(int capacity) {
    this.capacity = capacity;
    // insertion order = first seen; the eldest leaves once the map is over capacity
    this.rows = new LinkedHashMap<>(capacity * 2, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Row> eldest) {
        return size() > RecentJobs.this.capacity;
      }
    };
  }

  @Override
  public void accept(JobChange c) {
    var j = c.job();
    synchronized (rows) {
      Row old = rows.get(j.id());
      if (c.kind() == JobChange.Kind.DEDUP && old != null) {
        return; // a request joined a job already shown: nothing changes
      }
      // a PROGRESS change carries the phase; a later STATE change keeps the last one seen
      String phase = c.phase() != null ? c.phase() : old == null ? null : old.phase();
      double progress = j.state() == JobState.PROVED ? 1.0 : c.progress();
      rows.put(j.id(), new Row(j.id(), j.model(), j.state(), progress, phase, j.createdMs(), j.startedMs(),
          j.finishedMs()));
    }
  }

  /** Newest first. */
  public List<Row> snapshot() {
    List<Row> out;
    synchronized (rows) {
      out = new ArrayList<>(rows.values());
    }
    java.util.Collections.reverse(out);
    return out;
  }
}
