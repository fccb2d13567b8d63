package org.besuzkml.sidecar.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link JobStore} on one SQLite file with {@code journal_mode=WAL} and {@code synchronous=FULL}:
 * each commit fsyncs the WAL, so a completed write survives kill -9 and power loss (as far as the
 * disk honours fsync).
 *
 * <p>All writes go to one writer thread, which takes every write waiting in its queue (after
 * lingering {@code lingerMs} for more), applies them in one transaction and completes all their
 * futures after the commit: under load one fsync carries many jobs (group commit), at rest a write
 * costs one fsync. Reads of stored proofs use a second connection on their own thread (WAL lets it
 * read while the writer writes).
 */
public final class SqliteJobStore implements JobStore {
  private static final int MAX_BATCH = 1024;

  private final Connection writer;
  private final Connection reader;
  private final BlockingQueue<Write> queue = new LinkedBlockingQueue<>();
  private final Thread writerThread;
  private final ExecutorService readerThread;
  private final long lingerMs;
  private final List<Job> recovered;
  private final boolean unrecovered;
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private volatile boolean closed;

  /** A write: SQL work on the writer connection, then its future. */
  private record Write(SqlWork work, CompletableFuture<Void> done) {}

  @FunctionalInterface
  private interface SqlWork {
    void run(Connection c) throws SQLException;
  }

  /** Thrown when the file cannot be opened or is not a job store. */
  public static final class StoreException extends Exception {
    private static final long serialVersionUID = 1L;

    StoreException(String m, Throwable cause) {
      super(m, cause);
    }
  }

