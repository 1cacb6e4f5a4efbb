package io.homeostat.server.e2e;

import io.homeostat.core.testing.ExternalProcess;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenTelemetry Java SDK sends a counter, a gauge and a histogram, each with a {@code req}
 * attribute, to a real Homeostat; a real Prometheus gets them, once by scraping the
 * {@code prometheus} exporter (in OpenMetrics, every second) and once through
 * {@code prometheusremotewrite} into its remote-write receiver. Prometheus's HTTP API then shows
 * the same series either way: the names, every label (the requirement, job, instance, scope) and
 * the values. Skipped when Prometheus is not installed (see {@link ExternalProcess}).
 */
class PrometheusEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String JOB = "shop/checkout";
  private static final String INSTANCE = "checkout-1";
  private static final String LATENCY = "login_latency_milliseconds";

  @TempDir
  Path dir;

  @Test
  void aRealPrometheusScrapesTheSdksMetricsWithTheirRequirements() throws Exception {
    int scrapePort = RunningServer.freePort();
    try (RunningServer homeostat = RunningServer.start(dir, "homeostat.yaml", """
        receivers:
          otlp:
            protocols:
              grpc: { endpoint: "127.0.0.1:0" }
        exporters:
          prometheus: { endpoint: "127.0.0.1:%d", enable_open_metrics: true }
        service:
          admin: { endpoint: "127.0.0.1:0" }
          pipelines:
            metrics: { receivers: [otlp], exporters: [prometheus] }
        """.formatted(scrapePort));
        PrometheusServer prometheus = PrometheusServer.start(dir, """
            global: { scrape_interval: 1s }
            scrape_configs:
              - job_name: homeostat
                honor_labels: true
                static_configs: [ { targets: ["127.0.0.1:%d"] } ]
            """.formatted(scrapePort))) {
      sendSdkMetrics(homeostat.grpcPort());
      assertSeriesAndValues(prometheus);
    }
  }

  @Test
  void aRealPrometheusReceivesTheSameSeriesThroughRemoteWriteAndSeesThemEnd() throws Exception {
    try (PrometheusServer prometheus = PrometheusServer.start(dir, "global: {}\n",
        "--web.enable-remote-write-receiver");
        RunningServer homeostat = RunningServer.start(dir, "homeostat.yaml", """
            receivers:
              otlp:
                protocols:
                  grpc: { endpoint: "127.0.0.1:0" }
            exporters:
              prometheusremotewrite:
                endpoint: %s
                metric_expiration: 3s
            service:
              admin: { endpoint: "127.0.0.1:0" }
              pipelines:
                metrics: { receivers: [otlp], exporters: [prometheusremotewrite] }
            """.formatted(prometheus.remoteWriteUrl()))) {
      sendSdkMetrics(homeostat.grpcPort());
      assertSeriesAndValues(prometheus);
      // Three seconds without data end every series with a stale marker: an instant query finds
      // nothing, where without one Prometheus would show the last value for five minutes.
      await(prometheus, () -> prometheus.query("orders_total"), JsonNode::isEmpty,
          "orders_total to be ended by a stale marker");
      assertEquals("3", prometheus.query("last_over_time(orders_total[10m])").get(0)
          .get("value").get(1).asText());
    }
  }

  /** Records with a real SDK and pushes once over OTLP/gRPC; closing the SDK pushes again. */
  private static void sendSdkMetrics(int grpcPort) {
    Resource resource = Resource.create(Attributes.builder()
        .put("service.name", "checkout").put("service.namespace", "shop")
        .put("service.instance.id", INSTANCE).put("deployment.environment", "e2e").build());
    PeriodicMetricReader reader = PeriodicMetricReader.builder(OtlpGrpcMetricExporter.builder()
        .setEndpoint("http://127.0.0.1:" + grpcPort).build())
        .setInterval(Duration.ofHours(1)).build();
    try (SdkMeterProvider provider = SdkMeterProvider.builder().setResource(resource)
        .registerMetricReader(reader).build()) {
      Meter meter = provider.meterBuilder("io.homeostat.e2e").setInstrumentationVersion("1.0.0")
          .build();
      meter.counterBuilder("orders").setUnit("{order}").setDescription("Orders placed.").build()
          .add(3, Attributes.of(stringKey("req"), "REQ-F-ORDER-001"));
      meter.gaugeBuilder("cache.hit").setUnit("1").build()
          .set(0.75, Attributes.of(stringKey("req"), "REQ-F-CACHE-001"));
      var latency = meter.histogramBuilder("login.latency").setUnit("ms")
          .setExplicitBucketBoundariesAdvice(List.of(100.0, 500.0, 1000.0)).build();
      Attributes perf = Attributes.of(stringKey("req"), "REQ-NFR-PERF-001");
      latency.record(120, perf);
      latency.record(730, perf);
      assertTrue(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess(),
          "the SDK's export to Homeostat failed");
    }
  }

  private static void assertSeriesAndValues(PrometheusServer prometheus) throws Exception {
    Map<String, String> common = Map.of("job", JOB, "instance", INSTANCE,
        "otel_scope_name", "io.homeostat.e2e", "otel_scope_version", "1.0.0");
    JsonNode series = await(prometheus, () -> prometheus.series("{req!=\"\"}"),
        found -> found.size() == 8, "the eight series of the three instruments");
    TreeSet<String> keys = new TreeSet<>();
    for (JsonNode labels : series) {
      Map<String, String> map = labels(labels);
      assertTrue(map.entrySet().containsAll(common.entrySet()), map.toString());
      keys.add(map.get("__name__") + (map.containsKey("le") ? "{le=" + map.get("le") + "}" : "")
          + " " + map.get("req"));
    }
    assertEquals(new TreeSet<>(List.of(
        "cache_hit_ratio REQ-F-CACHE-001",
        "orders_total REQ-F-ORDER-001",
        LATENCY + "_bucket{le=+Inf} REQ-NFR-PERF-001",
        LATENCY + "_bucket{le=100.0} REQ-NFR-PERF-001",
        LATENCY + "_bucket{le=1000.0} REQ-NFR-PERF-001",
        LATENCY + "_bucket{le=500.0} REQ-NFR-PERF-001",
        LATENCY + "_count REQ-NFR-PERF-001",
        LATENCY + "_sum REQ-NFR-PERF-001")), keys);
    assertEquals(Map.of("__name__", "orders_total", "job", JOB, "instance", INSTANCE,
        "otel_scope_name", "io.homeostat.e2e", "otel_scope_version", "1.0.0",
        "req", "REQ-F-ORDER-001"), labels(prometheus.series("orders_total").get(0)));
    assertEquals(Map.of("__name__", "target_info", "job", JOB, "instance", INSTANCE,
        "deployment_environment", "e2e"), labels(prometheus.series("target_info").get(0)));
    assertEquals("3", last(prometheus, "orders_total"));
    assertEquals("0.75", last(prometheus, "cache_hit_ratio"));
    assertEquals("0", last(prometheus, LATENCY + "_bucket{le=\"100.0\"}"));
    assertEquals("1", last(prometheus, LATENCY + "_bucket{le=\"500.0\"}"));
    assertEquals("2", last(prometheus, LATENCY + "_bucket{le=\"+Inf\"}"));
    assertEquals("2", last(prometheus, LATENCY + "_count"));
    assertEquals("850", last(prometheus, LATENCY + "_sum"));
  }

  /** The latest value of {@code selector} within ten minutes, stale or not. */
  private static String last(PrometheusServer prometheus, String selector) throws Exception {
    JsonNode result = prometheus.query("last_over_time(" + selector + "[10m])");
    assertEquals(1, result.size(), selector + ": " + result);
    return result.get(0).get("value").get(1).asText();
  }

  private static Map<String, String> labels(JsonNode labels) {
    Map<String, String> map = new TreeMap<>();
    labels.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  /** Asks until the answer satisfies {@code done}; fails with Prometheus's log after a minute. */
  private static JsonNode await(PrometheusServer prometheus, Callable<JsonNode> ask,
      Predicate<JsonNode> done, String what) throws Exception {
    long end = System.nanoTime() + WAIT.toNanos();
    JsonNode last;
    while (!done.test(last = ask.call())) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("timed out waiting for " + what + "; last answer: " + last
            + "\nPrometheus's log:\n" + prometheus.log());
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }
    return last;
  }
}
