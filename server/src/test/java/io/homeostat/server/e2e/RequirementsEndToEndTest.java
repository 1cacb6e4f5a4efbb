package io.homeostat.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.req.CatalogLoader;
import io.homeostat.receiver.otlp.SdkTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requirements processor in a running server: the OpenTelemetry Java SDK sends spans, metrics
 * and logs, and the {@code file} exporter's output is checked record by record for the keys the
 * processor gave them.
 */
class RequirementsEndToEndTest {

  /** A team's observability.yml: metric names to requirements. */
  private static final String OBSERVABILITY_YML = """
      version: 1
      owner: team-identity
      telemetry:
        global_tags: { service.name: auth-service }
        metrics:
          - name: login_attempts
            requirement: REQ-F-AUTH-001
            business_rule: BR-001
            type: counter
          - name: login_latency_ms
            requirement: REQ-NFR-PERF-001
            type: histogram
      dashboards: [{ title: Login, panels: [login_attempts] }]
      """;

  @TempDir
  Path dir;

  /** The answers to exports that must succeed. */
  private final List<CompletableResultCode> taken = new ArrayList<>();

  private RunningServer start(String processorYaml) throws Exception {
    return RunningServer.start(dir, "homeostat.yaml", """
        receivers:
          otlp:
            protocols:
              grpc: { endpoint: "127.0.0.1:0" }
              http: { endpoint: "127.0.0.1:0" }
        processors:
          requirements:
        %s
        exporters:
          file: { path: out.jsonl }
        service:
          admin: { endpoint: "127.0.0.1:0" }
          pipelines:
            traces: { receivers: [otlp], processors: [requirements], exporters: [file] }
            metrics: { receivers: [otlp], processors: [requirements], exporters: [file] }
            logs: { receivers: [otlp], processors: [requirements], exporters: [file] }
        """.formatted(processorYaml.indent(4)));
  }

  @Test
  void aliasesAreFoldedRulesAppliedAndChildrenInheritAcrossRequests() throws Exception {
    try (RunningServer server = start("""
        rules:
          - req: REQ-F-AUTH-001
            match: { services: [auth-service], span_names: ["POST /login"] }
        """)) {
      try (SdkTracerProvider provider = tracing(server, "auth-service")) {
        Tracer tracer = provider.get("io.homeostat.e2e");
        // The child ends first, so it reaches the server in a request before its parent's.
        Span login = tracer.spanBuilder("POST /login").setSpanKind(SpanKind.SERVER).startSpan();
        tracer.spanBuilder("SELECT users").setParent(Context.root().with(login)).startSpan().end();
        login.end();
        // The parent ends first: the child, in a later request, finds it already known.
        Span profile = tracer.spanBuilder("GET /profile").setSpanKind(SpanKind.SERVER)
            .setAttribute("requirement", "REQ-F-PROFILE-004").startSpan();
        Span cache = tracer.spanBuilder("cache refresh").setParent(Context.root().with(profile)).startSpan();
        profile.end();
        cache.end();
        tracer.spanBuilder("GET /health").startSpan().end();
      }
    }
    Map<String, List<KeyValue>> spans = TelemetryFile.spans(dir.resolve("out.jsonl")).stream()
        .collect(Collectors.toMap(io.opentelemetry.proto.trace.v1.Span::getName,
            io.opentelemetry.proto.trace.v1.Span::getAttributesList));
    assertEquals(strings("REQ-F-AUTH-001"), KeyValues.get(spans.get("POST /login"), "req"));
    assertEquals(strings("REQ-F-AUTH-001"), KeyValues.get(spans.get("SELECT users"), "req"));
    assertEquals(List.of(attribute("req", "REQ-F-PROFILE-004")), spans.get("GET /profile"));
    assertEquals(strings("REQ-F-PROFILE-004"), KeyValues.get(spans.get("cache refresh"), "req"));
    assertEquals(strings("REQ-UNTAGGED"), KeyValues.get(spans.get("GET /health"), "req"));
    assertEquals(5, spans.size());
  }

