package org.besuzkml.chain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP proxy in front of a real node that loses answers: it forwards every request, but
 * for the first {@code n} requests whose body contains {@code method} it closes the connection
 * instead of returning the node's answer. So the node has acted and the client does not know: the
 * case where a blind retry would send a transaction twice.
 */
final class LosingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final String upstream;
  private final String method;
  private final AtomicInteger toLose;
  private final AtomicInteger lost = new AtomicInteger();
  private final HttpClient http = HttpClient.newHttpClient();

  LosingProxy(String upstream, String method, int n) throws IOException {
    this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    this.upstream = upstream;
    this.method = "\"" + method + "\"";
    this.toLose = new AtomicInteger(n);
    Thread t = new Thread(this::serve, "losing-proxy");
    t.setDaemon(true);
    t.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  int lost() {
    return lost.get();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        String body = readRequestBody(s.getInputStream());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(upstream))
            .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (body.contains(method) && toLose.getAndDecrement() > 0) {
          lost.incrementAndGet();
          continue; // the node answered; the client never hears it
        }
        byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
        OutputStream o = s.getOutputStream();
        o.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + out.length
            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        o.write(out);
        o.flush();
      } catch (IOException e) {
        // a closed server or a client that went away
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Reads one HTTP/1.1 request with a Content-Length body. */
  private static String readRequestBody(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("eof in headers");
      }
      head.write(c);
      matched = (c == '\r' || c == '\n') && "\r\n\r\n".charAt(matched) == c ? matched + 1 : (c == '\r' ? 1 : 0);
    }
    int len = 0;
    for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        len = Integer.parseInt(line.substring(15).trim());
      }
    }
    return new String(in.readNBytes(len), StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
