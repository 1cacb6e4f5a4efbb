package io.homeostat.server.e2e;

import static io.homeostat.receiver.otlp.SdkTelemetry.logsRequest;
import static io.homeostat.receiver.otlp.SdkTelemetry.metricsRequest;
import static io.homeostat.receiver.otlp.SdkTelemetry.traceRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.homeostat.core.testing.Await;
import io.homeostat.receiver.otlp.SdkTelemetry;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The server as a user meets it: the OpenTelemetry Java SDK sends spans, metrics and logs over
 * gRPC or HTTP, and the {@code file} exporter writes each export request exactly as the SDK
 * encoded it.
 */
class EndToEndTest {

  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  private RunningServer start() throws Exception {
    return RunningServer.start(dir, "homeostat.yaml", """
        receivers:
          otlp:
            protocols:
              grpc: { endpoint: "127.0.0.1:0" }
              http: { endpoint: "127.0.0.1:0" }
        exporters:
          file: { path: out.jsonl }
        service:
          admin: { endpoint: "127.0.0.1:0" }
          pipelines:
            traces: { receivers: [otlp], exporters: [file] }
            metrics: { receivers: [otlp], exporters: [file] }
            logs: { receivers: [otlp], exporters: [file] }
        """);
  }

  @ParameterizedTest(name = "{0}, compression {1}")
  @CsvSource({"grpc, gzip", "grpc, none", "http, gzip", "http, none"})
  void everySpanMetricPointAndLogRecordArrivesExactlyAsSent(String transport, String compression)
      throws Exception {
    var spans = SdkTelemetry.spans();
    var metrics = SdkTelemetry.metrics();
    var logs = SdkTelemetry.logs();
    try (RunningServer server = start()) {
      if (transport.equals("grpc")) {
        String endpoint = "http://127.0.0.1:" + server.grpcPort();
        var spanExporter = OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).setCompression(compression).build();
        var metricExporter = OtlpGrpcMetricExporter.builder().setEndpoint(endpoint).setCompression(compression).build();
        var logExporter = OtlpGrpcLogRecordExporter.builder().setEndpoint(endpoint).setCompression(compression).build();
        assertSuccess(spanExporter.export(spans));
        assertSuccess(metricExporter.export(metrics));
        assertSuccess(logExporter.export(logs));
        spanExporter.close();
        metricExporter.close();
        logExporter.close();
      } else {
        String base = "http://127.0.0.1:" + server.httpPort();
        var spanExporter = OtlpHttpSpanExporter.builder().setEndpoint(base + "/v1/traces").setCompression(compression).build();
        var metricExporter = OtlpHttpMetricExporter.builder().setEndpoint(base + "/v1/metrics").setCompression(compression).build();
        var logExporter = OtlpHttpLogRecordExporter.builder().setEndpoint(base + "/v1/logs").setCompression(compression).build();
        assertSuccess(spanExporter.export(spans));
        assertSuccess(metricExporter.export(metrics));
        assertSuccess(logExporter.export(logs));
        spanExporter.close();
        metricExporter.close();
        logExporter.close();
      }
      assertEquals(2.0, server.metric("homeostat_receiver_accepted_spans_total", "receiver", "otlp", "transport", transport));
      assertEquals(2.0, server.metric("homeostat_receiver_accepted_log_records_total", "receiver", "otlp", "transport", transport));
    }
    assertEquals(List.of(traceRequest(spans), metricsRequest(metrics), logsRequest(logs)),
        TelemetryFile.read(dir.resolve("out.jsonl")));
  }

  @Test
  void otlpJsonWrittenByHandComesOutIdenticalToItsProtobufTwin() throws Exception {
    try (RunningServer server = start()) {
      HttpResponse<String> json = post(server, "/v1/traces", "application/json", TRACE_JSON.getBytes());
      assertEquals(200, json.statusCode());
      assertEquals("application/json", json.headers().firstValue("Content-Type").orElseThrow());
      assertEquals("{}", json.body());
      assertEquals(200, post(server, "/v1/traces", "application/x-protobuf", traceTwin().toByteArray()).statusCode());
      assertEquals(200, post(server, "/v1/logs", "application/json", LOG_JSON.getBytes()).statusCode());
      assertEquals(200, post(server, "/v1/logs", "application/x-protobuf", logTwin().toByteArray()).statusCode());
    }
    assertEquals(List.of(traceTwin(), traceTwin(), logTwin(), logTwin()), TelemetryFile.read(dir.resolve("out.jsonl")));
  }

  @Test
  void badInputIsAnsweredAndTheNextRequestStillArrives() throws Exception {
    try (RunningServer server = start()) {
      assertEquals(400, post(server, "/v1/traces", "application/x-protobuf", new byte[] {0x0a, 0x7f, 1}).statusCode());
      assertEquals(400, post(server, "/v1/traces", "application/json", "{\"resourceSpans\": [".getBytes()).statusCode());
      assertEquals(415, post(server, "/v1/traces", "text/plain", "spans".getBytes()).statusCode());
      assertEquals(200, post(server, "/v1/traces", "application/x-protobuf", traceTwin().toByteArray()).statusCode());
    }
    assertEquals(List.of(traceTwin()), TelemetryFile.read(dir.resolve("out.jsonl")));
  }

  @Test
  void theAdminEndpointReportsHealthReadinessAndTheCounters() throws Exception {
    try (RunningServer server = start()) {
      assertEquals(200, post(server, "/v1/traces", "application/x-protobuf", traceTwin().toByteArray()).statusCode());
      String admin = "http://127.0.0.1:" + server.adminPort();
      assertEquals("{\"status\":\"ok\"}", get(admin + "/healthz").body());
      HttpResponse<String> ready = get(admin + "/readyz");
      assertEquals(200, ready.statusCode());
      assertEquals("{\"status\":\"ready\"}", ready.body());
      // The ring frees the slot once its handler returns, which may be after the client's answer.
      Await.until("the ring is empty again", () -> {
        try {
          return get(admin + "/metrics").body().contains("homeostat_ring_remaining_capacity 4096.0\n");
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
      String metrics = get(admin + "/metrics").body();
      assertTrue(metrics.contains("homeostat_receiver_accepted_spans_total{receiver=\"otlp\",transport=\"http\"} 1.0\n"), metrics);
      assertTrue(metrics.contains("homeostat_exporter_queue_capacity{exporter=\"file\"} "), metrics);
    }
  }

  private static void assertSuccess(CompletableResultCode result) {
    assertTrue(result.join(10, TimeUnit.SECONDS).isSuccess(), "the export failed");
  }

  private HttpResponse<String> post(RunningServer server, String path, String type, byte[] body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
        .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Written as the OTLP/HTTP spec's examples are: upper-case hex ids, 64-bit numbers as strings or numbers, integer enums. */
  private static final String TRACE_JSON = """
      {"resourceSpans": [{
        "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "auth-service"}}]},
        "scopeSpans": [{
          "scope": {"name": "auth", "version": "2.1.0"},
          "spans": [{
            "traceId": "5B8EFFF798038103D269B633813FC60C",
            "spanId": "EEE19B7EC3C1B174",
            "parentSpanId": "eee19b7ec3c1b173",
            "name": "POST /login",
            "kind": 2,
            "startTimeUnixNano": "1795256100000000000",
            "endTimeUnixNano": 1795256100750000000,
            "attributes": [
              {"key": "req", "value": {"stringValue": "REQ-NFR-PERF-001"}},
              {"key": "http.response.status_code", "value": {"intValue": "200"}}],
            "status": {"code": 1},
            "someFieldFromTheFuture": {"ignored": true}
          }]
        }]
      }]}
      """;

  private static ExportTraceServiceRequest traceTwin() {
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(attribute("service.name", "auth-service")))
        .addScopeSpans(ScopeSpans.newBuilder()
            .setScope(io.opentelemetry.proto.common.v1.InstrumentationScope.newBuilder().setName("auth").setVersion("2.1.0"))
            .addSpans(Span.newBuilder()
                .setTraceId(hex("5b8efff798038103d269b633813fc60c"))
                .setSpanId(hex("eee19b7ec3c1b174"))
                .setParentSpanId(hex("eee19b7ec3c1b173"))
                .setName("POST /login")
                .setKind(Span.SpanKind.SPAN_KIND_SERVER)
                .setStartTimeUnixNano(1_795_256_100_000_000_000L)
                .setEndTimeUnixNano(1_795_256_100_750_000_000L)
                .addAttributes(attribute("req", "REQ-NFR-PERF-001"))
                .addAttributes(KeyValue.newBuilder().setKey("http.response.status_code")
                    .setValue(AnyValue.newBuilder().setIntValue(200)))
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK))))).build();
  }

  private static final String LOG_JSON = """
      {"resourceLogs": [{"scopeLogs": [{"logRecords": [{
        "timeUnixNano": "1795256100000000000",
        "severityNumber": 17,
        "severityText": "ERROR",
        "body": {"stringValue": "login failed for user u-123"},
        "attributes": [{"key": "req", "value": {"stringValue": "REQ-F-AUTH-001"}}],
        "traceId": "5B8EFFF798038103D269B633813FC60C",
        "spanId": "EEE19B7EC3C1B174"
      }]}]}]}
      """;

  private static ExportLogsServiceRequest logTwin() {
    return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
        .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder()
            .setTimeUnixNano(1_795_256_100_000_000_000L)
            .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_ERROR)
            .setSeverityText("ERROR")
            .setBody(AnyValue.newBuilder().setStringValue("login failed for user u-123"))
            .addAttributes(attribute("req", "REQ-F-AUTH-001"))
            .setTraceId(hex("5b8efff798038103d269b633813fc60c"))
            .setSpanId(hex("eee19b7ec3c1b174"))))).build();
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  private static ByteString hex(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }
}
