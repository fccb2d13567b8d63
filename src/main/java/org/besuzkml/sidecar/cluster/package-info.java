/**
 * The sidecar cluster ({@code sidecar --cluster}): sidecars joined through Vert.x's Hazelcast
 * cluster manager share a few maps and nothing else.
 *
 * <ul>
 *   <li>{@code zkml.dedup}: dedup key to job id, claimed with putIfAbsent before a job is stored,
 *       so one key is one job across the cluster;
 *   <li>{@code zkml.jobs}: job id to {@link org.besuzkml.sidecar.cluster.JobRecord} (the job, its
 *       owner member, and while live its quantized input, so that a survivor can run it again);
 *   <li>{@code zkml.owner}: job id to the node id of the member that runs it, for live jobs only;
 *       a survivor adopts the jobs of a departed member by compare-and-set on this entry;
 *   <li>{@code zkml.proofs}: job id to proof JSON, so any member answers zkml_getJob;
 *   <li>{@code zkml.members}: node id to the member's RPC URL and load, refreshed every 250 ms.
 * </ul>
 *
 * <p>Every member stores the jobs it runs in its own durable store, which stays the truth for what it
 * accepted; the maps are the cluster's working view and do not outlive the cluster. Members talk
 * to each other over their JSON-RPC (to hand a job to the least-loaded member, to proxy a cancel),
 * never over the event bus, whose stale addresses after a killed member are a known failure.
 * Depends on {@code jobs}, {@code models}, {@code rpc}, {@code store} and Vert.x; nothing else
 * depends on it but {@link org.besuzkml.sidecar.Sidecar}.
 */
package org.besuzkml.sidecar.cluster;