  @Test
  void metricNamesAreMappedFromATeamsObservabilityFile() throws Exception {
    Path catalog = Files.writeString(dir.resolve("observability.yml"), OBSERVABILITY_YML);
    assertEquals(2, CatalogLoader.load(catalog).metrics().size());
    var metrics = SdkTelemetry.metrics();
    try (RunningServer server = start("catalog: observability.yml")) {
      OtlpGrpcMetricExporter exporter = OtlpGrpcMetricExporter.builder()
          .setEndpoint("http://127.0.0.1:" + server.grpcPort()).build();
      assertTrue(exporter.export(metrics).join(10, TimeUnit.SECONDS).isSuccess());
      exporter.close();
    }
    Map<String, List<AnyValue>> keys = new java.util.TreeMap<>();
    for (Metric metric : metricsIn(TelemetryFile.read(dir.resolve("out.jsonl")))) {
      List<AnyValue> pointKeys = new ArrayList<>();
      if (metric.hasSum()) {
        metric.getSum().getDataPointsList().stream().map(NumberDataPoint::getAttributesList)
            .forEach(a -> pointKeys.add(KeyValues.get(a, "req")));
      } else {
        metric.getHistogram().getDataPointsList()
            .forEach(p -> pointKeys.add(KeyValues.get(p.getAttributesList(), "req")));
      }
      keys.put(metric.getName(), pointKeys);
    }
    assertEquals(Map.of(
        "login_attempts", List.of(strings("REQ-F-AUTH-001"), strings("REQ-F-AUTH-001")),
        "login_latency_ms", List.of(strings("REQ-NFR-PERF-001"))), keys);
  }

  @Test
  void aLogRecordTakesTheKeyOfTheSpanItWasWrittenIn() throws Exception {
    try (RunningServer server = start("")) {
      try (SdkTracerProvider tracing = tracing(server, "checkout");
          SdkLoggerProvider logging = logging(server, "checkout")) {
        var logger = logging.get("io.homeostat.e2e");
        Span checkout = tracing.get("io.homeostat.e2e").spanBuilder("POST /checkout")
            .setAttribute("req", "REQ-F-CHECKOUT-001").startSpan();
        try (Scope scope = checkout.makeCurrent()) {
          // Written while the span is open: the log record reaches the server before its span.
          logger.logRecordBuilder().setBody("payment declined").emit();
        }
        checkout.end();
        logger.logRecordBuilder().setBody("cache warmed").emit();
      }
    }
    Map<String, AnyValue> keys = new java.util.TreeMap<>();
    for (LogRecord record : logsIn(TelemetryFile.read(dir.resolve("out.jsonl")))) {
      keys.put(record.getBody().getStringValue(), KeyValues.get(record.getAttributesList(), "req"));
    }
    assertEquals(Map.of("payment declined", strings("REQ-F-CHECKOUT-001"),
        "cache warmed", strings("REQ-UNTAGGED")), keys);
  }

  @Test
  void rejectAnswersBadRequestAndInvalidArgumentNamingTheRecord() throws Exception {
    try (RunningServer server = start("on_missing: reject")) {
      refusal(OtlpGrpcSpanExporter.builder()
          .setEndpoint("http://127.0.0.1:" + server.grpcPort()).build(), failure -> {
            var response = ((FailedExportException.GrpcExportException) failure).getResponse();
            assertEquals(GrpcStatusCode.INVALID_ARGUMENT, response.getStatusCode());
            return response.getStatusDescription();
          });
      refusal(OtlpHttpSpanExporter.builder()
          .setEndpoint("http://127.0.0.1:" + server.httpPort() + "/v1/traces").build(), failure -> {
            var response = ((FailedExportException.HttpExportException) failure).getResponse();
            assertEquals(400, response.getStatusCode());
            try {
              return com.google.rpc.Status.parseFrom(response.getResponseBody()).getMessage();
            } catch (InvalidProtocolBufferException e) {
              throw new AssertionError("the 400 carries no google.rpc.Status", e);
            }
          });
    }
    Path out = dir.resolve("out.jsonl");
    assertEquals(List.of("GET /tagged", "GET /tagged"), TelemetryFile.spans(out).stream()
        .map(io.opentelemetry.proto.trace.v1.Span::getName).toList(),
        "nothing of a refused request reaches the exporters");
  }