  private SqliteJobStore(Connection writer, Connection reader, long lingerMs, List<Job> recovered,
      boolean unrecovered) {
    this.unrecovered = unrecovered;
    this.writer = writer;
    this.reader = reader;
    this.lingerMs = lingerMs;
    this.recovered = recovered;
    this.readerThread = Executors.newSingleThreadExecutor(r -> daemon(r, "zkml-store-read"));
    this.writerThread = daemon(this::writeLoop, "zkml-store-write");
    writerThread.start();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Opens (creating if needed) {@code file}; reads back every live job and up to 10 000 finished ones. */
  public static SqliteJobStore open(Path file, long lingerMs) throws StoreException {
    return open(file, lingerMs, 10_000);
  }

  /** As {@link #open(Path, long)}, reading back at most {@code recentFinished} finished jobs. */
  public static SqliteJobStore open(Path file, long lingerMs, int recentFinished) throws StoreException {
    String url = "jdbc:sqlite:" + file.toAbsolutePath();
    Connection w = null;
    try {
      w = DriverManager.getConnection(url);
      try (Statement s = w.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA busy_timeout=5000");
        for (String ddl : Schema.DDL) {
          s.execute(ddl);
        }
        Schema.migrate(w);
      }
      w.setAutoCommit(false);
      w.commit();
      List<Job> jobs = Schema.readRecent(w, recentFinished);
      boolean more;
      try (Statement s = w.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM jobs WHERE state NOT IN ('ACCEPTED', 'QUEUED', 'PROVING')")) {
        more = rs.getLong(1) > recentFinished;
      }
      w.commit();
      Connection r = DriverManager.getConnection(url);
      try (Statement s = r.createStatement()) {
        s.execute("PRAGMA busy_timeout=5000");
      }
      return new SqliteJobStore(w, r, lingerMs, List.copyOf(jobs), more);
    } catch (SQLException e) {
      closeQuietly(w);
      throw new StoreException("job store " + file + ": " + oneLine(e), e);
    }
  }

  @Override
  public List<Job> recovered() {
    return recovered;
  }

  @Override
  public boolean hasUnrecovered() {
    return unrecovered;
  }

  @Override
  public CompletableFuture<Void> insert(Job job) {
    return submit(c -> Schema.insert(c, job));
  }

  @Override
  public CompletableFuture<Void> update(Job job) {
    return submit(c -> Schema.update(c, job, null));
  }

  @Override
  public CompletableFuture<Void> runStarted(Job job) {
    return submit(c -> Schema.runStarted(c, job));
  }

  @Override
  public CompletableFuture<Void> runEnded(Job job, String outcome) {
    return submit(c -> Schema.runEnded(c, job, outcome));
  }

  @Override
  public CompletableFuture<Void> proved(Job job, String proofJson) {
    if (job.state() != JobState.PROVED) {
      throw new IllegalArgumentException("proved() needs a PROVED snapshot, got " + job.state());
    }
    return submit(c -> {
      Schema.update(c, job, proofJson);
      Schema.runEnded(c, job, JobState.PROVED.name());
    });
  }

  @Override
  public CompletableFuture<Void> insertProved(Job job, String proofJson) {
    if (job.state() != JobState.PROVED) {
      throw new IllegalArgumentException("insertProved() needs a PROVED snapshot, got " + job.state());
    }
    return submit(c -> {
      Schema.insert(c, job);
      Schema.update(c, job, proofJson);
    });
  }

  @Override
  public CompletableFuture<Void> chainStep(Job job, Submission submission) {
    return submit(c -> {
      Schema.update(c, job, null);
      Schema.putSubmission(c, submission);
    });
  }

  @Override
  public CompletableFuture<Optional<Submission>> submission(String jobId) {
    return read(c -> Schema.submission(c, jobId));
  }

  @Override
  public CompletableFuture<List<Job>> awaitingSubmission() {
    return read(Schema::awaitingSubmission);
  }

  @Override
  public CompletableFuture<Optional<String>> proof(String jobId) {
    return read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT proof FROM jobs WHERE id = ?")) {
        ps.setString(1, jobId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public CompletableFuture<Optional<Job>> find(String jobId) {
    return read(c -> Schema.byId(c, jobId));
  }

  @Override
  public CompletableFuture<Optional<Job>> findExisting(String dedupKey, String idempotencyKey) {
    return read(c -> {
      Optional<Job> byKey = idempotencyKey == null ? Optional.empty() : Schema.byIdempotencyKey(c, idempotencyKey);
      return byKey.isPresent() ? byKey : Schema.provedByDedupKey(c, dedupKey);
    });
  }

  @FunctionalInterface
  private interface SqlRead<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs a query on the reader connection, off the caller's thread. */
  private <T> CompletableFuture<T> read(SqlRead<T> q) {
    CompletableFuture<T> f = new CompletableFuture<>();
    try {
      readerThread.execute(() -> {
        try {
          f.complete(q.run(reader));
        } catch (SQLException | RuntimeException e) {
          f.completeExceptionally(e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      f.completeExceptionally(new IllegalStateException("job store is closed"));
    }
    return f;
  }

  @Override
  public long commits() {
    return commits.get();
  }

  @Override
  public long writes() {
    return writes.get();
  }

  private CompletableFuture<Void> submit(SqlWork work) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    if (closed) {
      f.completeExceptionally(new IllegalStateException("job store is closed"));
      return f;
    }
    queue.add(new Write(work, f));
    return f;
  }

  private void writeLoop() {
    List<Write> batch = new ArrayList<>();
    while (true) {
      try {
        Write first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closed) {
            return;
          }
          continue;
        }
        batch.add(first);
        if (lingerMs > 0) {
          Thread.sleep(lingerMs); // let concurrent writers join this commit
        }
        queue.drainTo(batch, MAX_BATCH - 1);
        commit(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private void commit(List<Write> batch) {
    try {
      for (Write w : batch) {
        w.work.run(writer);
      }
      writer.commit();
      commits.incrementAndGet();
      writes.addAndGet(batch.size());
      batch.forEach(w -> w.done.complete(null));
    } catch (SQLException | RuntimeException e) {
      rollback();
      if (batch.size() == 1) {
        batch.get(0).done.completeExceptionally(new IllegalStateException("job store write failed: " + oneLine(e), e));
        return;
      }
      // one bad write must not fail the others: each again, in its own transaction
      for (Write w : batch) {
        commit(List.of(w));
      }
    }
  }

  private void rollback() {
    try {
      writer.rollback();
    } catch (SQLException ignored) {
      // the connection is unusable: the writes fail on their own
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      writerThread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    readerThread.shutdown();
    try {
      readerThread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeQuietly(writer);
    closeQuietly(reader);
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing after a failure: nothing more to do
      }
    }
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.lines().findFirst().orElse("");
  }
}
