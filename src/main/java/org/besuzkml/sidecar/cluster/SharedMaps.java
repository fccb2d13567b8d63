package org.besuzkml.sidecar.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.util.concurrent.CompletableFuture;

/**
 * The cluster-wide maps (see the package doc), keys and values plain strings. Vert.x futures are
 * turned into CompletableFutures here so that the rest of the package reads like the scheduler.
 */
final class SharedMaps {
  /** How long a proof stays in the cluster's memory; later getJob asks the member that stores it. */
  static final long PROOF_TTL_MS = 6 * 3600_000L;
  /** A member report older than this is dropped even if the member's leave was never seen. */
  static final long MEMBER_TTL_MS = 10_000;

  final AsyncMap<String, String> dedup;
  final AsyncMap<String, String> jobs;
  final AsyncMap<String, String> owner;
  final AsyncMap<String, String> proofs;
  final AsyncMap<String, String> members;

  private SharedMaps(AsyncMap<String, String> dedup, AsyncMap<String, String> jobs, AsyncMap<String, String> owner,
      AsyncMap<String, String> proofs, AsyncMap<String, String> members) {
    this.dedup = dedup;
    this.jobs = jobs;
    this.owner = owner;
    this.proofs = proofs;
    this.members = members;
  }

  /** Opens the maps; blocks the calling thread (never an event loop: this runs at start). */
  static SharedMaps open(Vertx vertx) {
    var d = vertx.sharedData();
    return new SharedMaps(d.<String, String>getClusterWideMap("zkml.dedup").await(),
        d.<String, String>getClusterWideMap("zkml.jobs").await(),
        d.<String, String>getClusterWideMap("zkml.owner").await(),
        d.<String, String>getClusterWideMap("zkml.proofs").await(),
        d.<String, String>getClusterWideMap("zkml.members").await());
  }

  static <T> CompletableFuture<T> cf(Future<T> f) {
    return f.toCompletionStage().toCompletableFuture();
  }
}
