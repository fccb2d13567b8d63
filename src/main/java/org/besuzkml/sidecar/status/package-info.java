/**
 * The status page at {@code /}: {@link org.besuzkml.sidecar.status.StatusPage} serves its static
 * files (HTML, JS, CSS, held in memory), {@link org.besuzkml.sidecar.status.RecentJobs} remembers
 * the last jobs this process saw, and {@link org.besuzkml.sidecar.status.StatusMethod} answers
 * {@code zkml_status} (queue figures and those jobs, without their ids unless the caller is the
 * operator: a job id is what reads a job's proof, and with it the job's inputs).
 */
package org.besuzkml.sidecar.status;
