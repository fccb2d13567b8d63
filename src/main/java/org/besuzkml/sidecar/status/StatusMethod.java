package org.besuzkml.sidecar.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;
import org.besuzkml.sidecar.jobs.JobScheduler;
import org.besuzkml.sidecar.rpc.RpcDispatcher;
import org.besuzkml.sidecar.rpc.RpcError;

/**
 * {@code zkml_status}: the queue (depth, running, workers) and the recent jobs, read from memory
 * without blocking. A requester sees each recent job's model, state, progress and times but not its
 * id; an operator (admin token) also gets the ids.
 */
public final class StatusMethod implements RpcDispatcher.Method {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final JobScheduler scheduler;
  private final RecentJobs recent;

  public StatusMethod(JobScheduler scheduler, RecentJobs recent) {
    this.scheduler = scheduler;
    this.recent = recent;
  }

  @Override
  public CompletableFuture<JsonNode> call(JsonNode params, RpcDispatcher.Caller caller) throws RpcError {
    if (params != null && !params.isEmpty()) {
      throw new RpcError(RpcError.INVALID_PARAMS, "zkml_status takes no parameters");
    }
    ObjectNode o = F.objectNode();
    o.putObject("queue").put("depth", scheduler.queueDepth()).put("running", scheduler.running())
        .put("workers", scheduler.workers());
    ArrayNode a = o.putArray("recent");
    for (RecentJobs.Row r : recent.snapshot()) {
      ObjectNode j = a.addObject();
      if (caller.admin()) {
        j.put("jobId", r.jobId());
      }
      j.put("model", r.model()).put("state", r.state().name()).put("progress", r.progress());
      if (r.phase() != null) {
        j.put("phase", r.phase());
      }
      j.put("createdMs", r.createdMs());
      if (r.startedMs() > 0) {
        j.put("startedMs", r.startedMs());
      }
      if (r.finishedMs() > 0) {
        j.put("finishedMs", r.finishedMs());
      }
    }
    return CompletableFuture.completedFuture(o);
  }
}
