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
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real sidecar processes ({@code java -jar target/zkml.jar sidecar --cluster}) on loopback,
 * each with its own data directory. The same request sent to two members at once is one job and one
 * proving run; a burst sent to one member is spread over the three; the member that is proving is
 * killed with SIGKILL, and its jobs reach PROVED on a survivor, whose proof every survivor returns
 * and {@code zkml verify} accepts. The killed member then restarts on its data directory and
 * proves none of them again. Across the three stores, no input is proved twice.
 */
class SidecarClusterIT {
  static final Path JAR = Path.of("target/zkml.jar");
  static final Path MLP = Path.of("../shared/models/ezkl/1l_mlp");
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  static final int KILLS = 3;
  static final int BURST = 18; // six jobs a member: a few hundred ms of proving each

  @TempDir Path tmp;
  final List<Node> nodes = new ArrayList<>();

  /** One member process; its JSON log lines are collected from stdout. */
  static final class Node {
    final Path data;
    final int clusterPort;
    final Process process;
    final List<String> log = new CopyOnWriteArrayList<>();
    final int port;

    Node(Path model, Path data, int clusterPort, String members, Path stderr) throws Exception {
      this.data = data;
      this.clusterPort = clusterPort;
      process = new ProcessBuilder("java", "-Xmx512m", "-jar", JAR.toString(), "sidecar", "--models",
          model.toString(), "--data", data.toString(), "--port", "0", "--workers", "1", "--cluster",
          "--cluster-port", String.valueOf(clusterPort), "--cluster-members", members)
          .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile())).start();
      LinkedBlockingQueue<Integer> port = new LinkedBlockingQueue<>();
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            log.add(line);
            if (line.contains("\"sidecar.listening\"")) {
              port.add(JSON.readTree(line).get("port").asInt());
            }
          }
        } catch (IOException ignored) {
          // the process was killed
        }
        port.add(-1); // the output ended: a member that exits before it listens fails at once
      });
      reader.setDaemon(true);
      reader.start();
      Integer p = port.poll(120, TimeUnit.SECONDS);
      if (p == null || p < 0) {
        String threads = p == null ? mainThread(process.pid()) : "";
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        throw new AssertionError("member on cluster port " + clusterPort + " did not start ("
            + (p == null ? "no sidecar.listening in 120 s" : "exited with " + process.exitValue())
            + "); its log: " + log + "; stderr, Hazelcast's INFO lines left out: " + problems(stderr)
            + threads);
      }
      this.port = p;
    }

    /** The member's main thread as jcmd prints it: where a start that never finishes waits. */
    private static String mainThread(long pid) {
      try {
        Process j = new ProcessBuilder("jcmd", String.valueOf(pid), "Thread.print").redirectErrorStream(true).start();
        String dump = new String(j.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        j.waitFor(30, TimeUnit.SECONDS);
        int at = dump.indexOf("\"main\"");
        return at < 0 ? "; no main thread in the dump" : "; main thread: " + dump.substring(at,
            Math.min(dump.length(), at + 3000)).split("\n\n")[0].replace('\n', ' ');
      } catch (IOException | InterruptedException e) {
        return "; no thread dump: " + e;
      }
    }

    /** What a failed start printed besides Hazelcast's routine INFO records and banner. */
    private static String problems(Path stderr) throws IOException {
      List<String> lines = Files.readAllLines(stderr);
      List<String> kept = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        String l = lines.get(i);
        boolean record = l.matches("^[A-Z][a-z]{2} \\d{2}, \\d{4} .*"); // a JUL record's header line
        if (record && i + 1 < lines.size() && lines.get(i + 1).startsWith("INFO:")) {
          i++;
          while (i + 1 < lines.size() && !lines.get(i + 1).matches("^[A-Z][a-z]{2} \\d{2}, \\d{4} .*")
              && !lines.get(i + 1).startsWith("SLF4J") && !lines.get(i + 1).startsWith("Exception")) {
            i++; // the INFO record's continuation lines (the banner, the member list)
          }
          continue;
        }
        if (!l.startsWith("SLF4J") && !l.isBlank()) {
          kept.add(l);
        }
      }
      return kept.subList(Math.max(0, kept.size() - 40), kept.size()).toString();
    }

    HttpRequest rpc(String method, String params) {
      return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/rpc"))
          .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method
              + "\",\"params\":" + params + "}")).build();
    }

    JsonNode call(String method, String params) throws IOException, InterruptedException {
      return JSON.readTree(HTTP.send(rpc(method, params), HttpResponse.BodyHandlers.ofString()).body());
    }

    JsonNode job(String id) throws IOException, InterruptedException {
      JsonNode r = call("zkml_getJob", "[\"" + id + "\"]");
      assertTrue(r.has("result"), "getJob " + id + " on " + port + ": " + r);
      return r.get("result");
    }

    /** zkml_getJob without waiting for the answer, so that many can be in flight at once. */
    CompletableFuture<JsonNode> jobAsync(String id) {
      HttpRequest r = rpc("zkml_getJob", "[\"" + id + "\"]");
      return HTTP.sendAsync(r, HttpResponse.BodyHandlers.ofString()).thenApply(res -> {
        try {
          JsonNode j = JSON.readTree(res.body());
          assertTrue(j.has("result"), "getJob " + id + " on " + port + ": " + j);
          return j.get("result");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    }

    /** The jobs this member's log says it proved. */
    long proved(String id) {
      return log.stream().filter(l -> l.contains("\"job.proved\"") && l.contains(id)).count();
    }

    void kill() throws InterruptedException {
      process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no leave message
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @AfterEach
  void stopAll() throws InterruptedException {
    for (Node n : nodes) {
      n.process.destroy();
    }
    for (Node n : nodes) {
      if (!n.process.waitFor(30, TimeUnit.SECONDS)) {
        n.process.destroyForcibly();
      }
    }
  }

  @Test
  void threeMembersDedupSpreadAndSurviveTheProvingMemberKilled() throws Exception {
    Path model = tmp.resolve("mlp");
    Path cmdLog = tmp.resolve("commands.log");
    assertEquals(0, run(cmdLog, "compile", MLP.resolve("network.onnx").toString(), "--input",
        MLP.resolve("input.json").toString(), "-o", model.toString()), () -> read(cmdLog));
    assertEquals(0, run(cmdLog, "setup", model.toString(), "--dev-srs"), () -> read(cmdLog));
    int[] cports = clusterPorts(3);
    String members = java.util.Arrays.stream(cports).mapToObj(p -> "127.0.0.1:" + p)
        .collect(Collectors.joining(","));
    for (int i = 0; i < 3; i++) { // one after the other: each joins the cluster the first one formed
      nodes.add(new Node(model, tmp.resolve("data" + i), cports[i], members, tmp.resolve("member" + i + ".err")));
    }
    awaitMembers(3);

    // the same request to two members at once: one job, one proving run
    String in = "{\"model\":\"mlp\",\"input\":{\"input_data\":[[0.75,0.5,0.25]]}}";
    CompletableFuture<JsonNode> a = CompletableFuture.supplyAsync(() -> call(nodes.get(0), in));
    CompletableFuture<JsonNode> b = CompletableFuture.supplyAsync(() -> call(nodes.get(1), in));
    JsonNode ra = a.get(60, TimeUnit.SECONDS).get("result");
    JsonNode rb = b.get(60, TimeUnit.SECONDS).get("result");
    assertEquals(ra.get("jobId").asText(), rb.get("jobId").asText(), "two members made two jobs: " + ra + rb);
    assertNotEquals(ra.get("deduplicated").asBoolean(), rb.get("deduplicated").asBoolean(), ra + " " + rb);
    String dedupJob = ra.get("jobId").asText();
    awaitProved(nodes.get(2), dedupJob, 60_000);
    JsonNode again = call(nodes.get(2), in).get("result");
    assertEquals(dedupJob, again.get("jobId").asText(), "a third member made a new job for a proved input");
    assertTrue(again.get("deduplicated").asBoolean());
    assertEquals(1, nodes.stream().mapToLong(n -> n.proved(dedupJob)).sum(), "proved more than once");

    List<Double> killToProved = new ArrayList<>();
    List<Double> killToAll = new ArrayList<>();
    Map<String, Integer> spreadSeen = new HashMap<>();
    for (int round = 0; round < KILLS; round++) {
      Node entry = nodes.get(round % 3);
      List<String> ids = new ArrayList<>();
      List<CompletableFuture<JsonNode>> sent = new ArrayList<>();
      for (int k = 0; k < BURST; k++) {
        String req = "{\"model\":\"mlp\",\"input\":{\"input_data\":[[" + (round + 1) / 4.0 + "," + k / 8.0
            + ",0.125]]}}";
        sent.add(CompletableFuture.supplyAsync(() -> call(entry, req)));
      }
      for (CompletableFuture<JsonNode> f : sent) {
        JsonNode r = f.get(60, TimeUnit.SECONDS);
        assertTrue(r.has("result"), r.toString());
        ids.add(r.get("result").get("jobId").asText());
      }
      // the victim: a member with a job PROVING, as it reports its own jobs. One look asks every
      // member about every job at once: a look made one call at a time took longer than a member
      // needs to prove its share of a burst, so it saw each member only after it had finished
      Node victim = null;
      List<String> victimLive = new ArrayList<>();
      String proving = null;
      long until = System.currentTimeMillis() + 30_000;
      while (victim == null) {
        assertTrue(System.currentTimeMillis() < until, "no member was seen proving a job of the burst");
        Map<Node, List<CompletableFuture<JsonNode>>> look = new java.util.LinkedHashMap<>();
        for (Node n : nodes) {
          look.put(n, ids.stream().map(n::jobAsync).toList());
        }
        for (Map.Entry<Node, List<CompletableFuture<JsonNode>>> e : look.entrySet()) {
          List<String> live = new ArrayList<>();
          String p = null;
          for (int k = 0; k < ids.size(); k++) {
            JsonNode j = e.getValue().get(k).get(30, TimeUnit.SECONDS);
            if (!j.has("member") && List.of("ACCEPTED", "QUEUED", "PROVING").contains(j.get("state").asText())) {
              live.add(ids.get(k)); // held by the member itself
              if (j.get("state").asText().equals("PROVING")) {
                p = ids.get(k);
              }
            }
          }
          if (p != null && victim == null) {
            victim = e.getKey();
            victimLive = live;
            proving = p;
          }
        }
      }
      long t0 = System.nanoTime();
      victim.kill();
      nodes.remove(victim);
      // at once, before the survivors may have seen the leave: a new request is answered (never lost
      // on the dead member's stale address) and is stored on a live member
      String fresh = "{\"model\":\"mlp\",\"input\":{\"input_data\":[[" + (round + 1) / 4.0 + ",1.5,0.375]]}}";
      long s0 = System.nanoTime();
      JsonNode fr = call(nodes.get(0), fresh);
      assertTrue(fr.has("result"), "a request right after the kill: " + fr);
      assertTrue((System.nanoTime() - s0) / 1e6 < 15_000, "a request right after the kill took too long");
      ids.add(fr.get("result").get("jobId").asText());
      Map<String, Double> provedAt = new HashMap<>();
      until = System.currentTimeMillis() + 90_000;
      while (provedAt.size() < victimLive.size()) {
        assertTrue(System.currentTimeMillis() < until, "jobs of the killed member not proved: "
            + victimLive.stream().filter(x -> !provedAt.containsKey(x)).toList());
        for (String id : victimLive) {
          if (!provedAt.containsKey(id) && nodes.get(0).job(id).get("state").asText().equals("PROVED")) {
            provedAt.put(id, (System.nanoTime() - t0) / 1e6);
          }
        }
        Thread.sleep(20);
      }
      killToProved.add(provedAt.get(proving));
      killToAll.add(provedAt.values().stream().mapToDouble(x -> x).max().orElse(0));

      // every survivor returns the proof of the job that was proving; verify accepts it
      String proof = null;
      for (Node n : nodes) {
        JsonNode j = n.job(proving);
        assertEquals("PROVED", j.get("state").asText(), j.toString());
        assertTrue(j.has("proof"), "no proof from " + n.port + ": " + j);
        assertTrue(proof == null || proof.equals(j.get("proof").toString()), "survivors disagree on the proof");
        proof = j.get("proof").toString();
      }
      Path pf = tmp.resolve("proof" + round + ".json");
      Files.writeString(pf, proof);
      assertEquals(0, run(cmdLog, "verify", model.toString(), pf.toString()), () -> read(cmdLog));
      for (String id : ids) {
        awaitProved(nodes.get(0), id, 90_000);
      }

      // the killed member comes back on its data directory: what survivors adopted is not its to prove
      Node back = new Node(model, victim.data, victim.clusterPort, members, tmp.resolve("restart" + round + ".err"));
      nodes.add(back);
      awaitMembers(3);
      for (String id : victimLive) {
        JsonNode j = back.job(id);
        assertEquals("PROVED", j.get("state").asText(), "after the restart " + j);
        assertEquals(0, back.proved(id), "the restarted member proved an adopted job again: " + id);
      }
      for (String id : ids) {
        for (Node n : nodes) {
          if (n.proved(id) > 0) {
            spreadSeen.merge(n.data.getFileName().toString(), 1, Integer::sum);
          }
        }
      }
    }
    assertTrue(spreadSeen.size() >= 2, "bursts were not spread across members: " + spreadSeen);

    for (Node n : nodes) {
      n.process.destroy();
      assertTrue(n.process.waitFor(30, TimeUnit.SECONDS));
    }
    // across the three stores: each input has a stored proof, and was proved at most once (a member
    // killed after sharing its proof but before committing it leaves no PROVED run: the adopter
    // stores the shared proof without proving)
    Map<String, List<String>> provedRuns = new HashMap<>();
    java.util.Set<String> withProof = new java.util.HashSet<>();
    for (int i = 0; i < 3; i++) {
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("data" + i).resolve("jobs.sqlite"))) {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT j.dedup_key, j.id, r.attempt, r.started_ms,"
            + " r.ended_ms FROM runs r JOIN jobs j ON r.job_id = j.id WHERE r.outcome = 'PROVED'")) {
          while (rs.next()) {
            provedRuns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add("data" + i + " job "
                + rs.getString(2) + " attempt " + rs.getInt(3) + " " + rs.getLong(4) + ".." + rs.getLong(5));
          }
        }
        try (ResultSet rs = c.createStatement().executeQuery("SELECT dedup_key FROM jobs WHERE proof IS NOT NULL")) {
          while (rs.next()) {
            withProof.add(rs.getString(1));
          }
        }
      }
    }
    assertEquals(1 + KILLS * (BURST + 1), withProof.size(), "inputs with a stored proof: " + withProof.size());
    assertTrue(withProof.containsAll(provedRuns.keySet()));
    for (List<String> runs : provedRuns.values()) {
      assertEquals(1, runs.size(), "an input proved twice: " + runs + " logs: " + nodes.stream()
          .flatMap(n -> n.log.stream()).filter(l -> l.contains(runs.get(0).split(" ")[2])).toList());
    }
    // the jar's manifest gives Hazelcast the JDK 17 opens it asks for (it warns without them)
    try (var errs = Files.list(tmp)) {
      for (Path err : errs.filter(f -> f.toString().endsWith(".err")).toList()) {
        assertFalse(Files.readString(err).contains("without proper access to required Java packages"),
            "Hazelcast lacks its --add-opens: check Add-Opens in the jar manifest");
      }
    }
    System.out.printf("SidecarClusterIT: kill -9 -> PROVED of the job that was proving (ms): %s; -> all the killed"
        + " member's jobs PROVED (ms): %s; proofs per member: %s%n", killToProved, killToAll, spreadSeen);
  }

  private void awaitMembers(int n) throws Exception {
    long until = System.currentTimeMillis() + 60_000;
    for (Node x : nodes) {
      while (x.call("zkml_cluster", "[]").get("result").get("members").size() != n) {
        assertTrue(System.currentTimeMillis() < until, "member " + x.port + " does not see " + n + " members");
        Thread.sleep(100);
      }
    }
  }

  private static void awaitProved(Node n, String id, long ms) throws Exception {
    long until = System.currentTimeMillis() + ms;
    while (true) {
      JsonNode j = n.job(id);
      String s = j.get("state").asText();
      if (s.equals("PROVED")) {
        return;
      }
      assertTrue(List.of("ACCEPTED", "QUEUED", "PROVING").contains(s), id + " ended " + j);
      assertTrue(System.currentTimeMillis() < until, id + " still " + s);
      Thread.sleep(25);
    }
  }

  private static JsonNode call(Node n, String request) {
    try {
      return n.call("zkml_requestProof", request);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Free ports below the kernel's ephemeral range (32768 and up on Linux): a killed member restarts
   * on its port, which an outgoing connection of the test or of a survivor must not have taken
   * meanwhile, as an ephemeral port could.
   */
  private static int[] clusterPorts(int n) {
    int[] out = new int[n];
    int found = 0;
    for (int p = 20000 + (int) (ProcessHandle.current().pid() % 5000); found < n && p < 32000; p += 7) {
      try (ServerSocket s = new ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress())) {
        out[found++] = s.getLocalPort();
      } catch (IOException inUse) {
        // taken: try the next
      }
    }
    assertEquals(n, found, "no free ports below the ephemeral range");
    return out;
  }

  static int run(Path log, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + cmd);
    return p.exitValue();
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return e.getMessage();
    }
  }
}
