package io.homeostat.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.core.testing.Await;
import io.homeostat.receiver.otlp.SdkTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Logs made by the OpenTelemetry Java SDK for two services, sent over OTLP/gRPC to a real
 * Homeostat whose {@code loki} exporter pushes them to a {@link LokiDouble}, which reads each
 * push as Loki would: streams with the labels the default config asks for, the trace context and
 * the other attributes as structured metadata, entries in time order, the tenant; a 429 is
 * retried until Loki takes the push, a 400 or a 401 is counted and not retried.
 */
class LokiEndToEndTest {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String AUTH_SPAN = "00f067aa0ba902b7";
  private static final String CHECKOUT_SPAN = "b7ad6b7169203331";
  private static final AttributeKey<String> REQ = AttributeKey.stringKey("req");
  private static final int RECORDS = 7;

  @TempDir
  Path dir;

  /** Now, to the millisecond, so that the records are as recent as Loki wants them. */
  private final long t0 = Instant.now().toEpochMilli() * 1_000_000;
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private LokiDouble loki(boolean requireTenant) throws Exception {
    LokiDouble loki = new LokiDouble(requireTenant);
    open.add(loki);
    return loki;
  }

  private RunningServer homeostat(LokiDouble loki, String settings) throws Exception {
    RunningServer server = RunningServer.start(dir, "homeostat.yaml", """
        receivers:
          otlp: { protocols: { grpc: { endpoint: "127.0.0.1:0" } } }
        exporters:
          loki:
            endpoint: %s
            retry_on_failure: { initial_interval: 10ms, max_interval: 10ms }
        %s
        service:
          admin: { endpoint: "127.0.0.1:0" }
          pipelines:
            logs: { receivers: [otlp], exporters: [loki] }
        """.formatted(loki.url(), settings.indent(4).stripTrailing()));
    open.add(server);
    return server;
  }

  private static double metric(RunningServer server, String name) {
    return server.metric(name, "exporter", "loki");
  }

  /** Sends the records of {@link #logs()} in one export request, as the SDK's exporter does. */
  private void send(RunningServer server) {
    OtlpGrpcLogRecordExporter exporter = OtlpGrpcLogRecordExporter.builder()
        .setEndpoint("http://127.0.0.1:" + server.grpcPort()).build();
    try {
      assertTrue(exporter.export(logs()).join(10, TimeUnit.SECONDS).isSuccess(),
          "Homeostat refused the logs");
    } finally {
      exporter.close();
    }
  }

  @ParameterizedTest(name = "encoding {0}")
  @ValueSource(strings = {"proto", "json"})
  void logsArriveAsStreamsWithLabelsStructuredMetadataAndOrder(String encoding)
      throws Exception {
    LokiDouble loki = loki(true);
    RunningServer server = homeostat(loki, "tenant_id: team-a\nencoding: " + encoding);
    send(server);

    LokiDouble.Push push = loki.nextPush();
    assertEquals("team-a", push.tenant());
    assertEquals(encoding.equals("json") ? "application/json" : "application/x-protobuf",
        push.contentType());
    assertEquals(Map.of(
        labels("auth", "REQ-A", "INFO"), List.of("login page served", "login ok",
            "session refreshed"),
        labels("auth", "REQ-A", "ERROR"), List.of("login failed"),
        labels("auth", "REQ-B", "WARN"), List.of("password reset"),
        labels("checkout", "REQ-C", "INFO"), List.of("cart saved"),
        labels("checkout", "REQ-C", "ERROR"), List.of("payment declined")), lines(push));

    LokiDouble.Entry failed = entry(push, "login failed");
    assertEquals(t0 + 20_000_000, failed.nanos());
    assertEquals(TRACE_ID, failed.metadata().get("trace_id"));
    assertEquals(AUTH_SPAN, failed.metadata().get("span_id"));
    assertEquals("u-2", failed.metadata().get("user_id"));
    assertEquals("java", failed.metadata().get("telemetry_sdk_language"));
    assertFalse(failed.metadata().containsKey("req"), "a label is no metadata as well");
    assertFalse(failed.metadata().containsKey("service_name"), "a label is no metadata as well");
    assertEquals(CHECKOUT_SPAN, entry(push, "payment declined").metadata().get("span_id"));
    assertEquals("4", entry(push, "cart saved").metadata().get("items"));
    assertFalse(entry(push, "cart saved").metadata().containsKey("trace_id"));

    Await.until("the records are counted as sent",
        () -> metric(server, "homeostat_exporter_sent_log_records_total") == RECORDS);
    assertEquals(1, loki.requests());
  }

  @Test
  void tooManyRequestsIsRetriedAfterRetryAfterUntilLokiTakesThePush() throws Exception {
    LokiDouble loki = loki(false);
    loki.answerTooManyRequests(1, "1");
    RunningServer server = homeostat(loki, "");
    send(server);

    LokiDouble.Push push = loki.nextPush();
    assertEquals("fake", push.tenant());
    assertEquals(RECORDS, push.streams().stream().mapToInt(s -> s.entries().size()).sum());
    Await.until("the records are counted as sent",
        () -> metric(server, "homeostat_exporter_sent_log_records_total") == RECORDS);
    assertEquals(1.0, metric(server, "homeostat_exporter_retries_total"));
    assertEquals(0.0, metric(server, "homeostat_exporter_send_failed_log_records_total"));
    assertEquals(2, loki.requests());
  }

