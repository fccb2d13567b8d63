package org.besuzkml.sidecar.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The job store's tables and statements. {@code jobs} holds one row per job, the proof in the same
 * row; {@code runs} one row per proving attempt (started, ended, outcome), so that "proved twice"
 * can be counted from the file alone.
 */
final class Schema {
  private Schema() {}

  static final List<String> DDL = List.of(
      "CREATE TABLE IF NOT EXISTS jobs ("
          + " id TEXT PRIMARY KEY, model TEXT NOT NULL, dedup_key TEXT NOT NULL, idempotency_key TEXT,"
          + " submit INTEGER NOT NULL, input TEXT NOT NULL, state TEXT NOT NULL, retryable INTEGER NOT NULL,"
          + " error TEXT, created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL, started_ms INTEGER NOT NULL,"
          + " finished_ms INTEGER NOT NULL, deadline_ms INTEGER NOT NULL, attempts INTEGER NOT NULL, proof TEXT)",
      "CREATE INDEX IF NOT EXISTS jobs_dedup ON jobs(dedup_key)",
      // startup reads the live jobs and the most recent finished ones without scanning the history
      "CREATE INDEX IF NOT EXISTS jobs_state_created ON jobs(state, created_ms)",
      "CREATE INDEX IF NOT EXISTS jobs_created ON jobs(created_ms)",
      "CREATE UNIQUE INDEX IF NOT EXISTS jobs_idempotency ON jobs(idempotency_key)"
          + " WHERE idempotency_key IS NOT NULL",
      "CREATE TABLE IF NOT EXISTS runs ("
          + " job_id TEXT NOT NULL, attempt INTEGER NOT NULL, started_ms INTEGER NOT NULL, ended_ms INTEGER,"
          + " outcome TEXT, PRIMARY KEY (job_id, attempt))",
      // chain submission: written with the job's SUBMITTED / CONFIRMED / FAILED state in one commit
      "CREATE TABLE IF NOT EXISTS submissions ("
          + " job_id TEXT PRIMARY KEY, tx_hash TEXT, block_number INTEGER NOT NULL, gas_used INTEGER NOT NULL,"
          + " status INTEGER, reason TEXT, submitted_ms INTEGER NOT NULL, ended_ms INTEGER NOT NULL)");

  /**
   * Columns added after the first release, each with its type; {@link #migrate} adds the ones an
   * existing file lacks, so an old {@code jobs.sqlite} opens unchanged. {@code submissions.raw_tx}
   * and {@code nonce}: the signed transaction, stored before it is broadcast.
   */
  static final List<String[]> ADDED_COLUMNS = List.of(
      new String[] {"submissions", "raw_tx", "TEXT"},
      new String[] {"submissions", "nonce", "INTEGER NOT NULL DEFAULT -1"});

