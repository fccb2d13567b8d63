package org.besuzkml.sidecar.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.besuzkml.sidecar.SidecarFixture;
import org.besuzkml.sidecar.models.LoadedModel;
import org.besuzkml.sidecar.models.ModelCatalog;
import org.besuzkml.sidecar.models.QuantizedInput;
import org.besuzkml.sidecar.store.Job;
import org.besuzkml.sidecar.store.JobState;
import org.besuzkml.sidecar.store.SqliteJobStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler on a real store and the real prover: cancellation between phases, timeouts, recovery. */
class JobSchedulerTest {
  static LoadedModel mlp;
  static ModelCatalog catalog;
  @TempDir Path tmp;

  @BeforeAll
  static void load() throws Exception {
    mlp = ModelCatalog.load(SidecarFixture.model(), 60_000);
    catalog = new ModelCatalog();
    catalog.add(mlp);
  }

  static ModelCatalog catalog() throws Exception {
    if (catalog == null) {
      load();
    }
    return catalog;
  }

  static QuantizedInput input(double a, double b, double c) throws Exception {
    return QuantizedInput.decode(new ObjectMapper().readTree("{\"input_data\":[[" + a + "," + b + "," + c + "]]}"),
        mlp);
  }

  static JobScheduler.View await(JobScheduler s, String id) throws InterruptedException {
    for (int i = 0; i < 3000; i++) {
      JobScheduler.View v = s.find(id).join().orElseThrow();
      if (!v.job().state().live()) {
        return v;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("job " + id + " did not finish");
  }

  static int runs(Path db, String id, String outcome) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM runs WHERE job_id = '" + id + "'"
            + (outcome == null ? "" : " AND outcome = '" + outcome + "'"))) {
      return rs.getInt(1);
    }
  }

  @Test
  void cancelStopsARunningProofAtTheNextPhase() throws Exception {
    Path db = tmp.resolve("jobs.sqlite");
    try (SqliteJobStore store = SqliteJobStore.open(db, 0);
        JobScheduler s = new JobScheduler(store, catalog, new JobScheduler.Config(1, 16, 1000),
            System::currentTimeMillis)) {
      List<String> phases = new CopyOnWriteArrayList<>();
      s.addListener(c -> {
        if (c.kind() == JobChange.Kind.PROGRESS) {
          phases.add(c.phase());
          if (c.phase().equals("trace")) {
            assertTrue(s.cancel(c.job().id()).orElseThrow().cancelled());
          }
        }
      });
      s.start(List.of());
      String id = s.request(new JobScheduler.Request(mlp, input(0.5, 0.25, 0.125), null, false, 0)).join().job().id();
      JobScheduler.View v = await(s, id);
      assertEquals(JobState.CANCELLED, v.job().state());
      assertEquals(List.of("trace"), phases, "no phase reported after the cancel");
      assertTrue(v.progress() < 1);
      store.close();
      assertEquals(1, runs(db, id, "CANCELLED"));
    }
  }

  @Test
  void aJobPastItsDeadlineExpires() throws Exception {
    try (SqliteJobStore store = SqliteJobStore.open(tmp.resolve("jobs.sqlite"), 0);
        JobScheduler s = new JobScheduler(store, catalog, new JobScheduler.Config(1, 16, 1000),
            System::currentTimeMillis)) {
      s.start(List.of());
      String id = s.request(new JobScheduler.Request(mlp, input(0.5, 0.5, 0.5), null, false, 1)).join().job().id();
      assertEquals(JobState.EXPIRED, await(s, id).job().state());
      // expired is not a proof: the same request starts a new job
      String again = s.request(new JobScheduler.Request(mlp, input(0.5, 0.5, 0.5), null, false, 0)).join().job().id();
      assertTrue(!again.equals(id));
      assertEquals(JobState.PROVED, await(s, again).job().state());
    }
  }

  @Test
  void queueBeyondItsLimitRefusesWithARetryHint() throws Exception {
    try (SqliteJobStore store = SqliteJobStore.open(tmp.resolve("jobs.sqlite"), 0);
        JobScheduler s = new JobScheduler(store, catalog, new JobScheduler.Config(1, 2, 750),
            System::currentTimeMillis)) {
      // workers not started: nothing leaves the queue
      s.request(new JobScheduler.Request(mlp, input(1, 0, 0), null, false, 0)).join();
      s.request(new JobScheduler.Request(mlp, input(2, 0, 0), null, false, 0)).join();
      var third = s.request(new JobScheduler.Request(mlp, input(3, 0, 0), null, false, 0));
      Throwable t = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, third::join);
      JobScheduler.QueueFull q = (JobScheduler.QueueFull) t.getCause();
      assertEquals(750, q.retryAfterMs());
      // a dedup hit needs no room
      assertTrue(s.request(new JobScheduler.Request(mlp, input(1, 0, 0), null, false, 0)).join().deduplicated());
      assertEquals(2, s.queueDepth());
    }
  }

  @Test
  void restartRunsLiveJobsAgainAndNeverReprovesProvedOnes() throws Exception {
    Path db = tmp.resolve("jobs.sqlite");
    QuantizedInput a = input(0.1, 0.2, 0.3);
    QuantizedInput b = input(0.4, 0.5, 0.6);
    QuantizedInput c = input(0.7, 0.8, 0.9);
    String provedId;
    String interruptedId;
    String queuedId;
    try (SqliteJobStore store = SqliteJobStore.open(db, 0);
        JobScheduler s = new JobScheduler(store, catalog, new JobScheduler.Config(1, 16, 1000),
            System::currentTimeMillis)) {
      s.start(List.of());
      provedId = s.request(new JobScheduler.Request(mlp, a, null, false, 0)).join().job().id();
      await(s, provedId);
      // as if killed: a job caught while proving and one still queued
      long now = System.currentTimeMillis();
      Job p = new Job("interrupted", mlp.id(), b.dedupKey(mlp), null, false, b.toJson(), JobState.ACCEPTED, false,
          null, now, now, 0, 0, now + 60_000, 0).to(JobState.QUEUED, now).proving(now);
      store.insert(p).join();
      store.runStarted(p).join();
      interruptedId = p.id();
      Job q = new Job("queued", mlp.id(), c.dedupKey(mlp), null, false, c.toJson(), JobState.QUEUED, false, null,
          now, now, 0, 0, now + 60_000, 0);
      store.insert(q).join();
      queuedId = q.id();
    }
    try (SqliteJobStore store = SqliteJobStore.open(db, 0);
        JobScheduler s = new JobScheduler(store, catalog, new JobScheduler.Config(1, 16, 1000),
            System::currentTimeMillis)) {
      s.start(store.recovered());
      assertEquals(JobState.PROVED, await(s, interruptedId).job().state());
      assertEquals(2, s.get(interruptedId).orElseThrow().job().attempts());
      assertEquals(JobState.PROVED, await(s, queuedId).job().state());
      var again = s.request(new JobScheduler.Request(mlp, a, null, false, 0)).join();
      assertTrue(again.deduplicated());
      assertEquals(provedId, again.job().id());
      assertTrue(s.proof(provedId).join().orElseThrow().contains("\"proof\":\"0x"));
    }
    assertEquals(1, runs(db, provedId, null), "the proved job was not proved again");
    assertEquals(1, runs(db, interruptedId, "INTERRUPTED"));
    assertEquals(1, runs(db, interruptedId, "PROVED"));
  }

  @Test
  void aJobThatCannotBeProvenFailsWithItsReasonAndDedupForgetsIt() throws Exception {
    Path db = tmp.resolve("jobs.sqlite");
    QuantizedInput b = input(0.4, 0.5, 0.6);
    long now = System.currentTimeMillis();
    try (SqliteJobStore store = SqliteJobStore.open(db, 0)) {
      // a stored input the model cannot take (two values for three): proving fails
      store.insert(new Job("broken", mlp.id(), b.dedupKey(mlp), null, false, "[[1,2]]", JobState.QUEUED, false,
          null, now, now, 0, 0, now + 60_000, 0)).join();
    }
    try (SqliteJobStore store = SqliteJobStore.open(db, 0);
        JobScheduler s = new JobScheduler(store, catalog, new JobScheduler.Config(1, 16, 1000),
            System::currentTimeMillis)) {
      s.start(store.recovered());
      JobScheduler.View v = await(s, "broken");
      assertEquals(JobState.FAILED, v.job().state());
      assertTrue(v.job().error() != null && !v.job().error().contains("\n"), v.job().error());
      var again = s.request(new JobScheduler.Request(mlp, b, null, false, 0)).join();
      assertTrue(!again.deduplicated() && !again.job().id().equals("broken"), "a failed job is retried anew");
      assertEquals(JobState.PROVED, await(s, again.job().id()).job().state());
    }
    assertEquals(1, runs(db, "broken", "FAILED"));
  }

  @Test
  void aModelDirectoryMaySetItsOwnTimeout() throws Exception {
    Path dir = tmp.resolve("mlp");
    java.nio.file.Files.createDirectories(dir);
    for (String f : new String[] {"model.bzkm", "pk.bzkk", "vk.bzkv"}) {
      java.nio.file.Files.copy(SidecarFixture.model().resolve(f), dir.resolve(f));
    }
    java.nio.file.Files.writeString(dir.resolve(ModelCatalog.SETTINGS), "{\"timeoutSeconds\": 7}");
    assertEquals(7000, ModelCatalog.load(dir, 60_000).timeoutMs());
    java.nio.file.Files.writeString(dir.resolve(ModelCatalog.SETTINGS), "{\"timeoutSeconds\": 0}");
    org.junit.jupiter.api.Assertions.assertThrows(org.besuzkml.proof.ModelFiles.FileException.class,
        () -> ModelCatalog.load(dir, 60_000));
    // a request's own timeout is capped by the model's
    JobScheduler.Request r = new JobScheduler.Request(mlp, input(1, 2, 3), null, false, 10_000_000);
    try (SqliteJobStore store = SqliteJobStore.open(tmp.resolve("t.sqlite"), 0);
        JobScheduler s = new JobScheduler(store, catalog, new JobScheduler.Config(1, 16, 1000),
            System::currentTimeMillis)) {
      Job j = s.request(r).join().job();
      assertEquals(mlp.timeoutMs(), j.deadlineMs() - j.createdMs());
    }
  }

  @Test
  void finishedJobsBeyondTheMemoryCapAreFoundInTheStore() throws Exception {
    Path db = tmp.resolve("jobs.sqlite");
    List<String> ids = new java.util.ArrayList<>();
    try (SqliteJobStore store = SqliteJobStore.open(db, 0);
        JobScheduler s = new JobScheduler(store, catalog, new JobScheduler.Config(1, 16, 1000, 2),
            System::currentTimeMillis)) {
      s.start(List.of());
      for (int i = 0; i < 5; i++) {
        String id = s.request(new JobScheduler.Request(mlp, input(i, 1, 1), "key-" + i, false, 0)).join().job().id();
        assertEquals(JobState.PROVED, await(s, id).job().state());
        ids.add(id);
      }
      assertTrue(s.get(ids.get(0)).isEmpty(), "dropped from memory");
      assertEquals(JobState.PROVED, s.find(ids.get(0)).join().orElseThrow().job().state());
      var again = s.request(new JobScheduler.Request(mlp, input(0, 1, 1), null, false, 0)).join();
      assertTrue(again.deduplicated());
      assertEquals(ids.get(0), again.job().id());
      assertEquals(ids.get(1), s.request(new JobScheduler.Request(mlp, input(1, 1, 1), "key-1", false, 0)).join()
          .job().id());
      Throwable t = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
          () -> s.request(new JobScheduler.Request(mlp, input(9, 9, 9), "key-0", false, 0)).join());
      assertTrue(t.getCause() instanceof JobScheduler.Conflict, t.toString());
      assertTrue(s.proof(ids.get(0)).join().orElseThrow().contains("\"proof\""));
    }
    // after a restart that loads only the two most recent finished jobs, the older ones still dedup
    try (SqliteJobStore store = SqliteJobStore.open(db, 0, 2);
        JobScheduler s = new JobScheduler(store, catalog, new JobScheduler.Config(1, 16, 1000, 2),
            System::currentTimeMillis)) {
      assertEquals(2, store.recovered().size());
      assertTrue(store.hasUnrecovered());
      s.start(store.recovered());
      assertEquals(ids.get(0), s.request(new JobScheduler.Request(mlp, input(0, 1, 1), null, false, 0)).join()
          .job().id());
    }
    for (String id : ids) {
      assertEquals(1, runs(db, id, null), "proved once: " + id);
    }
  }

  @Test
  void aStoredJobWaitsForItsModelAndRunsOnceTheModelIsAdded() throws Exception {
    Path db = tmp.resolve("jobs.sqlite");
    QuantizedInput c = input(0.7, 0.1, 0.2);
    long now = System.currentTimeMillis();
    try (SqliteJobStore store = SqliteJobStore.open(db, 0)) {
      store.insert(new Job("waiting", mlp.id(), c.dedupKey(mlp), null, false, c.toJson(), JobState.QUEUED, false,
          null, now, now, 0, 0, now + 60_000, 0)).join();
    }
    ModelCatalog none = new ModelCatalog();
    try (SqliteJobStore store = SqliteJobStore.open(db, 0);
        JobScheduler s = new JobScheduler(store, none, new JobScheduler.Config(1, 16, 1000),
            System::currentTimeMillis)) {
      s.start(store.recovered());
      Thread.sleep(400);
      assertEquals(JobState.QUEUED, s.get("waiting").orElseThrow().job().state(), "parked, not failed");
      assertEquals(0, s.queueDepth(), "a parked job takes no room in the queue");
      none.add(mlp);
      s.modelAdded(mlp.id());
      assertEquals(JobState.PROVED, await(s, "waiting").job().state());
      s.modelAdded(mlp.id()); // twice is harmless
      assertEquals(0, s.queueDepth());
    }
    assertEquals(1, runs(db, "waiting", null));
  }
}
