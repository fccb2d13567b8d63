package org.besuzkml.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page in a real headless Chromium. The real sidecar process ({@code target/zkml.jar
 * sidecar}, one prover worker) serves 1l_mlp set up on the Powers-of-Tau file;
 * it/node/status-page.js loads {@code /}, queues jobs through /rpc, follows the last one on the
 * page until it shows PROVED and downloads its proof through the page's link. This test checks
 * the page's report (no console error, no failed request, states only moving forward from a
 * waiting one to PROVED) and runs {@code zkml verify} on the downloaded file, which must pass,
 * and on a tampered copy, which must not.
 */
class StatusPageIT {
  static final Path JAR = Path.of("target/zkml.jar");
  static final Path MLP = Path.of("../shared/models/ezkl/1l_mlp");
  static final Path PTAU = Path.of("../shared/srs/pot12_final.ptau");
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> ORDER = List.of("ACCEPTED", "QUEUED", "PROVING", "PROVED");

  @TempDir Path tmp;

  @Test
  void pageFollowsAJobToProvedAndItsDownloadedProofVerifies() throws Exception {
    BrowserTools.require();
    Path model = tmp.resolve("mlp");
    Path log = tmp.resolve("commands.log");
    assertEquals(0, run(log, "compile", MLP.resolve("network.onnx").toString(), "--input",
        MLP.resolve("input.json").toString(), "-o", model.toString()), () -> read(log));
    // the ceremony SRS when it is there (as an operator would), else the development one
    List<String> srs = Files.exists(PTAU) ? List.of("--ptau", PTAU.toString()) : List.of("--dev-srs");
    List<String> setup = new ArrayList<>(List.of("setup", model.toString()));
    setup.addAll(srs);
    assertEquals(0, run(log, setup.toArray(String[]::new)), () -> read(log));

    Process sidecar = new ProcessBuilder("java", "-Xmx512m", "-jar", JAR.toString(), "sidecar", "--models",
        model.toString(), "--data", tmp.resolve("data").toString(), "--port", "0", "--workers", "1")
        .redirectError(tmp.resolve("sidecar.err").toFile()).start();
    try {
      int port = listeningPort(sidecar);
      String base = "http://127.0.0.1:" + port;
      JsonNode r = page(base, tmp.resolve("downloads"));

      assertFalse(r.has("fatal"), () -> "the browser script failed: " + r.get("fatal").asText());
      assertEquals("[]", r.get("consoleErrors").toString(), "console errors");
      assertEquals("[]", r.get("pageErrors").toString(), "uncaught page errors");
      assertEquals("[]", r.get("failedRequests").toString(), "failed requests");
      assertEquals("[]", r.get("badResponses").toString(), "HTTP errors");
      assertEquals("zkml sidecar status", r.get("title").asText());
      assertEquals(1, r.get("workersShown").asInt(), "the queue panel shows the pool size");
      assertTrue(r.get("queueDepthMaxShown").asInt() > 0, "the queue panel never showed waiting jobs: " + r);

      // the job was new, the page saw it waiting, then PROVED, never moving backwards
      String jobId = r.get("jobId").asText();
      assertNotEquals("PROVED", r.get("stateAtRequest").asText(), "a dedup hit: nothing to watch");
      List<String> shown = new ArrayList<>();
      r.get("shown").forEach(s -> shown.add(s.asText()));
      assertTrue(shown.size() >= 2 && ORDER.indexOf(shown.get(0)) < ORDER.indexOf("PROVED"),
          "the page did not show the job waiting or proving before PROVED: " + shown);
      assertEquals("PROVED", shown.get(shown.size() - 1), "last state shown: " + shown);
      for (int i = 1; i < shown.size(); i++) {
        assertTrue(ORDER.indexOf(shown.get(i)) > ORDER.indexOf(shown.get(i - 1)), "went backwards: " + shown);
      }
      // live progress from the job's event stream: PROVING, and a fraction of the prover's phases
      assertTrue(shown.contains("PROVING"), "the page never showed PROVING: " + shown);
      double lastProgress = -1;
      boolean partial = false;
      for (JsonNode p : r.get("progressShown")) {
        assertTrue(p.asDouble() >= lastProgress, "progress went backwards: " + r.get("progressShown"));
        lastProgress = p.asDouble();
        partial |= lastProgress > 0 && lastProgress < 1;
      }
      assertTrue(partial, "no progress between 0 and 1 was shown: " + r.get("progressShown"));
      assertEquals(1.0, lastProgress, "final progress shown");
      assertFalse(r.get("recentShowsJobId").asBoolean(), "the recent list must not show job ids");
      assertTrue(r.get("recentRows").asInt() > 0, "the recent list is empty");

      // the downloaded file is the job's proof, as zkml_getJob gives it, and zkml verify accepts it
      assertEquals("/jobs/" + jobId + "/proof", r.get("downloadHref").asText());
      assertEquals("proof-" + jobId + ".json", r.get("suggestedFilename").asText());
      Path proof = Path.of(r.get("proofFile").asText());
      String downloaded = Files.readString(proof);
      JsonNode job = rpc(port, "zkml_getJob", "[\"" + jobId + "\"]").get("result");
      assertEquals(job.get("proof"), JSON.readTree(downloaded), "the download is not the job's proof");
      assertEquals(0, run(log, "verify", model.toString(), proof.toString()), () -> read(log));
      assertTrue(read(log).startsWith("valid"), () -> read(log));

      // the verifier is what accepts it: a copy with one proof byte changed is refused
      Path tampered = tmp.resolve("tampered.json");
      Files.writeString(tampered, flipOneProofByte(downloaded));
      assertNotEquals(0, run(log, "verify", model.toString(), tampered.toString()), () -> read(log));
    } finally {
      sidecar.destroy();
      if (!sidecar.waitFor(30, TimeUnit.SECONDS)) {
        sidecar.destroyForcibly();
      }
    }
  }

