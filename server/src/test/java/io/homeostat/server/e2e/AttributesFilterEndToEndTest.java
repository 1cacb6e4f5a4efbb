package io.homeostat.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.otlp.Rewrites;
import io.homeostat.receiver.otlp.SdkTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attributes, resource and filter processors as a user chains them: the OpenTelemetry Java
 * SDK sends real spans, logs and metrics; health checks and DEBUG logs are filtered out and
 * counted, records gain {@code deployment.environment}, lose the user id to its hash and have
 * their URL taken apart, and every resource gains the service's version.
 */
class AttributesFilterEndToEndTest {

  /** SHA-256 of "alice", as the Collector's hash action writes it. */
  private static final String ALICE = "2bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db186d6e90";

  @TempDir
  Path dir;

  private RunningServer start() throws Exception {
    return RunningServer.start(dir, "homeostat.yaml", """
        receivers:
          otlp:
            protocols:
              grpc: { endpoint: "127.0.0.1:0" }
              http: { endpoint: "127.0.0.1:0" }
        processors:
          filter:
            spans:
              exclude: { match_type: regexp, span_names: ["GET /health.*"] }
            metrics:
              exclude: { attributes: [{ key: status, value: failure }] }
            logs:
              exclude: { log_severity_number_max: 8 }
          attributes:
            actions:
              - { key: deployment.environment, action: insert, value: production }
              - { key: enduser.id, action: hash }
              - key: http.url
                action: extract
                pattern: ^(?P<url_scheme>\\w+)://(?P<server_address>[^:/]+)(?::(?P<server_port>\\d+))?(?P<url_path>/[^?]*)
          resource:
            attributes:
              - { key: service.version, action: upsert, value: "2.10" }
              - { key: telemetry.sdk.language, action: delete }
        exporters:
          file: { path: out.jsonl }
        service:
          admin: { endpoint: "127.0.0.1:0" }
          pipelines:
            traces: { receivers: [otlp], processors: [filter, attributes, resource], exporters: [file] }
            metrics: { receivers: [otlp], processors: [filter, attributes, resource], exporters: [file] }
            logs: { receivers: [otlp], processors: [filter, attributes, resource], exporters: [file] }
        """);
  }

  @Test
  void healthChecksAndDebugLogsAreDroppedAndTheRestIsRewritten() throws Exception {
    try (RunningServer server = start()) {
      sendSpans("http://127.0.0.1:" + server.grpcPort());
      sendLogs("http://127.0.0.1:" + server.httpPort() + "/v1/logs");
      OtlpGrpcMetricExporter metrics = OtlpGrpcMetricExporter.builder()
          .setEndpoint("http://127.0.0.1:" + server.grpcPort()).build();
      assertSuccess(metrics.export(SdkTelemetry.metrics()));
      metrics.close();

      assertEquals(1.0, server.metric("homeostat_processor_dropped_spans_total", "processor", "filter"));
      assertEquals(1.0, server.metric("homeostat_processor_dropped_log_records_total", "processor", "filter"));
      assertEquals(1.0, server.metric("homeostat_processor_dropped_metric_points_total", "processor", "filter"));
    }
    List<Message> written = TelemetryFile.read(dir.resolve("out.jsonl"));

    List<Span> spans = TelemetryFile.spans(dir.resolve("out.jsonl"));
    assertEquals(List.of("POST /cart"), spans.stream().map(Span::getName).toList());
    assertEquals(Map.of(
            "http.url", "https://shop.example.com:8443/cart?item=7",
            "enduser.id", ALICE,
            "http.response.status_code", "200",
            "deployment.environment", "production",
            "url_scheme", "https",
            "server_address", "shop.example.com",
            "server_port", "8443",
            "url_path", "/cart"),
        texts(spans.get(0).getAttributesList()));

    List<LogRecord> logs = logRecords(written);
    assertEquals(List.of("cart saved"), logs.stream().map(r -> r.getBody().getStringValue()).toList());
    assertEquals(Map.of("enduser.id", ALICE, "deployment.environment", "staging"),
        texts(logs.get(0).getAttributesList()));

    Map<String, Metric> metrics = metrics(written);
    assertEquals(Set.of("login_attempts", "login_latency_ms"), metrics.keySet());
    assertEquals(List.of(Map.of("status", "success", "deployment.environment", "production")),
        metrics.get("login_attempts").getSum().getDataPointsList().stream()
            .map(p -> texts(p.getAttributesList())).toList());
    assertEquals("production", KeyValues.getString(
        metrics.get("login_latency_ms").getHistogram().getDataPoints(0).getAttributesList(), "deployment.environment"));

    for (Resource resource : resources(written)) {
      assertEquals("2.10", KeyValues.get(resource.getAttributesList(), "service.version").getStringValue());
      assertEquals(null, KeyValues.get(resource.getAttributesList(), "telemetry.sdk.language"));
      assertEquals("checkout", KeyValues.getString(resource.getAttributesList(), "service.name"));
    }
    assertEquals(3, resources(written).size());
  }

