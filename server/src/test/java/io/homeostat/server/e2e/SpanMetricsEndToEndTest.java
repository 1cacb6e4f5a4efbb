package io.homeostat.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import io.homeostat.core.otlp.KeyValues;
import io.homeostat.receiver.otlp.SdkTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spans made by the OpenTelemetry Java SDK, tagged with requirements, go through a real server
 * whose traces pipeline ends in the {@code spanmetrics} connector; the metrics pipeline it feeds
 * writes to the {@code file} exporter and serves the {@code prometheus} scrape endpoint. The
 * scrape shows the calls per requirement with a {@code req} label; the file, after shutdown, the
 * calls and durations per requirement.
 */
class SpanMetricsEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final long MS = 1_000_000L;
  /** A sample line of the text format: name, labels, value. */
  private static final Pattern SAMPLE = Pattern.compile(
      "^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{(.*)} (\\S+)$", Pattern.MULTILINE);
  private static final Pattern LABEL = Pattern.compile(
      "([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  @TempDir
  Path dir;

  @Test
  void spansOfRealServicesBecomeRedMetricsPerRequirement() throws Exception {
    int scrapePort = RunningServer.freePort();
    try (RunningServer server = RunningServer.start(dir, "homeostat.yaml", """
        receivers:
          otlp: { protocols: { grpc: { endpoint: "127.0.0.1:0" } } }
        exporters:
          file: { path: out.jsonl }
          prometheus: { endpoint: "127.0.0.1:%d" }
        connectors:
          spanmetrics: { metrics_flush_interval: 100ms }
        service:
          admin: { endpoint: "127.0.0.1:0" }
          pipelines:
            traces: { receivers: [otlp], exporters: [spanmetrics] }
            metrics: { receivers: [spanmetrics], exporters: [file, prometheus] }
        """.formatted(scrapePort))) {
      sendSpans("http://127.0.0.1:" + server.grpcPort());

      String calls = "traces_span_metrics_calls_total";
      Map<String, String> cart = Map.of("req", "REQ-F-CART-001", "service_name", "checkout",
          "span_name", "GET /cart", "span_kind", "SPAN_KIND_SERVER",
          "status_code", "STATUS_CODE_UNSET", "job", "checkout",
          "otel_scope_name", "spanmetricsconnector");
      String text = awaitScrape(scrapePort, body -> Double.valueOf(3).equals(sample(body, calls, cart)));
      assertEquals(1.0, sample(text, calls, Map.of("req", "REQ-F-PAY-002",
          "status_code", "STATUS_CODE_ERROR")));
      assertEquals(1.0, sample(text, calls, Map.of("req", "REQ-UNTAGGED")));
      assertEquals(3.0, sample(text, "traces_span_metrics_duration_milliseconds_count", cart));
      assertEquals(265.0, sample(text, "traces_span_metrics_duration_milliseconds_sum", cart));
      Map<String, String> cartUpTo10 = new TreeMap<>(cart);
      cartUpTo10.put("le", "10.0");
      assertEquals(2.0, sample(text, "traces_span_metrics_duration_milliseconds_bucket",
          cartUpTo10));
    }

    ExportMetricsServiceRequest last = lastMetrics(dir.resolve("out.jsonl"));
    assertEquals(1, last.getResourceMetricsCount());
    ResourceMetrics resource = last.getResourceMetrics(0);
    assertEquals("checkout", KeyValues.getString(resource.getResource().getAttributesList(),
        "service.name"));
    Map<String, Metric> metrics = new TreeMap<>();
    resource.getScopeMetrics(0).getMetricsList().forEach(m -> metrics.put(m.getName(), m));
    Map<String, Long> callsByRequirement = new TreeMap<>();
    for (NumberDataPoint point : metrics.get("traces.span.metrics.calls").getSum()
        .getDataPointsList()) {
      callsByRequirement.merge(KeyValues.getString(point.getAttributesList(), "req"),
          point.getAsInt(), Long::sum);
    }
    assertEquals(Map.of("REQ-F-CART-001", 3L, "REQ-F-PAY-002", 1L, "REQ-F-SEARCH-004", 1L,
        "REQ-UNTAGGED", 1L), callsByRequirement);
    Map<String, HistogramDataPoint> durations = new TreeMap<>();
    metrics.get("traces.span.metrics.duration").getHistogram().getDataPointsList()
        .forEach(p -> durations.put(KeyValues.getString(p.getAttributesList(), "req"), p));
    assertEquals("ms", metrics.get("traces.span.metrics.duration").getUnit());
    assertEquals(3, durations.get("REQ-F-CART-001").getCount());
    assertEquals(265.0, durations.get("REQ-F-CART-001").getSum(), 1e-9);
    assertEquals(1200.0, durations.get("REQ-F-PAY-002").getSum(), 1e-9);
    assertEquals(1200.0, durations.get("REQ-F-SEARCH-004").getSum(), 1e-9,
        "a span of two requirements counts for each");
  }

  /** Three cart calls (5, 10 and 250 ms), a failed payment that also searched, an untagged one. */
  private static void sendSpans(String endpoint) {
    try (SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(SdkTelemetry.RESOURCE)
        .addSpanProcessor(SimpleSpanProcessor.create(
            OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).build()))
        .build()) {
      Tracer tracer = provider.get("io.homeostat.e2e");
      for (long ms : new long[] {5, 10, 250}) {
        tracer.spanBuilder("GET /cart").setSpanKind(SpanKind.SERVER)
            .setAttribute("req", "REQ-F-CART-001")
            .setStartTimestamp(SdkTelemetry.T0, TimeUnit.NANOSECONDS).startSpan()
            .end(SdkTelemetry.T0 + ms * MS, TimeUnit.NANOSECONDS);
      }
      var payment = tracer.spanBuilder("POST /pay").setSpanKind(SpanKind.SERVER)
          .setAttribute(AttributeKey.stringArrayKey("req"),
              List.of("REQ-F-PAY-002", "REQ-F-SEARCH-004"))
          .setStartTimestamp(SdkTelemetry.T0, TimeUnit.NANOSECONDS).startSpan();
      payment.setStatus(StatusCode.ERROR, "card declined");
      payment.end(SdkTelemetry.T0 + 1200 * MS, TimeUnit.NANOSECONDS);
      tracer.spanBuilder("GET /health").setSpanKind(SpanKind.SERVER)
          .setStartTimestamp(SdkTelemetry.T0, TimeUnit.NANOSECONDS).startSpan()
          .end(SdkTelemetry.T0 + MS, TimeUnit.NANOSECONDS);
      assertTrue(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess(),
          "the SDK's export to Homeostat failed");
    }
  }

  /** Scrapes until {@code done} holds for the body; fails with the last body after a while. */
  private static String awaitScrape(int port, Predicate<String> done)
      throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .build();
    long end = System.nanoTime() + WAIT.toNanos();
    String body;
    while (!done.test(body = client.send(scrape, HttpResponse.BodyHandlers.ofString()).body())) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("the scrape never showed the span metrics; last scrape:\n" + body);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    return body;
  }

  /**
   * The value of the one sample of {@code name} whose labels include {@code labels}; null when
   * there is none. Fails when several match.
   */
  private static Double sample(String text, String name, Map<String, String> labels) {
    Double found = null;
    Matcher line = SAMPLE.matcher(text);
    while (line.find()) {
      if (!line.group(1).equals(name)) {
        continue;
      }
      Map<String, String> have = new TreeMap<>();
      Matcher label = LABEL.matcher(line.group(2));
      while (label.find()) {
        have.put(label.group(1), label.group(2));
      }
      if (have.entrySet().containsAll(labels.entrySet())) {
        if (found != null) {
          throw new AssertionError("several samples of " + name + " have " + labels + ":\n" + text);
        }
        found = Double.valueOf(line.group(3));
      }
    }
    return found;
  }

  private static ExportMetricsServiceRequest lastMetrics(Path file) throws Exception {
    List<Message> lines = TelemetryFile.read(file);
    ExportMetricsServiceRequest last = null;
    for (Message line : lines) {
      if (line instanceof ExportMetricsServiceRequest metrics) {
        last = metrics;
      }
    }
    assertTrue(last != null, "the file holds no metrics");
    return last;
  }
}
