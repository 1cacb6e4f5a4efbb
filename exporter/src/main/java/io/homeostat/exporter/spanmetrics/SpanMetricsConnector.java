package io.homeostat.exporter.spanmetrics;

import com.google.protobuf.Message;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.pipeline.Connector;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.RequestConsumer;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.Counter;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.telemetry.RateLimitedLog;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code spanmetrics} connector at work: the traces pipelines offer it their requests on the
 * pipeline thread, where {@link SeriesTable} counts the spans; every
 * {@code metrics_flush_interval} its own thread writes the series as OTLP metrics and hands them to
 * the metrics pipelines that receive from it, through the ring like a receiver's request.
 *
 * <p>One flush is in flight at a time. When the metrics pipelines refuse one (the ring or an
 * exporter's queue is full), nothing is lost: cumulative points carry everything at the next
 * flush, and delta points count from the last flush that was taken. At shutdown, once the ring has
 * handled the last spans, the last flush goes out.
 */
final class SpanMetricsConnector implements Connector {

  private static final Logger log = LoggerFactory.getLogger(SpanMetricsConnector.class);
  private static final String SERIES_GAUGE = "homeostat_spanmetrics_series";

  private final String id;
  private final MetricRegistry registry;
  private final Duration interval;
  private final RequestConsumer metrics;
  private final Clock clock;
  private final SeriesTable table;
  private final FlushWriter writer;
  private final Counter refusedFlushes;
  private final RateLimitedLog rateLimited = new RateLimitedLog(log, Duration.ofSeconds(10));
  private volatile CompletableFuture<Outcome> inFlight = CompletableFuture.completedFuture(null);
  private ScheduledExecutorService flusher;

  SpanMetricsConnector(ComponentSettings settings, SpanMetricsConfig config,
      RequestConsumer metrics, Clock clock) {
    this.id = settings.id().toString();
    this.registry = settings.metrics();
    this.interval = config.metricsFlushInterval();
    this.metrics = metrics;
    this.clock = clock;
    Counter overflowSpans = registry.counter("homeostat_spanmetrics_overflow_spans_total",
        "Spans counted in the overflow series because the series of their dimensions would have "
            + "gone past aggregation_cardinality_limit.", "connector", id);
    this.refusedFlushes = registry.counter("homeostat_spanmetrics_refused_flushes_total",
        "Flushes the metrics pipelines refused (ring or exporter queue full); their data goes "
            + "out with the next flush.", "connector", id);
    int limit = config.aggregationCardinalityLimit();
    this.table = new SeriesTable(config, histograms(config.histogram()), clock, overflowSpans,
        () -> rateLimited.warn("cardinality", "connector " + id + " holds "
            + limit + " series (aggregation_cardinality_limit); spans of new series are counted "
            + "in the series marked otel.metric.overflow=true: check the extra dimensions for "
            + "values without bound (ids, URLs), or raise the limit", null));
    this.writer = new FlushWriter(config, table);
    registry.gauge(SERIES_GAUGE, "Series the spanmetrics connector holds, not counting the "
        + "overflow series.", table::size, "connector", id);
  }

  /** What makes each new series' duration histogram, by the config; null when disabled. */
  static Supplier<DurationHistogram> histograms(SpanMetricsConfig.Histogram config) {
    if (config.disable()) {
      return () -> null;
    }
    if (config.exponential() != null) {
      int maxSize = config.exponential().maxSize();
      return () -> new ExponentialHistogram(maxSize);
    }
    double[] bounds = config.bounds();
    return () -> new ExplicitHistogram(bounds);
  }

  @Override
  public void start() {
    flusher = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "homeostat-spanmetrics-" + id);
      thread.setDaemon(true);
      return thread;
    });
    flusher.scheduleWithFixedDelay(this::tick, interval.toNanos(), interval.toNanos(),
        TimeUnit.NANOSECONDS);
  }

  @Override
  public boolean offer(Signal signal, Message request) {
    if (request instanceof ExportTraceServiceRequest traces) {
      table.add(traces);
    }
    return true;
  }

  private void tick() {
    try {
      if (inFlight.isDone()) {
        flush();
      }
    } catch (RuntimeException e) {
      // The scheduler would run no further flushes after an exception; count on and keep going.
      rateLimited.warn("flush", "connector " + id + " failed to write its metrics; this is a bug "
          + "to report, the next flush tries again", e);
    }
  }

  /** Writes the series and hands them to the metrics pipelines; nothing when there are none. */
  void flush() {
    Instant now = clock.instant();
    Flush flush = writer.write(now.toEpochMilli(),
        now.getEpochSecond() * 1_000_000_000L + now.getNano());
    if (flush == null) {
      return;
    }
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    inFlight = done;
    metrics.consume(flush.request(), outcome -> {
      if (outcome instanceof Outcome.Accepted) {
        flush.taken();
      } else {
        refusedFlushes.inc();
        rateLimited.warn("refused", "the metrics pipelines refused the metrics of connector " + id
            + " (" + outcome + "); they go out with the next flush", null);
      }
      done.complete(outcome);
    });
  }

  @Override
  public void shutdown(Deadline deadline) {
    if (flusher != null) {
      flusher.shutdown();
      try {
        flusher.awaitTermination(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
        inFlight.get(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        log.atWarn().addKeyValue("connector", id).log("the metrics pipelines did not answer the "
            + "previous flush before the shutdown timeout; sending the last one anyway");
      }
    }
    try {
      flush();
    } catch (RuntimeException e) {
      log.atWarn().setCause(e).addKeyValue("connector", id)
          .log("the last flush of span metrics failed; they are lost");
    }
    registry.removeGauge(SERIES_GAUGE, "connector", id);
  }
}