  private static void sendSpans(String endpoint) {
    try (SdkTracerProvider provider = SdkTracerProvider.builder().setResource(SdkTelemetry.RESOURCE)
        .addSpanProcessor(SimpleSpanProcessor.create(OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).build()))
        .build()) {
      Tracer tracer = provider.get("io.homeostat.test");
      tracer.spanBuilder("GET /health").setSpanKind(SpanKind.SERVER).startSpan().end();
      tracer.spanBuilder("POST /cart").setSpanKind(SpanKind.SERVER)
          .setAttribute("http.url", "https://shop.example.com:8443/cart?item=7")
          .setAttribute("enduser.id", "alice")
          .setAttribute("http.response.status_code", 200L)
          .startSpan().end();
      assertSuccess(provider.forceFlush());
    }
  }

  private static void sendLogs(String endpoint) {
    try (SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(SdkTelemetry.RESOURCE)
        .addLogRecordProcessor(SimpleLogRecordProcessor.create(
            OtlpHttpLogRecordExporter.builder().setEndpoint(endpoint).build()))
        .build()) {
      Logger logger = provider.get("io.homeostat.test");
      logger.logRecordBuilder().setSeverity(Severity.DEBUG).setBody("cache lookup").emit();
      logger.logRecordBuilder().setSeverity(Severity.INFO).setBody("cart saved")
          .setAttribute(AttributeKey.stringKey("enduser.id"), "alice")
          .setAttribute(AttributeKey.stringKey("deployment.environment"), "staging")
          .emit();
      assertSuccess(provider.forceFlush());
    }
  }

  private static void assertSuccess(CompletableResultCode result) {
    assertTrue(result.join(10, TimeUnit.SECONDS).isSuccess(), "the export failed");
  }

  /** Attributes as text by key, for comparing with what a test expects. */
  private static Map<String, String> texts(List<KeyValue> attributes) {
    Map<String, String> texts = new LinkedHashMap<>();
    attributes.forEach(kv -> texts.put(kv.getKey(), KeyValues.asString(kv.getValue())));
    return texts;
  }

  private static List<LogRecord> logRecords(List<Message> written) {
    List<LogRecord> records = new ArrayList<>();
    written.forEach(request -> Rewrites.records(request, (r, s, span) -> span,
        (r, s, record) -> add(records, record), (r, s, metric) -> metric));
    return records;
  }

  /** By name: the SDK exports its metrics in no fixed order. */
  private static Map<String, Metric> metrics(List<Message> written) {
    List<Metric> metrics = new ArrayList<>();
    written.forEach(request -> Rewrites.records(request, (r, s, span) -> span,
        (r, s, record) -> record, (r, s, metric) -> add(metrics, metric)));
    return metrics.stream().collect(Collectors.toMap(Metric::getName, metric -> metric));
  }

  private static List<Resource> resources(List<Message> written) {
    List<Resource> resources = new ArrayList<>();
    written.forEach(request -> Rewrites.resources(request, resource -> add(resources, resource)));
    return resources;
  }

  private static <T> T add(List<T> into, T item) {
    into.add(item);
    return item;
  }
}
