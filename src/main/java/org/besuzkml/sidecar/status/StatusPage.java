package org.besuzkml.sidecar.status;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;
import org.besuzkml.sidecar.jobs.JobScheduler;

/**
 * Serves the status page: {@code GET /} and its two assets under {@code /status/}, and
 * {@code GET /jobs/{id}/proof}, a proved job's proof JSON as a download (the same text as
 * {@code zkml_getJob}'s {@code proof}, which {@code zkml verify} accepts). The files are
 * read from the classpath once, at mount, and held in memory, so serving never touches the disk
 * (and Vert.x's file cache directory is never created). The content security policy allows only
 * this origin: no inline script, no third-party code.
 */
public final class StatusPage {
  static final String BASE = "org/besuzkml/sidecar/status/";
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
      + "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private static final Pattern JOB_ID = Pattern.compile("[0-9A-Za-z-]{1,64}");

  private StatusPage() {}

  /** Adds the page's routes to {@code r}; proofs are read through {@code scheduler}. */
  public static void mount(Router r, JobScheduler scheduler) {
    serve(r, "/", "index.html", "text/html; charset=utf-8");
    serve(r, "/status/status.js", "status.js", "text/javascript; charset=utf-8");
    serve(r, "/status/status.css", "status.css", "text/css; charset=utf-8");
    r.get("/jobs/:id/proof").handler(ctx -> proof(ctx, scheduler));
  }

  private static void proof(RoutingContext ctx, JobScheduler scheduler) {
    String id = ctx.pathParam("id");
    if (!JOB_ID.matcher(id).matches()) {
      text(ctx, 404, "unknown job");
      return;
    }
    // the store answers on its own thread; the response is written back on this request's context
    Future.fromCompletionStage(scheduler.proof(id), ctx.vertx().getOrCreateContext()).onComplete(ar -> {
      if (ar.failed()) {
        text(ctx, 500, "internal error");
      } else if (ar.result().isEmpty()) {
        text(ctx, 404, "no proof for job " + id + " (unknown, or not proved yet)");
      } else if (!ctx.response().ended() && !ctx.response().closed()) {
        ctx.response().putHeader("Content-Type", "application/json")
            .putHeader("Content-Disposition", "attachment; filename=\"proof-" + id + ".json\"")
            .putHeader("X-Content-Type-Options", "nosniff").putHeader("Cache-Control", "no-store")
            .end(ar.result().get());
      }
    });
  }

  private static void text(RoutingContext ctx, int status, String body) {
    if (!ctx.response().ended() && !ctx.response().closed()) {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(body);
    }
  }

  private static void serve(Router r, String path, String file, String type) {
    Buffer body = Buffer.buffer(read(file));
    r.get(path).handler(ctx -> ctx.response().putHeader("Content-Type", type)
        .putHeader("Cache-Control", "no-cache").putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer").putHeader("Content-Security-Policy", CSP).end(body));
  }

  static byte[] read(String file) {
    try (InputStream in = StatusPage.class.getClassLoader().getResourceAsStream(BASE + file)) {
      if (in == null) {
        throw new IllegalStateException("status page resource missing: " + BASE + file);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
