package org.besuzkml.sidecar.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.besuzkml.sidecar.store.Job;
import org.besuzkml.sidecar.store.JobState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shared job record: a live job keeps its input for whoever adopts it, a finished one drops it. */
class JobRecordTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Job LIVE = new Job("id-1", "0xabc", "0xkey", "idem-7", false, "[[1,2,3]]", JobState.PROVING, false,
      null, 10, 20, 15, 0, 600_010, 2);

  @Test
  void aLiveJobRoundTripsWithItsInputAndOwner() throws Exception {
    JobRecord r = JobRecord.decode(new JobRecord(LIVE, "node-a").encode());
    assertEquals(LIVE, r.job());
    assertEquals("node-a", r.ownerNode());
  }

  @Test
  void aFinishedJobTravelsWithoutItsInput() throws Exception {
    Job failed = LIVE.ended(JobState.FAILED, true, "proving failed: x", 30);
    JobRecord r = JobRecord.decode(new JobRecord(failed, "node-b").encode());
    assertNull(r.job().input());
    assertEquals(JobState.FAILED, r.job().state());
    assertEquals("proving failed: x", r.job().error());
    assertTrue(r.job().retryable());
    assertEquals(30, r.job().finishedMs());
    Job noIdem = new Job("id-2", "0xabc", "0xkey", null, true, "[[0]]", JobState.QUEUED, false, null, 1, 1, 0, 0, 0,
        0);
    assertEquals(noIdem, JobRecord.decode(new JobRecord(noIdem, "n").encode()).job());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "v         | 2          | unknown version",
      "state     | '\"DONE\"'   | unknown state",
      "input     | null       | without its input",
      "createdMs | -1         | createdMs",
      "attempts  | 1.5        | attempts",
      "submit    | '\"yes\"'    | submit",
      "ownerNode | null       | ownerNode",
      "id        | 7          | id is not a string"})
  void aTamperedFieldIsRefusedInOneLine(String field, String json, String says) throws Exception {
    ObjectNode o = (ObjectNode) JSON.readTree(new JobRecord(LIVE, "node-a").encode());
    o.set(field, JSON.readTree(json));
    JobRecord.Malformed e = assertThrows(JobRecord.Malformed.class, () -> JobRecord.decode(o.toString()));
    assertTrue(e.getMessage().contains(says), e.getMessage());
  }

  @Test
  void notJsonOrNotAnObjectIsRefused() {
    assertThrows(JobRecord.Malformed.class, () -> JobRecord.decode("{\"v\":1"));
    assertThrows(JobRecord.Malformed.class, () -> JobRecord.decode("[1]"));
    assertThrows(JobRecord.Malformed.class, () -> JobRecord.decode(""));
  }
}
