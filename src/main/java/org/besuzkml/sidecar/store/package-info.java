/**
 * Durable job storage: {@link org.besuzkml.sidecar.store.JobStore} (plain Java, futures that
 * complete once a write is fsynced) and its SQLite implementation (WAL, {@code synchronous=FULL},
 * one writer thread with group commit). {@link org.besuzkml.sidecar.store.Job} and
 * {@link org.besuzkml.sidecar.store.JobState} are the stored job and its state machine. No Vert.x.
 */
package org.besuzkml.sidecar.store;
