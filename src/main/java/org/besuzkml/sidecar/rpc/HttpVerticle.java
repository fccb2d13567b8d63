package org.besuzkml.sidecar.rpc;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/**
 * One HTTP server on its own event loop. The sidecar deploys one instance per core on the same
 * port (Vert.x spreads the connections over them), so one busy event loop does not hold up the
 * others.
 */
public final class HttpVerticle extends VerticleBase {
  private final Router router;
  private final String host;
  private final int port;
  private volatile HttpServer server;

  /** {@code router} is built beforehand, off the event loop (building it loads many classes). */
  public HttpVerticle(Router router, String host, int port) {
    this.router = router;
    this.host = host;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    // HTTP/1.1 only, as Ethereum JSON-RPC endpoints are: no h2c upgrade (JDK 17's HttpClient asks
    // for one by default, and a request upgraded under concurrent load was seen never to complete)
    return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port).setHttp2ClearTextEnabled(false))
        .requestHandler(router).listen().onSuccess(s -> server = s);
  }

  /** The bound port (the one chosen when asked for port 0). */
  public int actualPort() {
    return server.actualPort();
  }
}
