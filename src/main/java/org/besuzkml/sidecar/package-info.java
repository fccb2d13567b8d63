/**
 * The proving sidecar (issue 9): a long-running service that proves each inference once.
 *
 * <p>Data flows one way: {@code rpc} (Vert.x HTTP: JSON-RPC 2.0 at /rpc, server-sent events,
 * /metrics, /health, /ready) calls {@code jobs} (admission, dedup, the job state machine, the
 * bounded proving pool), which persists through {@code store} (SQLite, WAL, fsync per group commit)
 * and proves with the models of {@code models} (pk.bzkk and model.bzkm loaded once).
 * {@link org.besuzkml.sidecar.Sidecar} wires them; {@code cluster} joins sidecars (Hazelcast, shared
 * maps). Only {@code rpc}, {@code cluster} and {@code Sidecar} see Vert.x;
 * the store and the scheduler are plain Java so that tests can drive and kill them directly.
 *
 * <p>Prover side: may use anything from the prover side and Vert.x 5. The verifier side
 * ({@code precompile}, {@code besu}, {@code proof.verify}, {@code codec}, ...) never references it,
 * and the Besu plugin jar does not contain it.
 */
package org.besuzkml.sidecar;
