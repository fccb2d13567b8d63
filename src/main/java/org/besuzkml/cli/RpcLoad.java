package org.besuzkml.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load generator of {@code bench sidecar}: a Vert.x HTTP client on its own single event loop
 * (so the clients cost the machine one thread, not one per client) with a bounded pool of
 * keep-alive HTTP/1.1 connections. HTTP/1.1 is pinned on purpose: the sidecar serves no h2c
 * upgrade (an upgraded request under concurrent load once never completed, see git log).
 */
final class RpcLoad implements AutoCloseable {
  /** What one virtual client sends next and what it does with the answer; runs on the client's event loop. */
  interface Step {
    String body(int client, int i);

    /**
     * The answer (the response body, or null when the exchange failed) after {@code nanos}; false
     * stops this client.
     */
    boolean answer(int client, int i, String response, long nanos);
  }

  private final Vertx vertx;
  private final HttpClientAgent http;
  private final AtomicInteger connections = new AtomicInteger();

  RpcLoad(int port, int maxConnections) {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    http = vertx.httpClientBuilder()
        .with(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1).setKeepAlive(true)
            .setDefaultHost("127.0.0.1").setDefaultPort(port))
        .with(new PoolOptions().setHttp1MaxSize(maxConnections))
        .withConnectHandler(c -> connections.incrementAndGet())
        .build();
  }

  /** Connections opened since the start (keep-alive: at most the pool's size unless one broke). */
  int connectionsOpened() {
    return connections.get();
  }

  private Future<String> post(String body) {
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setURI("/rpc")
        .putHeader("Content-Type", "application/json").setTimeout(40_000);
    return http.request(o).compose(req -> req.send(Buffer.buffer(body)).compose(r -> r.body()))
        .map(Buffer::toString);
  }

  /**
   * {@code clients} virtual clients, each sending at most {@code each} requests one after the
   * other (closed loop: the next one once the previous answer is in). Returns the wall time in
   * nanoseconds until every client stopped.
   */
  long run(int clients, int each, Step step) throws InterruptedException {
    CompletableFuture<Void> all = new CompletableFuture<>();
    AtomicInteger left = new AtomicInteger(clients);
    long t0 = System.nanoTime();
    vertx.runOnContext(v -> {
      for (int k = 0; k < clients; k++) {
        next(k, 0, each, step, () -> {
          if (left.decrementAndGet() == 0) {
            all.complete(null);
          }
        });
      }
    });
    try {
      all.get(10, TimeUnit.MINUTES);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the load run did not finish: " + e, e);
    }
    return System.nanoTime() - t0;
  }

  private void next(int client, int i, int each, Step step, Runnable done) {
    if (i >= each) {
      done.run();
      return;
    }
    long t = System.nanoTime();
    post(step.body(client, i)).onComplete(ar -> {
      long ns = System.nanoTime() - t;
      boolean more;
      try {
        more = step.answer(client, i, ar.succeeded() ? ar.result() : null, ns);
      } catch (RuntimeException e) {
        more = false;
      }
      if (more) {
        next(client, i + 1, each, step, done);
      } else {
        done.run();
      }
    });
  }

  @Override
  public void close() {
    try {
      http.close().await();
    } catch (RuntimeException ignored) {
      // closing anyway
    }
    vertx.close().await();
  }
}