  /** Adds the {@link #ADDED_COLUMNS} a table lacks (after the DDL, in the same transaction). */
  static void migrate(Connection c) throws SQLException {
    for (String[] col : ADDED_COLUMNS) {
      boolean has = false;
      try (PreparedStatement ps = c.prepareStatement("SELECT name FROM pragma_table_info(?)")) {
        ps.setString(1, col[0]);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            has |= rs.getString(1).equals(col[1]);
          }
        }
      }
      if (!has) {
        try (java.sql.Statement st = c.createStatement()) {
          st.execute("ALTER TABLE " + col[0] + " ADD COLUMN " + col[1] + " " + col[2]);
        }
      }
    }
  }

  static void insert(Connection c, Job j) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO jobs (id, model, dedup_key, idempotency_key,"
        + " submit, input, state, retryable, error, created_ms, updated_ms, started_ms, finished_ms, deadline_ms,"
        + " attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, j.id());
      ps.setString(2, j.model());
      ps.setString(3, j.dedupKey());
      setNullable(ps, 4, j.idempotencyKey());
      ps.setInt(5, j.submit() ? 1 : 0);
      ps.setString(6, j.input());
      ps.setString(7, j.state().name());
      ps.setInt(8, j.retryable() ? 1 : 0);
      setNullable(ps, 9, j.error());
      ps.setLong(10, j.createdMs());
      ps.setLong(11, j.updatedMs());
      ps.setLong(12, j.startedMs());
      ps.setLong(13, j.finishedMs());
      ps.setLong(14, j.deadlineMs());
      ps.setInt(15, j.attempts());
      ps.executeUpdate();
    }
  }

  /** Updates the mutable columns; with a proof, stores it too. */
  static void update(Connection c, Job j, String proof) throws SQLException {
    String sql = "UPDATE jobs SET state = ?, retryable = ?, error = ?, updated_ms = ?, started_ms = ?,"
        + " finished_ms = ?, attempts = ?" + (proof != null ? ", proof = ?" : "") + " WHERE id = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, j.state().name());
      ps.setInt(2, j.retryable() ? 1 : 0);
      setNullable(ps, 3, j.error());
      ps.setLong(4, j.updatedMs());
      ps.setLong(5, j.startedMs());
      ps.setLong(6, j.finishedMs());
      ps.setInt(7, j.attempts());
      int k = 8;
      if (proof != null) {
        ps.setString(k++, proof);
      }
      ps.setString(k, j.id());
      if (ps.executeUpdate() != 1) {
        throw new SQLException("job " + j.id() + " is not in the store");
      }
    }
  }

  static void runStarted(Connection c, Job j) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT OR REPLACE INTO runs (job_id, attempt, started_ms) VALUES (?, ?, ?)")) {
      ps.setString(1, j.id());
      ps.setInt(2, j.attempts());
      ps.setLong(3, j.startedMs());
      ps.executeUpdate();
    }
  }

  static void runEnded(Connection c, Job j, String outcome) throws SQLException {
    // an attempt whose start record was lost with the batch of a crash still gets its row
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs (job_id, attempt, started_ms, ended_ms,"
        + " outcome) VALUES (?, ?, ?, ?, ?) ON CONFLICT (job_id, attempt) DO UPDATE SET ended_ms = excluded.ended_ms,"
        + " outcome = excluded.outcome")) {
      ps.setString(1, j.id());
      ps.setInt(2, j.attempts());
      ps.setLong(3, j.startedMs());
      ps.setLong(4, j.updatedMs());
      ps.setString(5, outcome);
      ps.executeUpdate();
    }
  }

  private static final String COLUMNS = "SELECT id, model, dedup_key, idempotency_key, submit, state, retryable,"
      + " error, created_ms, updated_ms, started_ms, finished_ms, deadline_ms, attempts,"
      + " CASE WHEN state IN ('ACCEPTED', 'QUEUED', 'PROVING') THEN input END FROM jobs";

  /**
   * Every live job, then the {@code finished} most recent other ones, each part oldest first; the
   * input only for live jobs (the others never run again).
   */
  static List<Job> readRecent(Connection c, int finished) throws SQLException {
    List<Job> out;
    try (PreparedStatement ps = c.prepareStatement(COLUMNS
        + " WHERE state IN ('ACCEPTED', 'QUEUED', 'PROVING') ORDER BY created_ms, id")) {
      out = read(ps);
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM (" + COLUMNS
        + " WHERE state NOT IN ('ACCEPTED', 'QUEUED', 'PROVING') ORDER BY created_ms DESC, id DESC LIMIT ?)"
        + " ORDER BY created_ms, id")) {
      ps.setInt(1, finished);
      out.addAll(read(ps));
    }
    return out;
  }

  static Optional<Job> byId(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(COLUMNS + " WHERE id = ?")) {
      ps.setString(1, id);
      return read(ps).stream().findFirst();
    }
  }

  static Optional<Job> byIdempotencyKey(Connection c, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(COLUMNS + " WHERE idempotency_key = ?")) {
      ps.setString(1, key);
      return read(ps).stream().findFirst();
    }
  }

  static Optional<Job> provedByDedupKey(Connection c, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(COLUMNS
        + " WHERE dedup_key = ? AND state IN ('PROVED', 'SUBMITTED', 'CONFIRMED') ORDER BY created_ms DESC LIMIT 1")) {
      ps.setString(1, key);
      return read(ps).stream().findFirst();
    }
  }

  static void putSubmission(Connection c, Submission s) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO submissions (job_id, tx_hash, block_number,"
        + " gas_used, status, reason, submitted_ms, ended_ms, raw_tx, nonce) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, s.jobId());
      setNullable(ps, 2, s.txHash());
      ps.setLong(3, s.blockNumber());
      ps.setLong(4, s.gasUsed());
      if (s.status() == null) {
        ps.setNull(5, Types.INTEGER);
      } else {
        ps.setInt(5, s.status());
      }
      setNullable(ps, 6, s.reason());
      ps.setLong(7, s.submittedMs());
      ps.setLong(8, s.endedMs());
      setNullable(ps, 9, s.rawTx());
      ps.setLong(10, s.nonce());
      ps.executeUpdate();
    }
  }

  static Optional<Submission> submission(Connection c, String jobId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT job_id, tx_hash, block_number, gas_used, status, reason,"
        + " submitted_ms, ended_ms, raw_tx, nonce FROM submissions WHERE job_id = ?")) {
      ps.setString(1, jobId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        int status = rs.getInt(5);
        Integer st = rs.wasNull() ? null : status;
        return Optional.of(new Submission(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), st,
            rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getString(9), rs.getLong(10)));
      }
    }
  }

  /** Jobs with {@code submit} whose submission has not ended: PROVED (not yet sent) or SUBMITTED. */
  static List<Job> awaitingSubmission(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(COLUMNS
        + " WHERE submit = 1 AND state IN ('PROVED', 'SUBMITTED') ORDER BY created_ms, id")) {
      return read(ps);
    }
  }

  private static List<Job> read(PreparedStatement ps) throws SQLException {
    List<Job> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Job(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5) != 0,
            rs.getString(15), JobState.valueOf(rs.getString(6)), rs.getInt(7) != 0, rs.getString(8), rs.getLong(9),
            rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getInt(14)));
      }
    }
    return out;
  }

  private static void setNullable(PreparedStatement ps, int i, String v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.VARCHAR);
    } else {
      ps.setString(i, v);
    }
  }
}
