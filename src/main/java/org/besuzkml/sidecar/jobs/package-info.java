/**
 * Admission, dedup, the proving pool and job events:
 * {@link org.besuzkml.sidecar.jobs.JobScheduler} turns requests into stored jobs and runs them on
 * a bounded pool sized by {@link org.besuzkml.sidecar.jobs.PoolSizing}; cancellation and deadlines
 * are checked between prover phases. {@link org.besuzkml.sidecar.jobs.JobEvents} keeps each job's
 * recent events for resumable server-sent events. Plain Java, no Vert.x: tests drive it directly.
 */
package org.besuzkml.sidecar.jobs;
