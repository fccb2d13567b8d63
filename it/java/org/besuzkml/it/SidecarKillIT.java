package org.besuzkml.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real sidecar process ({@code java -jar target/zkml.jar sidecar}) under load, killed with
 * SIGKILL ({@link Process#destroyForcibly}) at random moments and restarted on the same data
 * directory. Afterwards every job id a client was given is there and PROVED, identical inputs map to
 * one job across restarts, and the store's run table shows no job proved twice and no run started
 * after its job was proved.
 */
class SidecarKillIT {
  static final Path JAR = Path.of("target/zkml.jar");
  static final Path MLP = Path.of("../shared/models/ezkl/1l_mlp");
  static final ObjectMapper JSON = new ObjectMapper();
  static final int KILLS = 5;
  static final int CLIENTS = 4;

  @TempDir Path tmp;

  /** One sidecar process; its JSON log lines are collected from stdout. */
  static final class Node implements AutoCloseable {
    final Process process;
    final List<String> log = new CopyOnWriteArrayList<>();
    final int port;

    Node(Path model, Path data, Path stderr) throws Exception {
      process = new ProcessBuilder("java", "-Xmx512m", "-jar", JAR.toString(), "sidecar", "--models",
          model.toString(), "--data", data.toString(), "--port", "0", "--workers", "2", "--queue-limit", "64")
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
      });
      reader.setDaemon(true);
      reader.start();
      Integer p = port.poll(90, TimeUnit.SECONDS);
      if (p == null) {
        process.destroyForcibly();
        throw new AssertionError("sidecar did not start; stderr: " + Files.readString(stderr) + " log: " + log);
      }
      this.port = p;
    }

    void kill() throws InterruptedException {
      process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
      process.waitFor(30, TimeUnit.SECONDS);
    }

    int requeued() throws IOException {
      for (String l : log) {
        if (l.contains("\"store.recovered\"")) {
          return JSON.readTree(l).get("requeued").asInt();
        }
      }
      return 0;
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  static JsonNode call(int port, String method, String params) throws IOException, InterruptedException {
    HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/rpc"))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method
            + "\",\"params\":" + params + "}")).build();
    return JSON.readTree(HTTP.send(r, HttpResponse.BodyHandlers.ofString()).body());
  }

  static int run(Path log, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + cmd);
    return p.exitValue();
  }

  @Test
  void killNineUnderLoadLosesNoAcceptedJobAndProvesNothingTwice() throws Exception {
    Path model = tmp.resolve("mlp");
    Path cmdLog = tmp.resolve("commands.log");
    assertEquals(0, run(cmdLog, "compile", MLP.resolve("network.onnx").toString(), "--input",
        MLP.resolve("input.json").toString(), "-o", model.toString()), () -> read(cmdLog));
    assertEquals(0, run(cmdLog, "setup", model.toString(), "--dev-srs"), () -> read(cmdLog));
    Path data = tmp.resolve("data");
    Path stderr = tmp.resolve("sidecar.err");
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    Map<String, String> inputOfJob = new ConcurrentHashMap<>();
    Map<String, Set<String>> jobsOfInput = new ConcurrentHashMap<>();
    AtomicInteger distinct = new AtomicInteger();
    int requeued = 0;
    List<String> clientFailures = new CopyOnWriteArrayList<>();

    for (int round = 0; round < KILLS; round++) {
      Node node = new Node(model, data, stderr);
      requeued += node.requeued();
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        long clientSeed = rnd.nextLong();
        Thread t = new Thread(() -> {
          try {
            load(node.port, stop, new Random(clientSeed), distinct, inputOfJob, jobsOfInput);
          } catch (Throwable e) {
            clientFailures.add(e.toString());
          }
        });
        t.start();
        clients.add(t);
      }
      Thread.sleep(300 + rnd.nextInt(1500));
      node.kill();
      stop.set(true);
      for (Thread t : clients) {
        t.join(20_000);
      }
    }

    try (Node node = new Node(model, data, stderr)) {
      requeued += node.requeued();
      long end = System.currentTimeMillis() + 180_000;
      for (String id : inputOfJob.keySet()) {
        while (true) {
          JsonNode r = call(node.port, "zkml_getJob", "[\"" + id + "\"]");
          assertTrue(r.has("result"), "accepted job " + id + " lost: " + r + " (seed " + seed + ")");
          String s = r.get("result").get("state").asText();
          if (s.equals("PROVED")) {
            break;
          }
          assertTrue(Set.of("ACCEPTED", "QUEUED", "PROVING").contains(s), id + " ended " + r);
          assertTrue(System.currentTimeMillis() < end, id + " still " + s);
          Thread.sleep(25);
        }
      }
      // one proof from the sidecar is accepted by `verify`
      String any = inputOfJob.keySet().iterator().next();
      Path proof = tmp.resolve("proof.json");
      Files.writeString(proof, call(node.port, "zkml_getJob", "[\"" + any + "\"]").get("result").get("proof").toString());
      assertEquals(0, run(cmdLog, "verify", model.toString(), proof.toString()), () -> read(cmdLog));
    }

    assertTrue(clientFailures.isEmpty(), clientFailures.toString());
    assertTrue(inputOfJob.size() >= 20, "load too light to mean anything: " + inputOfJob.size() + " jobs");
    assertTrue(requeued > 0, "no kill caught a live job: the restart path was not exercised");
    for (Map.Entry<String, Set<String>> e : jobsOfInput.entrySet()) {
      assertEquals(1, e.getValue().size(), "input " + e.getKey() + " became several jobs: " + e.getValue());
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("jobs.sqlite"))) {
      assertEquals(0, count(c, "SELECT count(*) FROM (SELECT j.dedup_key FROM runs r JOIN jobs j ON r.job_id = j.id"
          + " WHERE r.outcome = 'PROVED' GROUP BY j.dedup_key HAVING count(*) > 1)"), "an input proved twice");
      assertEquals(0, count(c, "SELECT count(*) FROM runs r JOIN jobs j ON r.job_id = j.id"
          + " WHERE j.state = 'PROVED' AND r.started_ms > j.finished_ms"), "a run started after its job was proved");
      assertEquals(0, count(c, "SELECT count(*) FROM jobs WHERE state = 'PROVED' AND proof IS NULL"));
      int interrupted = count(c, "SELECT count(*) FROM runs WHERE outcome = 'INTERRUPTED'");
      System.out.printf("SidecarKillIT: %d kills, %d accepted jobs (%d distinct inputs), %d requeued at restarts,"
          + " %d interrupted proofs, seed %d%n", KILLS, inputOfJob.size(), jobsOfInput.size(), requeued,
          interrupted, seed);
    }
  }

  /** A client: mostly new inputs, some repeats of earlier ones; records every job id it is given. */
  private static void load(int port, AtomicBoolean stop, Random rnd, AtomicInteger distinct,
      Map<String, String> inputOfJob, Map<String, Set<String>> jobsOfInput) {
    List<String> mine = new ArrayList<>();
    while (!stop.get()) {
      String in;
      if (!mine.isEmpty() && rnd.nextInt(4) == 0) {
        in = mine.get(rnd.nextInt(mine.size()));
      } else {
        int k = distinct.incrementAndGet();
        in = "[[" + (k % 97) / 8.0 + "," + (k / 97) / 8.0 + "," + rnd.nextInt(64) / 16.0 + "]]";
        mine.add(in);
      }
      try {
        JsonNode r = call(port, "zkml_requestProof", "{\"model\":\"mlp\",\"input\":{\"input_data\":" + in + "}}");
        if (r.has("result")) {
          String id = r.get("result").get("jobId").asText();
          inputOfJob.put(id, in);
          jobsOfInput.computeIfAbsent(in, x -> ConcurrentHashMap.newKeySet()).add(id);
        } else if (r.get("error").get("code").asInt() == -32005) {
          Thread.sleep(r.get("error").get("data").get("retryAfterMs").asLong() / 10);
        } else {
          throw new AssertionError("unexpected answer " + r);
        }
      } catch (IOException e) {
        return; // the sidecar was killed: this request may or may not exist, it was never acknowledged
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static int count(Connection c, String sql) throws Exception {
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      return rs.getInt(1);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return e.getMessage();
    }
  }
}
