package org.besuzkml.sidecar.rpc;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.besuzkml.sidecar.jobs.JobEvents;
import org.besuzkml.sidecar.jobs.JobScheduler;
import org.besuzkml.sidecar.ops.AdminToken;

/**
 * The HTTP surface on the Vert.x event loop: {@code POST /rpc} (JSON-RPC, body at most
 * {@code maxRequestBytes}, else -32006 with HTTP 413), {@code GET /jobs/{id}/events} (server-sent
 * events, resumable with {@code Last-Event-ID}), {@code GET /metrics}, {@code GET /health},
 * {@code GET /ready}. Handlers never block: the dispatcher's futures complete on other threads and
 * are brought back to the request's context before the response is written.
 */
public final class HttpApi {
  private static final long KEEPALIVE_MS = 15_000;

  private final Vertx vertx;
  private final RpcDispatcher rpc;
  private final JobScheduler scheduler;
  private final JobEvents events;
  private final AdminToken admin;
  private final Supplier<String> metrics;
  private final BooleanSupplier ready;
  private final long maxRequestBytes;

  public HttpApi(Vertx vertx, RpcDispatcher rpc, JobScheduler scheduler, JobEvents events, AdminToken admin,
      Supplier<String> metrics, BooleanSupplier ready, long maxRequestBytes) {
    this.vertx = vertx;
    this.rpc = rpc;
    this.scheduler = scheduler;
    this.events = events;
    this.admin = admin;
    this.metrics = metrics;
    this.ready = ready;
    this.maxRequestBytes = maxRequestBytes;
  }

  public Router router() {
    Router r = Router.router(vertx);
    org.besuzkml.sidecar.status.StatusPage.mount(r, scheduler); // GET /, /status/*, /jobs/:id/proof
    r.post("/rpc").handler(BodyHandler.create(false).setBodyLimit(maxRequestBytes)).handler(this::rpc);
    r.get("/jobs/:id/events").handler(this::events);
    // a scrape walks every meter (histogram buckets per model): off the event loop
    r.get("/metrics").handler(ctx -> vertx.executeBlocking(metrics::get, false).onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4").end(ar.result());
      } else {
        ctx.fail(500);
      }
    }));
    r.get("/health").handler(ctx -> json(ctx.response(), 200, "{\"status\":\"UP\"}"));
    r.get("/ready").handler(ctx -> {
      boolean ok = ready.getAsBoolean();
      json(ctx.response(), ok ? 200 : 503, ok ? "{\"status\":\"READY\"}" : "{\"status\":\"NOT_READY\"}");
    });
    r.errorHandler(413, ctx -> json(ctx.response(), 413, RpcDispatcher.errorBody(RpcError.TOO_LARGE,
        "request too large: the limit is " + maxRequestBytes + " bytes")));
    r.errorHandler(500, ctx -> json(ctx.response(), 500, RpcDispatcher.errorBody(RpcError.INTERNAL,
        "internal error")));
    return r;
  }

  private static void json(HttpServerResponse resp, int status, String body) {
    if (!resp.ended() && !resp.closed()) {
      resp.setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }
  }

  private void rpc(RoutingContext ctx) {
    boolean isAdmin = admin != null && admin.accepts(ctx.request().getHeader("Authorization"));
    Context here = vertx.getOrCreateContext();
    Future.fromCompletionStage(rpc.handle(ctx.body().asString("UTF-8"), new RpcDispatcher.Caller(isAdmin)), here)
        .onComplete(ar -> {
          if (ar.failed()) {
            json(ctx.response(), 500, RpcDispatcher.errorBody(RpcError.INTERNAL, "internal error"));
          } else if (ar.result().isEmpty()) {
            ctx.response().setStatusCode(204).end();
          } else {
            json(ctx.response(), 200, ar.result().get());
          }
        });
  }

  private void events(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Context here = vertx.getOrCreateContext();
    Future.fromCompletionStage(scheduler.find(id), here).onComplete(ar -> {
      if (ar.failed() || ar.result().isEmpty()) {
        json(ctx.response(), 404, "{\"error\":\"unknown job " + id.replaceAll("[^A-Za-z0-9-]", "") + "\"}");
      } else {
        stream(ctx, here, ar.result().get());
      }
    });
  }

  private void stream(RoutingContext ctx, Context here, JobScheduler.View view) {
    long last = lastEventId(ctx);
    HttpServerResponse resp = ctx.response();
    resp.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    AtomicBoolean over = new AtomicBoolean();
    JobEvents.Subscription[] sub = new JobEvents.Subscription[1];
    long[] timer = {-1};
    Runnable finish = () -> {
      if (over.compareAndSet(false, true)) {
        if (sub[0] != null) {
          sub[0].cancel().run();
        }
        if (timer[0] >= 0) {
          vertx.cancelTimer(timer[0]);
        }
        if (!resp.ended() && !resp.closed()) {
          resp.end();
        }
      }
    };
    resp.closeHandler(v -> finish.run());
    sub[0] = events.subscribe(view.job(), view.progress(), last, ev -> here.runOnContext(v -> {
      if (!over.get()) {
        write(resp, ev);
        if (!ev.live()) {
          finish.run();
        }
      }
    }));
    for (JobEvents.Event ev : sub[0].replay()) {
      write(resp, ev);
      if (!ev.live()) {
        finish.run();
        return;
      }
    }
    var now = scheduler.get(view.job().id());
    if (sub[0].replay().isEmpty() && !JobEvents.stillGoing(now.map(JobScheduler.View::job).orElse(view.job()))) {
      finish.run();
      return;
    }
    timer[0] = vertx.setPeriodic(KEEPALIVE_MS, t -> {
      if (!over.get()) {
        resp.write(": keep-alive\n\n");
      }
    });
  }

  private static void write(HttpServerResponse resp, JobEvents.Event ev) {
    if (!resp.ended() && !resp.closed()) {
      resp.write("id: " + ev.id() + "\nevent: " + ev.name() + "\ndata: " + ev.data() + "\n\n");
    }
  }

  private static long lastEventId(RoutingContext ctx) {
    String h = ctx.request().getHeader("Last-Event-ID");
    if (h == null) {
      h = ctx.request().getParam("lastEventId");
    }
    try {
      return h == null ? 0 : Long.parseLong(h.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
