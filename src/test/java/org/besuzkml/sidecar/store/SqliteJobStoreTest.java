package org.besuzkml.sidecar.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite job store on a real file: durability settings, round trips, group commit, ordering. */
class SqliteJobStoreTest {
  @TempDir Path tmp;

  static Job job(String id, String key) {
    return new Job(id, "0xmodel", key, null, false, "[[1,2,3]]", JobState.ACCEPTED, false, null, 1000, 1000, 0, 0,
        60_000, 0);
  }

  @Test
  void walAndFullSynchronousAreOn() throws Exception {
    Path f = tmp.resolve("jobs.sqlite");
    try (SqliteJobStore s = SqliteJobStore.open(f, 0)) {
      s.insert(job("a", "k")).join();
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f);
        ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
      assertEquals("wal", rs.getString(1));
    }
    assertTrue(Files.exists(f));
  }

  @Test
  void jobsAndProofsSurviveReopening() throws Exception {
    Path f = tmp.resolve("jobs.sqlite");
    Job a = job("a", "ka");
    Job b = job("b", "kb");
    try (SqliteJobStore s = SqliteJobStore.open(f, 0)) {
      s.insert(a).join();
      s.insert(b).join();
      Job q = a.to(JobState.QUEUED, 1001);
      s.update(q).join();
      Job p = q.proving(1002);
      s.update(p).join();
      s.runStarted(p).join();
      s.proved(p.to(JobState.PROVED, 1003), "{\"proof\":\"0x01\"}").join();
      s.update(b.to(JobState.QUEUED, 1004)).join();
    }
    try (SqliteJobStore s = SqliteJobStore.open(f, 0)) {
      List<Job> r = s.recovered();
      assertEquals(2, r.size());
      Job ra = r.stream().filter(j -> j.id().equals("a")).findFirst().orElseThrow();
      assertEquals(JobState.PROVED, ra.state());
      assertEquals(1, ra.attempts());
      assertEquals(1003, ra.finishedMs());
      assertNull(ra.input(), "a proved job's input is not loaded again");
      Job rb = r.stream().filter(j -> j.id().equals("b")).findFirst().orElseThrow();
      assertEquals(JobState.QUEUED, rb.state());
      assertEquals("[[1,2,3]]", rb.input());
      assertEquals("{\"proof\":\"0x01\"}", s.proof("a").join().orElseThrow());
      assertTrue(s.proof("b").join().isEmpty());
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f);
        ResultSet rs = c.createStatement().executeQuery("SELECT outcome FROM runs WHERE job_id = 'a'")) {
      assertEquals("PROVED", rs.getString(1));
    }
  }

  @Test
  void concurrentWritesShareCommits() throws Exception {
    Path f = tmp.resolve("jobs.sqlite");
    try (SqliteJobStore s = SqliteJobStore.open(f, 2)) {
      List<CompletableFuture<Void>> fs = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        fs.add(s.insert(job("j" + i, "k" + i)));
      }
      CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).join();
      assertEquals(300, s.writes());
      assertTrue(s.commits() < 30, "group commit: " + s.commits() + " commits for 300 writes");
    }
    try (SqliteJobStore s = SqliteJobStore.open(f, 0)) {
      assertEquals(300, s.recovered().size());
    }
  }

  @Test
  void aFailedWriteFailsAloneAndTheStoreGoesOn() throws Exception {
    Path f = tmp.resolve("jobs.sqlite");
    try (SqliteJobStore s = SqliteJobStore.open(f, 5)) {
      s.insert(job("a", "k")).join();
      // in one group commit (5 ms linger): good writes around a refused one
      CompletableFuture<Void> before = s.insert(job("b", "k2"));
      CompletableFuture<Void> bad = s.update(job("ghost", "g").to(JobState.QUEUED, 5));
      CompletableFuture<Void> after = s.insert(job("c", "k3"));
      assertThrows(Exception.class, bad::join);
      before.join();
      after.join();
      s.insert(job("d", "k4")).join();
    }
    try (SqliteJobStore s = SqliteJobStore.open(f, 0)) {
      assertEquals(4, s.recovered().size());
    }
  }

  @Test
  void aFileFromBeforeSignedTransactionsWereKeptOpensAndGainsTheirColumns() throws Exception {
    Path f = tmp.resolve("jobs.sqlite");
    Job old = new Job("o", "0xmodel", "ko", null, true, "[[1]]", JobState.ACCEPTED, false, null, 1000, 1000, 0, 0,
        0, 0).to(JobState.QUEUED, 1001).proving(1002).to(JobState.PROVED, 1003).to(JobState.SUBMITTED, 1004);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f)) {
      // the tables as the first release made them (submissions without raw_tx and nonce)
      for (String ddl : Schema.DDL) {
        c.createStatement().execute(ddl.replace("CREATE TABLE IF NOT EXISTS submissions", "CREATE TABLE submissions"));
      }
      Schema.insert(c, old);
      c.createStatement().execute("INSERT INTO submissions (job_id, tx_hash, block_number, gas_used, status, reason,"
          + " submitted_ms, ended_ms) VALUES ('o', '0xold', -1, -1, NULL, NULL, 1004, 0)");
    }
    assertEquals(List.of("job_id", "tx_hash", "block_number", "gas_used", "status", "reason", "submitted_ms",
        "ended_ms"), columns(f), "the old shape");
    Job fresh = new Job("n", "0xmodel", "kn", null, true, "[[2]]", JobState.ACCEPTED, false, null, 1000, 1000, 0, 0,
        0, 0).to(JobState.QUEUED, 1001).proving(1002).to(JobState.PROVED, 1003);
    Submission signed = Submission.signed("n", "0xnew", 41, "0x02f8", 1005);
    try (SqliteJobStore s = SqliteJobStore.open(f, 0)) {
      assertEquals(new Submission("o", "0xold", -1, -1, null, null, 1004, 0), s.submission("o").join().orElseThrow(),
          "an old row reads back with no signed transaction (it is awaited by its hash)");
      assertNull(s.submission("o").join().orElseThrow().rawTx());
      assertEquals(-1, s.submission("o").join().orElseThrow().nonce());
      s.insert(fresh).join();
      s.chainStep(fresh.to(JobState.SUBMITTED, 1005), signed).join();
    }
    try (SqliteJobStore s = SqliteJobStore.open(f, 0)) { // opening again: the columns are there once
      assertEquals(signed, s.submission("n").join().orElseThrow());
      assertEquals("0x02f8", s.submission("n").join().orElseThrow().rawTx());
      assertEquals(41, s.submission("n").join().orElseThrow().nonce());
      assertEquals(List.of("n:SUBMITTED", "o:SUBMITTED"),
          s.awaitingSubmission().join().stream().map(j -> j.id() + ":" + j.state()).toList());
    }
    assertEquals(List.of("job_id", "tx_hash", "block_number", "gas_used", "status", "reason", "submitted_ms",
        "ended_ms", "raw_tx", "nonce"), columns(f));
  }

  static List<String> columns(Path f) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f);
        ResultSet rs = c.createStatement().executeQuery("SELECT name FROM pragma_table_info('submissions')")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void aSubmissionIsStoredWithItsStateAndFoundAgainAfterReopening() throws Exception {
    Path f = tmp.resolve("jobs.sqlite");
    Job sent = new Job("s", "0xmodel", "ks", null, true, "[[1]]", JobState.ACCEPTED, false, null, 1000, 1000, 0, 0,
        0, 0).to(JobState.QUEUED, 1001).proving(1002).to(JobState.PROVED, 1003);
    Job waiting = new Job("w", "0xmodel", "kw", null, true, "[[2]]", JobState.ACCEPTED, false, null, 1000, 1000, 0,
        0, 0, 0).to(JobState.QUEUED, 1001).proving(1002).to(JobState.PROVED, 1003);
    Job plain = job("p", "kp").to(JobState.QUEUED, 1001).proving(1002).to(JobState.PROVED, 1003);
    Submission tx = Submission.sent("s", "0xabc", 1004);
    try (SqliteJobStore s = SqliteJobStore.open(f, 0)) {
      for (Job j : List.of(sent, waiting, plain)) {
        s.insert(j).join();
      }
      s.chainStep(sent.to(JobState.SUBMITTED, 1004), tx).join();
    }
    try (SqliteJobStore s = SqliteJobStore.open(f, 0)) {
      List<String> resumed = s.awaitingSubmission().join().stream().map(j -> j.id() + ":" + j.state()).toList();
      assertEquals(List.of("s:SUBMITTED", "w:PROVED"), resumed, "the plain job did not ask to be submitted");
      assertEquals(tx, s.submission("s").join().orElseThrow());
      assertTrue(s.submission("w").join().isEmpty());
      Job s1 = s.awaitingSubmission().join().get(0);
      assertEquals(1003, s1.finishedMs(), "the proof's finish time is kept");
      Submission done = tx.receipt(7, 50_000, true, null, 1005);
      s.chainStep(s1.to(JobState.CONFIRMED, 1005), done).join();
      assertEquals(done, s.submission("s").join().orElseThrow());
      assertEquals(List.of("w"), s.awaitingSubmission().join().stream().map(Job::id).toList());
    }
  }

  @Test
  void stateMachineRefusesSkippedStates() {
    Job a = job("a", "k");
    assertThrows(IllegalStateException.class, () -> a.to(JobState.PROVED, 1));
    assertThrows(IllegalStateException.class, () -> a.to(JobState.QUEUED, 1).to(JobState.PROVED, 2));
    Job done = a.to(JobState.QUEUED, 1).proving(2).to(JobState.PROVED, 3);
    assertThrows(IllegalStateException.class, () -> done.to(JobState.QUEUED, 4), "a proved job never runs again");
    assertEquals(JobState.SUBMITTED, done.to(JobState.SUBMITTED, 4).state());
    assertEquals(JobState.FAILED, done.ended(JobState.FAILED, false, "refused", 4).state(), "nothing sent");
    Job confirmed = done.to(JobState.SUBMITTED, 4).to(JobState.CONFIRMED, 5);
    assertThrows(IllegalStateException.class, () -> confirmed.to(JobState.SUBMITTED, 6), "confirmed is final");
    assertThrows(IllegalStateException.class, () -> done.to(JobState.CONFIRMED, 4), "confirmed only after sent");
  }
}
