package org.besuzkml.sidecar.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Consumer;
import org.besuzkml.sidecar.jobs.JobChange;
import org.besuzkml.sidecar.jobs.JobScheduler;
import org.besuzkml.sidecar.store.JobState;

/**
 * The Prometheus metrics of /metrics: {@code zkml_queue_depth}, {@code zkml_running_jobs},
 * {@code zkml_jobs_total{model,outcome}} (accepted and each end state), {@code
 * zkml_proving_seconds{model}} (a histogram), {@code zkml_dedup_hits_total{model}}, and the store's
 * {@code zkml_store_commits_total} / {@code zkml_store_writes_total} (their ratio is the group
 * commit factor), and {@code zkml_chain_submissions_total{model,outcome}} (outcome SUBMITTED,
 * CONFIRMED, REVERTED, FAILED_RETRYABLE). Vert.x's own HTTP metrics join the same registry.
 */
public final class SidecarMetrics implements Consumer<JobChange> {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Gauges read from the scheduler and the store counters. */
  public void bind(JobScheduler s, org.besuzkml.sidecar.store.JobStore store) {
    Gauge.builder("zkml_queue_depth", s, JobScheduler::queueDepth).description("jobs accepted, not yet proving")
        .register(registry);
    Gauge.builder("zkml_running_jobs", s, JobScheduler::running).description("proofs running now")
        .register(registry);
    Gauge.builder("zkml_prover_workers", s, JobScheduler::workers).description("size of the proving pool")
        .register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder("zkml_store_commits", store, st -> st.commits())
        .description("fsynced commits of the job store").register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder("zkml_store_writes", store, st -> st.writes())
        .description("writes carried by those commits").register(registry);
  }

  @Override
  public void accept(JobChange c) {
    String model = c.job().model();
    switch (c.kind()) {
      case DEDUP -> Counter.builder("zkml_dedup_hits").tag("model", model).register(registry).increment();
      case PROGRESS -> { }
      case STATE -> {
        JobState s = c.job().state();
        if (c.submission() != null) {
          String outcome = s != JobState.FAILED ? s.name() : c.job().retryable() ? "FAILED_RETRYABLE" : "REVERTED";
          Counter.builder("zkml_chain_submissions").description("chain submission steps by outcome")
              .tag("model", model).tag("outcome", outcome).register(registry).increment();
          return; // the proof's own outcome (PROVED) was counted already
        }
        if (s == JobState.ACCEPTED || !s.live()) {
          Counter.builder("zkml_jobs").tag("model", model).tag("outcome", s.name()).register(registry).increment();
        }
        if (s == JobState.PROVED && c.provingNanos() > 0) {
          Timer.builder("zkml_proving").tag("model", model).publishPercentileHistogram()
              .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(30))
              .register(registry).record(Duration.ofNanos(c.provingNanos()));
        }
      }
      default -> { }
    }
  }

  public String scrape() {
    return registry.scrape();
  }
}