  /**
   * Sends a tagged span, then one whose key is invalid, through {@code otlp}; checks that the
   * first was taken and the second refused with the message {@code read} reads from the SDK's
   * failure.
   */
  private void refusal(SpanExporter otlp, Function<Throwable, String> read) {
    List<CompletableResultCode> answers = new ArrayList<>();
    String ids;
    try (SdkTracerProvider provider = tracing(otlp, "auth-service", answers)) {
      Tracer tracer = provider.get("io.homeostat.e2e");
      tracer.spanBuilder("GET /tagged").setAttribute("req", "REQ-F-AUTH-001").startSpan().end();
      Span untagged = tracer.spanBuilder("POST /login").setAttribute("req_id", "login").startSpan();
      untagged.end();
      ids = "(trace_id " + untagged.getSpanContext().getTraceId() + ", span_id "
          + untagged.getSpanContext().getSpanId() + ")";
    }
    assertTrue(answers.get(0).isSuccess());
    String message = read.apply(answers.get(1).getFailureThrowable());
    assertEquals("processor requirements refused the request (on_missing: reject): 1 of 1 spans"
        + " carry no requirement key. The first is span 'POST /login' " + ids + " of service"
        + " 'auth-service', whose value 'login' does not match ^REQ-[A-Z0-9]+(-[A-Z0-9]+)*$. Set the"
        + " attribute req (or requirement, req.id, req_id) to its requirement key, or add a rule"
        + " that matches it to the processor's rules", message);
  }

  /** Spans of {@code service}, each exported over gRPC as it ends; the server must take them all. */
  private SdkTracerProvider tracing(RunningServer server, String service) {
    return tracing(OtlpGrpcSpanExporter.builder()
        .setEndpoint("http://127.0.0.1:" + server.grpcPort()).build(), service, taken);
  }

  /** Spans of {@code service}, each exported by {@code otlp} as it ends, its answer added to {@code answers}. */
  private static SdkTracerProvider tracing(SpanExporter otlp, String service,
      List<CompletableResultCode> answers) {
    return SdkTracerProvider.builder().setResource(resource(service))
        .addSpanProcessor(SimpleSpanProcessor.create(new InOrderSpans(otlp, answers))).build();
  }

  /** Log records of {@code service}, each exported over gRPC as it is emitted. */
  private SdkLoggerProvider logging(RunningServer server, String service) {
    LogRecordExporter otlp = OtlpGrpcLogRecordExporter.builder()
        .setEndpoint("http://127.0.0.1:" + server.grpcPort()).build();
    return SdkLoggerProvider.builder().setResource(resource(service))
        .addLogRecordProcessor(SimpleLogRecordProcessor.create(new InOrderLogs(otlp, taken))).build();
  }

  private static Resource resource(String service) {
    return Resource.getDefault().merge(Resource.create(
        Attributes.of(AttributeKey.stringKey("service.name"), service)));
  }

  /**
   * Waits for the server's answer to each export before the SDK goes on, so that requests reach
   * the server in the order the records ended, and keeps the answers.
   */
  private record InOrderSpans(SpanExporter otlp, List<CompletableResultCode> answers)
      implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return answered(otlp.export(spans), answers);
    }

    @Override
    public CompletableResultCode flush() {
      return otlp.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
      return otlp.shutdown();
    }
  }

  /** {@link InOrderSpans} for log records. */
  private record InOrderLogs(LogRecordExporter otlp, List<CompletableResultCode> answers)
      implements LogRecordExporter {
    @Override
    public CompletableResultCode export(Collection<LogRecordData> logs) {
      return answered(otlp.export(logs), answers);
    }

    @Override
    public CompletableResultCode flush() {
      return otlp.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
      return otlp.shutdown();
    }
  }

  private static CompletableResultCode answered(CompletableResultCode result,
      List<CompletableResultCode> answers) {
    answers.add(result.join(10, TimeUnit.SECONDS));
    return result;
  }

  /** Every export the tests expect the server to take was taken. */
  @AfterEach
  void everyExportWasTaken() {
    taken.forEach(answer -> assertTrue(answer.isSuccess(), "the server refused an export"));
  }

  private static List<Metric> metricsIn(List<Message> requests) {
    List<Metric> metrics = new ArrayList<>();
    for (Message request : requests) {
      if (request instanceof ExportMetricsServiceRequest m) {
        m.getResourceMetricsList().forEach(r -> r.getScopeMetricsList()
            .forEach(s -> metrics.addAll(s.getMetricsList())));
      }
    }
    return metrics;
  }

  private static List<LogRecord> logsIn(List<Message> requests) {
    List<LogRecord> records = new ArrayList<>();
    for (Message request : requests) {
      if (request instanceof ExportLogsServiceRequest logs) {
        logs.getResourceLogsList().forEach(r -> r.getScopeLogsList()
            .forEach(s -> records.addAll(s.getLogRecordsList())));
      }
    }
    return records;
  }

  private static AnyValue strings(String... values) {
    return KeyValues.strings(List.of(values));
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(KeyValues.string(value)).build();
  }
}