  /** Runs the browser script; its report is the last line of its stdout. */
  private JsonNode page(String base, Path downloads) throws Exception {
    Path err = tmp.resolve("browser.err");
    ProcessBuilder pb = new ProcessBuilder(BrowserTools.NODE, BrowserTools.NODE_DIR.resolve("status-page.js")
        .toString(), base, "mlp", downloads.toString()).redirectError(err.toFile());
    pb.environment().put("CHROMIUM", BrowserTools.CHROMIUM);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(240, TimeUnit.SECONDS), "browser script timed out");
    String[] lines = out.strip().split("\n");
    assertTrue(lines.length > 0 && lines[lines.length - 1].startsWith("{"),
        () -> "no report; stdout: " + out + " stderr: " + read(err));
    return JSON.readTree(lines[lines.length - 1]);
  }

  /** The proof hex with one nibble in its middle changed. */
  static String flipOneProofByte(String proofJson) throws IOException {
    var o = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(proofJson);
    char[] hex = o.get("proof").asText().toCharArray();
    int i = hex.length / 2;
    hex[i] = hex[i] == '0' ? '1' : '0';
    o.put("proof", new String(hex));
    return JSON.writeValueAsString(o);
  }

  static int listeningPort(Process sidecar) throws Exception {
    LinkedBlockingQueue<Integer> port = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(sidecar.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (line.contains("\"sidecar.listening\"")) {
            port.add(JSON.readTree(line).get("port").asInt());
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    Integer p = port.poll(90, TimeUnit.SECONDS);
    assertTrue(p != null, "the sidecar did not start");
    return p;
  }

  static JsonNode rpc(int port, String method, String params) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/rpc"))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method
            + "\",\"params\":" + params + "}")).build();
    return JSON.readTree(HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()).body());
  }

  /** {@code java -jar target/zkml.jar ARGS}, output to {@code log} (overwritten). */
  static int run(Path log, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + cmd);
    return p.exitValue();
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "(" + p + " unreadable)";
    }
  }
}
