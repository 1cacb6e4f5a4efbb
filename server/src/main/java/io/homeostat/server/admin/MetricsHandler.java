package io.homeostat.server.admin;

import io.homeostat.core.net.HttpHandler;
import io.homeostat.core.net.HttpRequest;
import io.homeostat.core.net.HttpResponder;
import io.homeostat.core.telemetry.MetricFamily;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /metrics}: the self metrics in the Prometheus text format 0.0.4, or OpenMetrics 1.0
 * when the {@code Accept} header asks for {@code application/openmetrics-text}, written by the
 * Prometheus client's own writers over snapshots built here.
 */
final class MetricsHandler implements HttpHandler {

  private static final String TOTAL = "_total";

  private final List<MetricSource> sources;
  private final PrometheusTextFormatWriter text = PrometheusTextFormatWriter.create();
  private final OpenMetricsTextFormatWriter openMetrics = OpenMetricsTextFormatWriter.create();

  MetricsHandler(List<MetricSource> sources) {
    this.sources = List.copyOf(sources);
  }

  @Override
  public void handle(HttpRequest request, HttpResponder responder) {
    String accept = request.headers().get(HttpHeaderNames.ACCEPT);
    ExpositionFormatWriter writer =
        accept != null && openMetrics.accepts(accept) ? openMetrics : text;
    List<MetricFamily> families = new ArrayList<>();
    for (MetricSource source : sources) {
      families.addAll(source.collect());
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
    try {
      writer.write(body, snapshots(families));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to a byte array", e);
    }
    responder.respond(HttpResponseStatus.OK, writer.getContentType(), body.toByteArray());
  }

  /**
   * Our families as the Prometheus client's snapshots. The client names a counter without its
   * {@code _total} suffix and adds it when writing, so the suffix comes off here.
   */
  static MetricSnapshots snapshots(List<MetricFamily> families) {
    List<MetricSnapshot> snapshots = new ArrayList<>(families.size());
    for (MetricFamily family : families) {
      snapshots.add(family.type() == MetricFamily.Type.COUNTER ? counter(family) : gauge(family));
    }
    return new MetricSnapshots(snapshots);
  }

  private static CounterSnapshot counter(MetricFamily family) {
    String name = family.name();
    CounterSnapshot.Builder counter = CounterSnapshot.builder()
        .name(name.endsWith(TOTAL) ? name.substring(0, name.length() - TOTAL.length()) : name)
        .help(family.help());
    for (MetricFamily.Sample sample : family.samples()) {
      counter.dataPoint(CounterDataPointSnapshot.builder()
          .labels(labels(sample.labels())).value(sample.value()).build());
    }
    return counter.build();
  }

  private static GaugeSnapshot gauge(MetricFamily family) {
    GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(family.name()).help(family.help());
    for (MetricFamily.Sample sample : family.samples()) {
      gauge.dataPoint(GaugeDataPointSnapshot.builder()
          .labels(labels(sample.labels())).value(sample.value()).build());
    }
    return gauge.build();
  }

  private static Labels labels(Map<String, String> labels) {
    return labels.isEmpty() ? Labels.EMPTY
        : Labels.of(new ArrayList<>(labels.keySet()), new ArrayList<>(labels.values()));
  }
}
