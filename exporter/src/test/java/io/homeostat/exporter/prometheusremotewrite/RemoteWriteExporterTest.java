package io.homeostat.exporter.prometheusremotewrite;

import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.CUMULATIVE;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.DELTA;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.SECOND;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.T0;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.attributes;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.counter;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.gauge;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.histogram;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.histogramPoint;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.number;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.request;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.sum;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.testing.Await;
import io.homeostat.exporter.ConfigFixture;
import io.homeostat.core.testing.LogCapture;
import io.homeostat.exporter.otlp.FakeHttpBackend;
import io.homeostat.exporter.otlp.FakeHttpBackend.Answer;
import io.homeostat.exporter.otlp.FakeHttpBackend.Received;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RemoteWriteExporterTest {

  private static final PrometheusRemoteWriteExporterFactory FACTORY =
      new PrometheusRemoteWriteExporterFactory();
  /** The wall clock: a minute after {@code T0}. */
  private static final Instant NOW = Instant.ofEpochSecond(T0 / SECOND + 60);
  private static final String JOB = "instance=\"checkout-1\",job=\"shop/checkout\"";
  private static final String SCOPE = "otel_scope_name=\"io.homeostat.shop\","
      + "otel_scope_version=\"1.2.0\"";
  private static final String LABELS = JOB + "," + SCOPE;

  private final MetricRegistry registry = new MetricRegistry();
  private final AtomicLong nanos = new AtomicLong();
  private FakeHttpBackend backend;
  private RemoteWriteExporter exporter;

  @BeforeEach
  void startBackend() throws Exception {
    backend = new FakeHttpBackend(false);
  }

  @AfterEach
  void stop() {
    if (exporter != null) {
      exporter.shutdown(Deadline.in(Duration.ofSeconds(5)));
    }
    backend.close();
  }

  private RemoteWriteExporter start(String extra) throws Exception {
    PrometheusRemoteWriteConfig config = ConfigFixture.bind(FACTORY,
        "prometheusremotewrite:\n  endpoint: " + backend.url() + "/api/v1/write\n" + extra);
    exporter = new RemoteWriteExporter(new ComponentSettings(
        ComponentId.parse("prometheusremotewrite"), registry, Path.of(".")), config,
        Clock.fixed(NOW, ZoneOffset.UTC), nanos::get);
    exporter.start();
    return exporter;
  }

  private List<String> nextSeries() throws Exception {
    return WriteRequests.decode(backend.nextRequest().body()).stream()
        .map(WriteRequests.Series::toString).toList();
  }

  private double metric(String name) {
    return registry.value(name, "exporter", "prometheusremotewrite");
  }

  /** A counter, a gauge of unit 1 and a histogram, at T0 + 10s. */
  private static ExportMetricsServiceRequest shop() {
    return request(
        counter("orders", "{order}", number(3L, T0, T0 + 10 * SECOND,
            attributes("req", "REQ-F-ORDER-001"))),
        gauge("cache.hit", "1", number(0.75, 0, T0 + 10 * SECOND, List.of())),
        histogram("login.latency", "ms", CUMULATIVE, histogramPoint(new double[] {100, 500},
            new long[] {1, 1, 0}, 850.5, T0, T0 + 10 * SECOND,
            attributes("req", "REQ-NFR-PERF-001"))));
  }

  @Test
  void samplesArePostedAsSnappyBlockProtobufWithTheRequiredHeaders() throws Exception {
    start("  headers: { X-Scope-OrgID: shop }\n");
    assertTrue(exporter.offer(Signal.METRICS, shop()));
    Received received = backend.nextRequest();
    assertEquals("/api/v1/write", received.path());
    assertEquals("snappy", received.headers().get("Content-Encoding"));
    assertEquals("application/x-protobuf", received.headers().get("Content-Type"));
    assertEquals("0.1.0", received.headers().get("X-Prometheus-Remote-Write-Version"));
    assertTrue(received.headers().get("User-Agent").startsWith("Homeostat/"),
        received.headers().get("User-Agent"));
    assertEquals("shop", received.headers().get("X-Scope-OrgID"));
    assertTrue(received.body()[0] != (byte) 0xff, "the framed format's stream identifier");
    String time = " @1795256110000";
    String req = ",req=\"REQ-NFR-PERF-001\"";
    String latency = "{__name__=\"login_latency_milliseconds";
    assertEquals(List.of(
        "{__name__=\"orders_total\"," + LABELS + ",req=\"REQ-F-ORDER-001\"} 3.0" + time,
        "{__name__=\"cache_hit_ratio\"," + LABELS + "} 0.75" + time,
        latency + "_bucket\"," + JOB + ",le=\"100.0\"," + SCOPE + req + "} 1.0" + time,
        latency + "_bucket\"," + JOB + ",le=\"500.0\"," + SCOPE + req + "} 2.0" + time,
        latency + "_bucket\"," + JOB + ",le=\"+Inf\"," + SCOPE + req + "} 2.0" + time,
        latency + "_sum\"," + LABELS + req + "} 850.5" + time,
        latency + "_count\"," + LABELS + req + "} 2.0" + time,
        "{__name__=\"target_info\",cloud_region=\"eu\",instance=\"checkout-1\","
            + "job=\"shop/checkout\"} 1.0" + time),
        WriteRequests.decode(received.body()).stream().map(WriteRequests.Series::toString)
            .toList());
  }

  @Test
  void labelsAreSortedByNameWithTheNameLabelAmongThem() throws Exception {
    start("");
    exporter.offer(Signal.METRICS, request(gauge("g", "", number(1.0, 0, T0,
        attributes("Zone", "a", "zone", "b", "_x", "c")))));
    for (WriteRequests.Series series : WriteRequests.decode(backend.nextRequest().body())) {
      List<String> names = series.labels().stream().map(label -> label[0]).toList();
      assertEquals(names.stream().sorted().toList(), names);
      assertTrue(series.labels().stream().noneMatch(l -> l[0].isEmpty() || l[1].isEmpty()));
    }
  }

  @Test
  void externalLabelsFillGapsWithoutReplacingTheSeriesOwn() throws Exception {
    start("  external_labels: { cluster: eu-1, req: none }\n");
    exporter.offer(Signal.METRICS, request(gauge("g", "", number(1.0, 0, T0,
        attributes("req", "REQ-1")))));
    assertEquals(List.of(
        "{__name__=\"g\",cluster=\"eu-1\"," + LABELS + ",req=\"REQ-1\"} 1.0 @1795256100000",
        "{__name__=\"target_info\",cloud_region=\"eu\",cluster=\"eu-1\",instance=\"checkout-1\","
            + "job=\"shop/checkout\",req=\"none\"} 1.0 @1795256100000"), nextSeries());
  }

  @Test
  void deltaCountersAreSentAsRunningTotals() throws Exception {
    start("");
    exporter.offer(Signal.METRICS, request(sum("orders", "", true, DELTA,
        number(2L, T0, T0 + SECOND, List.of()))));
    exporter.offer(Signal.METRICS, request(sum("orders", "", true, DELTA,
        number(3L, T0 + SECOND, T0 + 2 * SECOND, List.of()))));
    assertEquals("{__name__=\"orders_total\"," + LABELS + "} 2.0 @1795256101000",
        nextSeries().get(0));
    assertEquals("{__name__=\"orders_total\"," + LABELS + "} 5.0 @1795256102000",
        nextSeries().get(0));
  }

  @Test
  void aSeriesThatStopsIsEndedWithStaleMarkersAfterTheExpiration() throws Exception {
    start("  metric_expiration: 1m\n");
    exporter.offer(Signal.METRICS, request(
        counter("orders", "", number(3L, T0, T0 + 10 * SECOND, List.of())),
        histogram("latency", "s", CUMULATIVE, histogramPoint(new double[] {1}, new long[] {1, 0},
            0.5, T0, T0 + 10 * SECOND, List.of()))));
    backend.nextRequest();
    exporter.endExpiredSeries();
    nanos.addAndGet(Duration.ofSeconds(61).toNanos());
    exporter.endExpiredSeries();
    String stale = " stale @" + NOW.toEpochMilli();
    assertEquals(Stream.of(
        "{__name__=\"orders_total\"," + LABELS + "}" + stale,
        "{__name__=\"latency_seconds_bucket\"," + JOB + ",le=\"1.0\"," + SCOPE + "}" + stale,
        "{__name__=\"latency_seconds_bucket\"," + JOB + ",le=\"+Inf\"," + SCOPE + "}" + stale,
        "{__name__=\"latency_seconds_sum\"," + LABELS + "}" + stale,
        "{__name__=\"latency_seconds_count\"," + LABELS + "}" + stale).sorted().toList(),
        nextSeries().stream().sorted().toList(), "expired series come in no particular order");
    assertEquals(0.0, metric("homeostat_exporter_series"));
  }

  @Test
  void fiveHundredsAnd429AreRetriedWithTheSameSamples() throws Exception {
    start(ConfigFixture.FAST_RETRY);
    backend.answerNext(new Answer(503, Map.of(), "text/plain", "down".getBytes()),
        new Answer(429, Map.of("Retry-After", "0"), "text/plain", "slow down".getBytes()));
    exporter.offer(Signal.METRICS, shop());
    byte[] first = backend.nextRequest().body();
    assertArrayEquals(first, backend.nextRequest().body());
    assertArrayEquals(first, backend.nextRequest().body());
    Await.equal(3.0, () -> metric("homeostat_exporter_sent_metric_points_total"));
    assertEquals(2.0, metric("homeostat_exporter_retries_total"));
  }

  @Test
  void otherClientErrorsAreFinalAndReportedWithTheReceiversMessage() throws Exception {
    start(ConfigFixture.FAST_RETRY);
    backend.answerNext(new Answer(400, Map.of(), "text/plain",
        "out of order sample".getBytes(StandardCharsets.UTF_8)));
    try (LogCapture logs = new LogCapture()) {
      exporter.offer(Signal.METRICS, shop());
      backend.nextRequest();
      String reason = "the remote-write receiver at " + backend.url() + "/api/v1/write answered "
          + "400: out of order sample; the receiver refused the samples (out of order or too old "
          + "ones are refused this way: keep sending_queue.num_consumers at 1)";
      Await.until("the failure to be logged", () -> logs.lines(reason).size() == 1);
      assertEquals(3.0, metric("homeostat_exporter_send_failed_metric_points_total"));
    }
    assertEquals(0, backend.requests.size(), "not retried");
  }

  @Test
  void aRequestWithNothingToSendIsTakenWithoutAWrite() throws Exception {
    start("");
    assertTrue(exporter.offer(Signal.METRICS, request(sum("queue", "", false, DELTA,
        number(1L, T0, T0 + SECOND, List.of())))));
    exporter.offer(Signal.METRICS, request(gauge("g", "", number(1.0, 0, T0, List.of()))));
    assertEquals("{__name__=\"g\"," + LABELS + "} 1.0 @1795256100000", nextSeries().get(0));
    assertEquals(1.0, registry.value("homeostat_exporter_dropped_metric_points_total",
        "exporter", "prometheusremotewrite", "reason", "non_monotonic_delta"));
  }
}
