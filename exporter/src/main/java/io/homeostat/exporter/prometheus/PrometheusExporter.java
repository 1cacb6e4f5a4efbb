package io.homeostat.exporter.prometheus;

import com.google.protobuf.Message;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.net.HttpServer;
import io.homeostat.core.pipeline.Exporter;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.Counter;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.exporter.prometheus.translate.Accumulator;
import io.homeostat.exporter.prometheus.translate.Drops;
import io.homeostat.exporter.prometheus.translate.MetricNamer;
import io.homeostat.exporter.prometheus.translate.Translator;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code prometheus} exporter: a scrape endpoint, as the Collector's. {@link #offer} (the
 * pipeline thread) only updates the {@link Accumulator}; a scrape reads the series held at that
 * moment, on the HTTP listener's thread, and translates them then.
 */
final class PrometheusExporter implements Exporter {

  private static final Logger log = LoggerFactory.getLogger(PrometheusExporter.class);
  /** Scrapes carry no body worth the name. */
  private static final int MAX_BODY_BYTES = 8192;

  private final String id;
  private final PrometheusConfig config;
  private final MetricRegistry registry;
  private final Accumulator accumulator;
  private final Translator translator;
  private final Snapshots snapshots;
  private final Counter sent;
  private volatile HttpServer server;

  PrometheusExporter(ComponentSettings settings, PrometheusConfig config, LongSupplier nanoTime) {
    this.id = settings.id().toString();
    this.config = config;
    this.registry = settings.metrics();
    Drops drops = new Drops(registry, id);
    MetricNamer namer = new MetricNamer(config.namespace(), config.addMetricSuffixes());
    this.accumulator = new Accumulator(namer, config.metricExpiration(), nanoTime, drops);
    this.translator = new Translator(namer, config.resourceToTelemetryConversion().enabled(),
        config.constLabels());
    this.snapshots = new Snapshots(config.sendTimestamps(), drops);
    this.sent = registry.counter("homeostat_exporter_sent_metric_points_total",
        "The metric points the backend accepted.", "exporter", id);
    registry.gauge("homeostat_exporter_series", "Series a Prometheus exporter holds.",
        accumulator::size, "exporter", id);
  }

  @Override
  public void start() throws IOException {
    server = HttpServer.start(new HttpServer.Options("exporters." + id, config.endpoint(),
        MAX_BODY_BYTES, false, 1), new ScrapeHandler(this::scrape, config.enableOpenMetrics()));
    log.atInfo().addKeyValue("exporter", id)
        .addKeyValue("endpoint", config.endpoint().withPort(address().getPort()))
        .log("Prometheus scrape endpoint listening on {}", ScrapeHandler.PATH);
  }

  /** Takes the request's points into the series held; never refuses. */
  @Override
  public boolean offer(Signal signal, Message request) {
    if (signal != Signal.METRICS) {
      throw new IllegalArgumentException("exporter " + id + " takes metrics only, not "
          + signal.configName());
    }
    Accumulator.Batch batch = accumulator.prepare((ExportMetricsServiceRequest) request);
    batch.commit();
    sent.add(batch.points());
    return true;
  }

  /** The series held now, for one scrape; expired ones are dropped on the way. */
  MetricSnapshots scrape() {
    return snapshots.of(translator.translate(accumulator.live()));
  }

  /** Where the scrape endpoint listens (the real port when the endpoint asked for port 0). */
  InetSocketAddress address() {
    return server.address();
  }

  @Override
  public void shutdown(Deadline deadline) {
    if (server != null) {
      server.shutdown(deadline);
    }
    registry.removeGauge("homeostat_exporter_series", "exporter", id);
  }
}
