package org.besuzkml.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.besuzkml.cli.Main;
import org.besuzkml.sidecar.ops.JsonLog;
import picocli.CommandLine;

/**
 * Test support: the corpus model 1l_mlp compiled and set up (dev SRS) once per JVM, in-process
 * sidecars on random ports, and a real HTTP client.
 */
public final class SidecarFixture {
  static final Path MLP = Path.of("../shared/models/ezkl/1l_mlp");
  static final ObjectMapper JSON = new ObjectMapper();
  private static Path modelDir;

  private SidecarFixture() {}

  /** The compiled 1l_mlp directory (model.bzkm, pk.bzkk, vk.bzkv). */
  public static synchronized Path model() throws IOException {
    if (modelDir == null) {
      Path root = Files.createTempDirectory("zkml-sidecar-model");
      Path dir = root.resolve("mlp");
      PrintStream err = System.err;
      try {
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, new CommandLine(new Main()).execute("compile", MLP.resolve("network.onnx").toString(),
            "--input", MLP.resolve("input.json").toString(), "-o", dir.toString()));
        assertEquals(0, new CommandLine(new Main()).execute("setup", dir.toString(), "--dev-srs"));
      } finally {
        System.setErr(err);
      }
      modelDir = dir;
    }
    return modelDir;
  }

  /** Options for an in-process sidecar on a random port with its own data directory. */
  public static Sidecar.Options options(Path data) throws IOException {
    return Sidecar.Options.defaults(List.of(model()), data).withPort(0);
  }

  public static Sidecar start(Sidecar.Options o, JsonLog log) throws Exception {
    return Sidecar.start(o, log);
  }

  public static Sidecar start(Sidecar.Options o) throws Exception {
    return Sidecar.start(o, new JsonLog(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
  }

  /** A real HTTP client for one sidecar. */
  public static final class Client {
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    final String base;
    String bearer;

    public Client(int port) {
      this.base = "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> post(String body) throws IOException, InterruptedException {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/rpc")).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
      if (bearer != null) {
        b.header("Authorization", "Bearer " + bearer);
      }
      return send(b.build());
    }

    /** send with a hard deadline: a lost answer fails the test instead of hanging the build. */
    private HttpResponse<String> send(HttpRequest req) throws IOException, InterruptedException {
      try {
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).get(40, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
      } catch (java.util.concurrent.TimeoutException e) {
        throw new IOException("no answer to " + req.method() + " " + req.uri() + " within 40 s");
      }
    }

    public JsonNode rpc(String body) throws IOException, InterruptedException {
      return JSON.readTree(post(body).body());
    }

    /** Calls a method with params, returns the whole response object. */
    public JsonNode call(String method, Object params) throws IOException, InterruptedException {
      String p = params instanceof String s ? s : JSON.writeValueAsString(params);
      return rpc("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + p + "}");
    }

    public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
      for (int i = 0; i + 1 < headers.length; i += 2) {
        b.header(headers[i], headers[i + 1]);
      }
      return send(b.build());
    }

    /** Polls zkml_getJob until the job leaves the live states; its last result. */
    public JsonNode awaitDone(String jobId, long timeoutMs) throws Exception {
      long end = System.currentTimeMillis() + timeoutMs;
      while (true) {
        JsonNode r = call("zkml_getJob", List.of(jobId)).get("result");
        String s = r.get("state").asText();
        if (!s.equals("ACCEPTED") && !s.equals("QUEUED") && !s.equals("PROVING")) {
          return r;
        }
        if (System.currentTimeMillis() > end) {
          throw new AssertionError("job " + jobId + " still " + s + " after " + timeoutMs + " ms");
        }
        Thread.sleep(20);
      }
    }
  }

  /** The request params for 1l_mlp with these three input values. */
  public static String request(double a, double b, double c) {
    return "{\"model\":\"mlp\",\"input\":{\"input_data\":[[" + a + "," + b + "," + c + "]]}}";
  }
}
