package io.homeostat.exporter.prometheus;

import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.CUMULATIVE;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.SECOND;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.T0;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.attributes;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.counter;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.exemplar;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.gauge;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.histogram;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.histogramPoint;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.number;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.exporter.ConfigFixture;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrometheusExporterTest {

  private static final PrometheusExporterFactory FACTORY = new PrometheusExporterFactory();
  private static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0";

  private final MetricRegistry registry = new MetricRegistry();
  private final AtomicLong nanos = new AtomicLong();
  private final HttpClient http = HttpClient.newHttpClient();
  private PrometheusExporter exporter;

  @AfterEach
  void stop() {
    if (exporter != null) {
      exporter.shutdown(Deadline.in(Duration.ofSeconds(5)));
    }
  }

  private PrometheusExporter start(String extra) throws Exception {
    PrometheusConfig config = ConfigFixture.bind(FACTORY,
        "prometheus:\n  endpoint: 127.0.0.1:0\n" + extra);
    exporter = new PrometheusExporter(new ComponentSettings(ComponentId.parse("prometheus"),
        registry, Path.of(".")), config, nanos::get);
    exporter.start();
    return exporter;
  }

  private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + exporter.address().getPort() + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private String scrape(String... headers) throws Exception {
    HttpResponse<byte[]> response = get("/metrics", headers);
    assertEquals(200, response.statusCode());
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  /** A counter with an exemplar, a gauge of unit 1 and a histogram with an exemplar. */
  private static ExportMetricsServiceRequest shop() {
    return request(
        counter("orders", "{order}", number(3L, T0, T0 + 10 * SECOND,
            attributes("req", "REQ-F-ORDER-001")).toBuilder()
            .addExemplars(exemplar(1, T0 + 9 * SECOND)).build())
            .toBuilder().setDescription("Orders placed.").build(),
        gauge("cache.hit", "1", number(0.75, 0, T0 + 10 * SECOND, List.of())),
        histogram("login.latency", "ms", CUMULATIVE, histogramPoint(new double[] {100, 500},
            new long[] {1, 1, 0}, 850.5, T0, T0 + 10 * SECOND,
            attributes("req", "REQ-NFR-PERF-001")).toBuilder()
            .addExemplars(exemplar(120.5, T0 + 8 * SECOND)).build()));
  }

  @Test
  void aScrapeInTheTextFormat() throws Exception {
    start("");
    exporter.offer(Signal.METRICS, shop());
    HttpResponse<byte[]> response = get("/metrics");
    assertEquals("text/plain; version=0.0.4; charset=utf-8",
        response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(TEXT, new String(response.body(), StandardCharsets.UTF_8));
  }

  @Test
  void openMetricsWithExemplarsWhenEnabledAndAskedFor() throws Exception {
    start("  enable_open_metrics: true\n");
    exporter.offer(Signal.METRICS, shop());
    HttpResponse<byte[]> response = get("/metrics", "Accept", OPEN_METRICS);
    assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8",
        response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(OPEN_METRICS_TEXT, new String(response.body(), StandardCharsets.UTF_8));
    assertEquals(TEXT, scrape(), "a scrape that does not ask for OpenMetrics gets text");
  }

  @Test
  void withoutEnableOpenMetricsEveryScrapeGetsText() throws Exception {
    start("");
    exporter.offer(Signal.METRICS, shop());
    assertEquals(TEXT, scrape("Accept", OPEN_METRICS));
  }

  @Test
  void sendTimestampsStampsEachSampleWithItsPointsTime() throws Exception {
    start("  send_timestamps: true\n");
    exporter.offer(Signal.METRICS, request(gauge("g", "", number(2.0, 0, T0 + 1_500_000,
        List.of()))));
    assertEquals("""
        # TYPE g gauge
        g{instance="checkout-1",job="shop/checkout",otel_scope_name="io.homeostat.shop",\
        otel_scope_version="1.2.0"} 2.0 1795256100001
        # HELP target_info Target metadata
        # TYPE target_info gauge
        target_info{cloud_region="eu",instance="checkout-1",job="shop/checkout"} 1
        """, scrape());
  }

  @Test
  void namespaceConstLabelsAndResourceAttributesOnEverySeries() throws Exception {
    start("""
          namespace: shop
          const_labels: { env: prod, job: not-this-one }
          resource_to_telemetry_conversion: { enabled: true }
        """);
    exporter.offer(Signal.METRICS, request(gauge("g", "", number(2.0, 0, T0, List.of()))));
    assertEquals("""
        # TYPE shop_g gauge
        shop_g{cloud_region="eu",env="prod",instance="checkout-1",job="shop/checkout",\
        otel_scope_name="io.homeostat.shop",otel_scope_version="1.2.0",\
        service_instance_id="checkout-1",service_name="checkout",service_namespace="shop"} 2.0
        """, scrape());
  }

  @Test
  void seriesLeaveTheScrapeOnceNotUpdatedForTheExpiration() throws Exception {
    start("  metric_expiration: 1m\n");
    exporter.offer(Signal.METRICS, request(gauge("g", "", number(2.0, 0, T0, List.of()))));
    nanos.addAndGet(Duration.ofSeconds(60).toNanos());
    assertTrue(scrape().contains("g{"));
    nanos.incrementAndGet();
    assertEquals("", scrape());
    assertEquals(0.0, registry.value("homeostat_exporter_series", "exporter", "prometheus"));
  }

  @Test
  void aScrapeThatAcceptsGzipGetsItCompressed() throws Exception {
    start("");
    exporter.offer(Signal.METRICS, shop());
    HttpResponse<byte[]> response = get("/metrics", "Accept-Encoding", "gzip");
    assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElseThrow());
    try (var in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
      assertEquals(TEXT, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void otherPathsAndMethodsAreRefused() throws Exception {
    start("");
    HttpResponse<byte[]> notFound = get("/");
    assertEquals(404, notFound.statusCode());
    assertEquals("not found: the Prometheus exporter serves /metrics\n",
        new String(notFound.body(), StandardCharsets.UTF_8));
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + exporter.address().getPort() + "/metrics")).POST(HttpRequest.BodyPublishers.noBody())
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
    assertEquals("GET", post.headers().firstValue("Allow").orElseThrow());
  }

  @Test
  void aNameThatArrivesAsTwoTypesKeepsTheTypeOfItsLatestPoint() throws Exception {
    start("");
    exporter.offer(Signal.METRICS, request(
        gauge("jobs_total", "", number(1.0, 0, T0, List.of())),
        counter("jobs", "", number(5L, 0, T0 + SECOND, List.of()))));
    assertEquals("""
        # TYPE jobs_total counter
        jobs_total{instance="checkout-1",job="shop/checkout",otel_scope_name="io.homeostat.shop",\
        otel_scope_version="1.2.0"} 5.0
        # HELP target_info Target metadata
        # TYPE target_info gauge
        target_info{cloud_region="eu",instance="checkout-1",job="shop/checkout"} 1
        """, scrape());
    assertEquals(1.0, registry.value("homeostat_exporter_dropped_metric_points_total",
        "exporter", "prometheus", "reason", "type_conflict"));
  }

  @Test
  void twoResourcesThatMakeTheSameSeriesShowItOnceWithTheLaterValue() throws Exception {
    start("");
    var eu = io.homeostat.exporter.prometheus.translate.OtlpMetrics.resource(
        "service.name", "api", "cloud.region", "eu");
    var us = io.homeostat.exporter.prometheus.translate.OtlpMetrics.resource(
        "service.name", "api", "cloud.region", "us");
    var scope = io.opentelemetry.proto.common.v1.InstrumentationScope.getDefaultInstance();
    exporter.offer(Signal.METRICS, request(us, scope, gauge("g", "", number(2.0, 0, T0 + SECOND,
        List.of()))));
    exporter.offer(Signal.METRICS, request(eu, scope, gauge("g", "", number(1.0, 0, T0,
        List.of()))));
    assertEquals("""
        # TYPE g gauge
        g{job="api"} 2.0
        # HELP target_info Target metadata
        # TYPE target_info gauge
        target_info{cloud_region="eu",job="api"} 1
        target_info{cloud_region="us",job="api"} 1
        """, scrape());
  }

  @Test
  void theSelfMetricsCountPointsAndSeries() throws Exception {
    start("");
    exporter.offer(Signal.METRICS, shop());
    assertEquals(3.0, registry.value("homeostat_exporter_sent_metric_points_total",
        "exporter", "prometheus"));
    assertEquals(3.0, registry.value("homeostat_exporter_series", "exporter", "prometheus"));
  }

  @Test
  void onlyMetricsAreTaken() throws Exception {
    start("");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> exporter.offer(Signal.LOGS, request()));
    assertEquals("exporter prometheus takes metrics only, not logs", e.getMessage());
  }

  @Test
  void aPortInUseStopsTheStartWithTheListenerNamed() throws Exception {
    try (var taken = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getByName("127.0.0.1"))) {
      PrometheusConfig config = ConfigFixture.bind(FACTORY,
          "prometheus:\n  endpoint: 127.0.0.1:" + taken.getLocalPort() + "\n");
      var busy = new PrometheusExporter(new ComponentSettings(ComponentId.parse("prometheus/2"),
          registry, Path.of(".")), config, nanos::get);
      IOException e = assertThrows(IOException.class, busy::start);
      assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + taken.getLocalPort()
          + " for exporters.prometheus/2: "), e.getMessage());
      assertTrue(e.getMessage().endsWith("(change its endpoint, or stop what holds the port)"),
          e.getMessage());
    }
  }

  private static final String TEXT = """
      # TYPE cache_hit_ratio gauge
      cache_hit_ratio{instance="checkout-1",job="shop/checkout",otel_scope_name="io.homeostat.shop",otel_scope_version="1.2.0"} 0.75
      # TYPE login_latency_milliseconds histogram
      login_latency_milliseconds_bucket{instance="checkout-1",job="shop/checkout",otel_scope_name="io.homeostat.shop",otel_scope_version="1.2.0",req="REQ-NFR-PERF-001",le="100.0"} 1
      login_latency_milliseconds_bucket{instance="checkout-1",job="shop/checkout",otel_scope_name="io.homeostat.shop",otel_scope_version="1.2.0",req="REQ-NFR-PERF-001",le="500.0"} 2
      login_latency_milliseconds_bucket{instance="checkout-1",job="shop/checkout",otel_scope_name="io.homeostat.shop",otel_scope_version="1.2.0",req="REQ-NFR-PERF-001",le="+Inf"} 2
      login_latency_milliseconds_count{instance="checkout-1",job="shop/checkout",otel_scope_name="io.homeostat.shop",otel_scope_version="1.2.0",req="REQ-NFR-PERF-001"} 2
      login_latency_milliseconds_sum{instance="checkout-1",job="shop/checkout",otel_scope_name="io.homeostat.shop",otel_scope_version="1.2.0",req="REQ-NFR-PERF-001"} 850.5
      # HELP orders_total Orders placed.
      # TYPE orders_total counter
      orders_total{instance="checkout-1",job="shop/checkout",otel_scope_name="io.homeostat.shop",otel_scope_version="1.2.0",req="REQ-F-ORDER-001"} 3.0
      # HELP target_info Target metadata
      # TYPE target_info gauge
      target_info{cloud_region="eu",instance="checkout-1",job="shop/checkout"} 1
      """;

  private static final String OPEN_METRICS_TEXT = """
      # TYPE cache_hit_ratio gauge
      cache_hit_ratio{instance="checkout-1",job="shop/checkout",otel_scope_name="io.homeostat.shop",otel_scope_version="1.2.0"} 0.75
      # TYPE login_latency_milliseconds histogram
      login_latency_milliseconds_bucket{instance="checkout-1",job="shop/checkout",otel_scope_name="io.homeostat.shop",otel_scope_version="1.2.0",req="REQ-NFR-PERF-001",le="100.0"} 1
      login_latency_milliseconds_bucket{instance="checkout-1",job="shop/checkout",otel_scope_name="io.homeostat.shop",otel_scope_version="1.2.0",req="REQ-NFR-PERF-001",le="500.0"} 2 # {span_id="00f067aa0ba902b7",trace_id="4bf92f3577b34da6a3ce929d0e0e4736"} 120.5 1795256108.000
      login_latency_milliseconds_bucket{instance="checkout-1",job="shop/checkout",otel_scope_name="io.homeostat.shop",otel_scope_version="1.2.0",req="REQ-NFR-PERF-001",le="+Inf"} 2
      login_latency_milliseconds_count{instance="checkout-1",job="shop/checkout",otel_scope_name="io.homeostat.shop",otel_scope_version="1.2.0",req="REQ-NFR-PERF-001"} 2
      login_latency_milliseconds_sum{instance="checkout-1",job="shop/checkout",otel_scope_name="io.homeostat.shop",otel_scope_version="1.2.0",req="REQ-NFR-PERF-001"} 850.5
      # TYPE orders counter
      # HELP orders Orders placed.
      orders_total{instance="checkout-1",job="shop/checkout",otel_scope_name="io.homeostat.shop",otel_scope_version="1.2.0",req="REQ-F-ORDER-001"} 3.0 # {span_id="00f067aa0ba902b7",trace_id="4bf92f3577b34da6a3ce929d0e0e4736"} 1.0 1795256109.000
      # TYPE target info
      # HELP target Target metadata
      target_info{cloud_region="eu",instance="checkout-1",job="shop/checkout"} 1
      # EOF
      """;
}