  @Test
  void aBadRequestIsCountedAndNotRetried() throws Exception {
    LokiDouble loki = loki(false);
    loki.answerBadRequest(1, "entry for stream '{req=\"REQ-A\", service_name=\"auth\", "
        + "severity=\"INFO\"}' has timestamp too old: 2026-11-01T10:15:00Z, oldest acceptable "
        + "timestamp is: 2026-11-14T10:15:00Z");
    RunningServer server = homeostat(loki, "");
    send(server);
    Await.until("the refused records are counted",
        () -> metric(server, "homeostat_exporter_send_failed_log_records_total") == RECORDS);

    send(server);
    assertEquals(RECORDS, loki.nextPush().streams().stream()
        .mapToInt(s -> s.entries().size()).sum());
    Await.until("the second push is counted as sent",
        () -> metric(server, "homeostat_exporter_sent_log_records_total") == RECORDS);
    assertEquals(0.0, metric(server, "homeostat_exporter_retries_total"));
    assertEquals(2, loki.requests(), "the refused push was not sent again");
  }

  @Test
  void withoutATenantALokiWithAuthAnswers401AndNothingIsRetried() throws Exception {
    LokiDouble loki = loki(true);
    RunningServer server = homeostat(loki, "");
    send(server);
    Await.until("the refused records are counted",
        () -> metric(server, "homeostat_exporter_send_failed_log_records_total") == RECORDS);
    assertEquals(0.0, metric(server, "homeostat_exporter_retries_total"));
    assertEquals(1, loki.requests());
  }

  // ---- the telemetry ----

  /**
   * Records of services {@code auth} and {@code checkout}, written out of time order; two in
   * spans, one with a severity number and no text.
   */
  private List<LogRecordData> logs() {
    List<LogRecordData> logs = new ArrayList<>(SdkTelemetry.logs(service("auth"), logger -> {
      info(logger, 30, "session refreshed", "REQ-A").emit();
      info(logger, 10, "login ok", "REQ-A").setAttribute("user.id", "u-1").emit();
      at(logger, 20).setSeverity(Severity.ERROR).setSeverityText("ERROR")
          .setBody("login failed").setAttribute(REQ, "REQ-A").setAttribute("user.id", "u-2")
          .setContext(inSpan(AUTH_SPAN)).emit();
      info(logger, 0, "login page served", "REQ-A").emit();
      at(logger, 15).setSeverity(Severity.WARN).setBody("password reset")
          .setAttribute(REQ, "REQ-B").emit();
    }));
    logs.addAll(SdkTelemetry.logs(service("checkout"), logger -> {
      info(logger, 5, "cart saved", "REQ-C").setAttribute("items", 4L).emit();
      at(logger, 25).setSeverity(Severity.ERROR).setSeverityText("ERROR")
          .setBody("payment declined").setAttribute(REQ, "REQ-C")
          .setContext(inSpan(CHECKOUT_SPAN)).emit();
    }));
    assertEquals(RECORDS, logs.size());
    return logs;
  }

  private LogRecordBuilder at(Logger logger, long millis) {
    return logger.logRecordBuilder().setTimestamp(t0 + millis * 1_000_000, TimeUnit.NANOSECONDS);
  }

  private LogRecordBuilder info(Logger logger, long millis, String body, String req) {
    return at(logger, millis).setSeverity(Severity.INFO).setSeverityText("INFO").setBody(body)
        .setAttribute(REQ, req);
  }

  private static Context inSpan(String spanId) {
    return Context.root().with(Span.wrap(SpanContext.create(TRACE_ID, spanId,
        TraceFlags.getSampled(), TraceState.getDefault())));
  }

  private static Resource service(String name) {
    return Resource.getDefault().merge(
        Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), name)));
  }

  // ---- reading a push ----

  private static Map<String, String> labels(String service, String req, String severity) {
    return new TreeMap<>(Map.of("service_name", service, "req", req, "severity", severity));
  }

  /** Each stream's lines, in the order Loki got them. */
  private static Map<Map<String, String>, List<String>> lines(LokiDouble.Push push) {
    Map<Map<String, String>, List<String>> out = new HashMap<>();
    for (LokiDouble.Stream stream : push.streams()) {
      List<String> lines = out.computeIfAbsent(stream.labels(), l -> new ArrayList<>());
      stream.entries().forEach(entry -> lines.add(entry.line()));
    }
    return out;
  }

  private static LokiDouble.Entry entry(LokiDouble.Push push, String line) {
    return push.streams().stream().flatMap(s -> s.entries().stream())
        .filter(e -> e.line().equals(line)).findFirst()
        .orElseThrow(() -> new AssertionError("no entry '" + line + "' in " + push));
  }
}
