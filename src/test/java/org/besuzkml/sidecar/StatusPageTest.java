package org.besuzkml.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.besuzkml.sidecar.SidecarFixture.Client;
import org.besuzkml.sidecar.jobs.JobChange;
import org.besuzkml.sidecar.status.RecentJobs;
import org.besuzkml.sidecar.store.Job;
import org.besuzkml.sidecar.store.JobState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page's server side on an in-process sidecar over real HTTP: the page and its assets
 * with their headers, zkml_status (ids for the operator only), and the proof download route. The
 * page in a browser is StatusPageIT.
 */
class StatusPageTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String TOKEN = "a-status-page-operator-token";

  @TempDir Path tmp;

  @Test
  void servesThePageStatusAndProofDownloadsToRequestersWithoutJobIds() throws Exception {
    Path token = tmp.resolve("admin.token");
    Files.writeString(token, TOKEN + "\n");
    try (Sidecar s = SidecarFixture.start(SidecarFixture.options(tmp.resolve("data")).withAdminToken(token))) {
      Client anyone = new Client(s.port());
      Client op = new Client(s.port());
      op.bearer = TOKEN;

      HttpResponse<String> index = anyone.get("/");
      assertEquals(200, index.statusCode());
      assertTrue(index.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
      assertTrue(index.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
      assertTrue(index.body().contains("<script src=\"/status/status.js\""), index.body());
      for (String asset : List.of("/status/status.js", "/status/status.css")) {
        HttpResponse<String> a = anyone.get(asset);
        assertEquals(200, a.statusCode(), asset);
        assertTrue(a.body().length() > 500, asset);
      }

      String jobId = anyone.call("zkml_requestProof", SidecarFixture.request(0.25, -0.5, 0.75))
          .get("result").get("jobId").asText();
      JsonNode job = anyone.awaitDone(jobId, 60_000);
      assertEquals("PROVED", job.get("state").asText(), job.toString());

      JsonNode status = anyone.call("zkml_status", "[]").get("result");
      assertEquals(s.scheduler().workers(), status.get("queue").get("workers").asInt());
      JsonNode row = status.get("recent").get(0);
      assertEquals("PROVED", row.get("state").asText(), status.toString());
      assertEquals(1.0, row.get("progress").asDouble());
      assertFalse(row.has("jobId"), "a requester must not see job ids: " + status);
      assertFalse(status.toString().contains(jobId), status.toString());
      JsonNode opStatus = op.call("zkml_status", "[]").get("result");
      assertEquals(jobId, opStatus.get("recent").get(0).get("jobId").asText(), opStatus.toString());
      assertEquals(-32602, anyone.call("zkml_status", "[1]").get("error").get("code").asInt());

      HttpResponse<String> proof = anyone.get("/jobs/" + jobId + "/proof");
      assertEquals(200, proof.statusCode());
      assertEquals("attachment; filename=\"proof-" + jobId + ".json\"",
          proof.headers().firstValue("Content-Disposition").orElse(""));
      assertEquals(job.get("proof"), JSON.readTree(proof.body()));
      assertEquals(404, anyone.get("/jobs/00000000-0000-0000-0000-000000000000/proof").statusCode());
      assertEquals(404, anyone.get("/jobs/not%20an%20id/proof").statusCode());
    }
  }

  @Test
  void recentJobsAreBoundedNewestFirstAndKeepTheLastPhase() {
    RecentJobs recent = new RecentJobs(2);
    for (String id : List.of("a", "b", "c")) {
      recent.accept(change(JobChange.Kind.STATE, id,
          JobState.QUEUED, null, 0));
    }
    recent.accept(change(JobChange.Kind.PROGRESS, "c",
        JobState.PROVING, "walk", 0.5));
    recent.accept(change(JobChange.Kind.STATE, "c",
        JobState.PROVED, null, 0.5));
    List<RecentJobs.Row> rows = recent.snapshot();
    assertEquals(List.of("c", "b"), rows.stream().map(RecentJobs.Row::jobId).toList());
    assertEquals("walk", rows.get(0).phase());
    assertEquals(1.0, rows.get(0).progress());
  }

  static JobChange change(JobChange.Kind kind, String id,
      JobState state, String phase, double progress) {
    var job = new Job(id, "0xmodel", "key-" + id, null, false, null, state, false, null,
        1, 1, 0, 0, 0, 0);
    return new JobChange(kind, job, phase, progress, 0);
  }
}
