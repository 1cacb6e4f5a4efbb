package io.homeostat.exporter.prometheusremotewrite;

import com.google.protobuf.Message;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.pipeline.Exporter;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.telemetry.RateLimitedLog;
import io.homeostat.exporter.prometheus.translate.Accumulator;
import io.homeostat.exporter.prometheus.translate.Drops;
import io.homeostat.exporter.prometheus.translate.MetricNamer;
import io.homeostat.exporter.prometheus.translate.Series;
import io.homeostat.exporter.prometheus.translate.Translator;
import io.homeostat.exporter.sending.QueuedExporter;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code prometheusremotewrite} exporter. {@link #offer} (the pipeline thread) runs each
 * request through the {@link Accumulator}, which makes delta points cumulative and drops what
 * Prometheus cannot take, and queues the result: a cumulative OTLP request, which the
 * {@link QueuedExporter}'s senders translate and post, so that a retry sends the same samples
 * (and an on-disk queue holds plain OTLP). The request is taken into the accumulator only once
 * it is queued: a refused one is sent again by its client and must not be added twice.
 *
 * <p>A sweeper thread ends the series that got no point for {@code metric_expiration}: it queues
 * their last points again, flagged "no recorded value", which the sender writes as stale markers.
 */
final class RemoteWriteExporter implements Exporter {

  private static final Logger log = LoggerFactory.getLogger(RemoteWriteExporter.class);
  /** How often expired series are looked for, at most and at least. */
  private static final Duration MAX_SWEEP_PERIOD = Duration.ofSeconds(30);
  private static final Duration MIN_SWEEP_PERIOD = Duration.ofSeconds(1);

  private final String id;
  private final QueuedExporter queued;
  private final Accumulator accumulator;
  private final Clock clock;
  private final Duration sweepPeriod;
  private final MetricRegistry registry;
  private final RateLimitedLog failures = new RateLimitedLog(log, Duration.ofSeconds(10));
  private ScheduledExecutorService sweeper;

  RemoteWriteExporter(ComponentSettings settings, PrometheusRemoteWriteConfig config,
      Clock clock, LongSupplier nanoTime) {
    this.id = settings.id().toString();
    this.clock = clock;
    this.registry = settings.metrics();
    MetricNamer namer = new MetricNamer(config.namespace(), config.addMetricSuffixes());
    this.accumulator = new Accumulator(namer, config.metricExpiration(), nanoTime,
        new Drops(registry, id));
    Translator translator = new Translator(namer,
        config.resourceToTelemetryConversion().enabled(), config.externalLabels());
    this.queued = new QueuedExporter(settings, Set.of(Signal.METRICS),
        new RemoteWriteSender(settings, config, translator, clock), config.timeout(),
        config.sendingQueue(), config.retryOnFailure());
    Duration quarter = config.metricExpiration().dividedBy(4);
    this.sweepPeriod = quarter.compareTo(MAX_SWEEP_PERIOD) > 0 ? MAX_SWEEP_PERIOD
        : quarter.compareTo(MIN_SWEEP_PERIOD) < 0 ? MIN_SWEEP_PERIOD : quarter;
    registry.gauge("homeostat_exporter_series", "Series a Prometheus exporter holds.",
        accumulator::size, "exporter", id);
  }

  @Override
  public void start() throws Exception {
    queued.start();
    sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "exporter-" + id + "-expiry");
      thread.setDaemon(true);
      return thread;
    });
    sweeper.scheduleAtFixedRate(this::endExpiredSeries, sweepPeriod.toMillis(),
        sweepPeriod.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public boolean offer(Signal signal, Message request) {
    if (signal != Signal.METRICS) {
      throw new IllegalArgumentException("exporter " + id + " takes metrics only, not "
          + signal.configName());
    }
    Accumulator.Batch batch = accumulator.prepare((ExportMetricsServiceRequest) request);
    if (!batch.isEmpty() && !queued.offer(signal, batch.request())) {
      return false;
    }
    batch.commit();
    return true;
  }

  /** Queues stale markers for the series that expired; called by the sweeper thread. */
  void endExpiredSeries() {
    try {
      List<Series> expired = accumulator.expire();
      if (expired.isEmpty()) {
        return;
      }
      Instant now = clock.instant();
      long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
      if (!queued.offer(Signal.METRICS, Accumulator.endOf(expired, nanos))) {
        failures.warn("stale_markers", "exporter " + id + " could not queue the stale markers "
            + "of " + expired.size() + " expired series: its sending queue is full; Prometheus "
            + "shows their last values for up to 5 minutes more", null);
      }
    } catch (RuntimeException e) {
      failures.warn("sweep", "exporter " + id + " failed to end expired series (a bug: please "
          + "report it): " + e, e);
    }
  }

  @Override
  public void shutdown(Deadline deadline) {
    if (sweeper != null) {
      sweeper.shutdownNow();
      try {
        sweeper.awaitTermination(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    queued.shutdown(deadline);
    registry.removeGauge("homeostat_exporter_series", "exporter", id);
  }
}
