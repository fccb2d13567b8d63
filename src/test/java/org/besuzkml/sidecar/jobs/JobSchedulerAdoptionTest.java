package org.besuzkml.sidecar.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.besuzkml.sidecar.store.Job;
import org.besuzkml.sidecar.store.JobState;
import org.besuzkml.sidecar.store.SqliteJobStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the cluster asks of the scheduler, on a real store and the real prover: a job under the id
 * the cluster named, an adopted job beyond the queue limit, a proof taken in without a run, and the
 * proof handed to the cluster before it is committed.
 */
class JobSchedulerAdoptionTest {
  @TempDir Path tmp;

  @BeforeAll
  static void load() throws Exception {
    JobSchedulerTest.catalog();
  }

  @Test
  void aNamedJobKeepsItsIdAndAnAdoptedOneIsAdmittedBeyondTheLimit() throws Exception {
    Path db = tmp.resolve("jobs.sqlite");
    try (SqliteJobStore store = SqliteJobStore.open(db, 0);
        JobScheduler s = new JobScheduler(store, JobSchedulerTest.catalog(), new JobScheduler.Config(1, 1, 500),
            System::currentTimeMillis)) {
      var m = JobSchedulerTest.mlp;
      // workers not started: the first job fills the queue
      assertEquals("named-1", s.request(new JobScheduler.Request(m, JobSchedulerTest.input(1, 0, 0), null, false, 0),
          "named-1", false).join().job().id());
      var refused = s.request(new JobScheduler.Request(m, JobSchedulerTest.input(2, 0, 0), null, false, 0),
          "named-2", false);
      assertTrue(assertThrows(Exception.class, refused::join).getCause() instanceof JobScheduler.QueueFull);
      var adopted = s.request(new JobScheduler.Request(m, JobSchedulerTest.input(2, 0, 0), null, false, 0),
          "adopted-3", true).join();
      assertEquals("adopted-3", adopted.job().id());
      assertFalse(adopted.deduplicated());
      assertEquals("adopted-3", store.find("adopted-3").join().orElseThrow().id(), "on disk before the answer");
      assertEquals(2, s.queueDepth());
    }
  }

  @Test
  void aProofTakenInIsStoredWithoutARunAndFoundByDedup() throws Exception {
    Path db = tmp.resolve("jobs.sqlite");
    var m = JobSchedulerTest.mlp;
    var in = JobSchedulerTest.input(0.5, 0.25, 0.125);
    Job proved = new Job("from-elsewhere", m.id(), in.dedupKey(m), null, false, in.toJson(), JobState.PROVED, false,
        null, 1, 3, 2, 3, 0, 1);
    List<JobChange> seen = new CopyOnWriteArrayList<>();
    try (SqliteJobStore store = SqliteJobStore.open(db, 0);
        JobScheduler s = new JobScheduler(store, JobSchedulerTest.catalog(), new JobScheduler.Config(1, 4, 500),
            System::currentTimeMillis)) {
      s.addListener(seen::add);
      s.start(List.of());
      assertEquals(JobState.PROVED, s.adoptProved(proved, "{\"proof\":1}").join().state());
      assertEquals("{\"proof\":1}", store.proof("from-elsewhere").join().orElseThrow());
      assertEquals("{\"proof\":1}", s.proof("from-elsewhere").join().orElseThrow());
      var again = s.request(new JobScheduler.Request(m, in, null, false, 0)).join();
      assertTrue(again.deduplicated());
      assertEquals("from-elsewhere", again.job().id());
      assertEquals(JobState.PROVED, s.adoptProved(proved, "{\"proof\":2}").join().state(), "twice is once");
      assertEquals("{\"proof\":1}", store.proof("from-elsewhere").join().orElseThrow());
    }
    assertEquals(0, JobSchedulerTest.runs(db, "from-elsewhere", null), "no proving run happened here");
    assertEquals(1, seen.stream().filter(c -> c.job().id().equals("from-elsewhere")
        && c.kind() == JobChange.Kind.STATE).count());
  }

  @Test
  void theProofIsHandedOverBeforeItIsCommitted() throws Exception {
    Path db = tmp.resolve("jobs.sqlite");
    List<String> storedAtHook = new CopyOnWriteArrayList<>();
    try (SqliteJobStore store = SqliteJobStore.open(db, 0);
        JobScheduler s = new JobScheduler(store, JobSchedulerTest.catalog(), new JobScheduler.Config(1, 4, 500),
            System::currentTimeMillis)) {
      s.beforeProofStored((j, proof) -> {
        assertTrue(proof.contains(j.model()), "the proof JSON names its model");
        storedAtHook.add(store.proof(j.id()).join().isPresent() ? "stored" : "not yet");
        return CompletableFuture.failedFuture(new IllegalStateException("the cluster is away")); // ignored
      });
      s.start(List.of());
      String id = s.request(new JobScheduler.Request(JobSchedulerTest.mlp, JobSchedulerTest.input(0.1, 0.1, 0.1),
          null, false, 0)).join().job().id();
      assertEquals(JobState.PROVED, JobSchedulerTest.await(s, id).job().state(), "a failing hook stops nothing");
    }
    assertEquals(List.of("not yet"), storedAtHook);
  }
}
