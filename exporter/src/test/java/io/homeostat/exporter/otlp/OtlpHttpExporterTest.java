package io.homeostat.exporter.otlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.rpc.Code;
import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.otlp.OtlpJson;
import io.homeostat.core.pipeline.Exporter;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.testing.Await;
import io.homeostat.exporter.ConfigFixture;
import io.homeostat.exporter.TestRequests;
import io.homeostat.exporter.otlp.FakeHttpBackend.Answer;
import io.homeostat.exporter.sending.ExportException;
import io.homeostat.exporter.sending.PermanentExportException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OtlpHttpExporterTest {

  private static final OtlpHttpExporterFactory FACTORY = new OtlpHttpExporterFactory();

  private final MetricRegistry registry = new MetricRegistry();
  private final ComponentSettings settings =
      new ComponentSettings(ComponentId.parse("otlphttp/loki"), registry, Path.of("."));
  private FakeHttpBackend backend;
  private Exporter exporter;
  private HttpSender sender;

  @AfterEach
  void stop() {
    if (exporter != null) {
      exporter.shutdown(Deadline.in(Duration.ofSeconds(5)));
    }
    backend.close();
  }

  private OtlpHttpConfig config(String extra) {
    return ConfigFixture.bind(FACTORY, "otlphttp:\n  endpoint: " + backend.url() + "\n" + extra);
  }

  private Exporter start(String extra) throws Exception {
    exporter = FACTORY.create(settings, EnumSet.allOf(Signal.class), config(extra));
    exporter.start();
    return exporter;
  }

  private Outcome.Accepted send(String extra) throws Exception {
    sender = new HttpSender(settings, config(extra), EnumSet.allOf(Signal.class));
    sender.start();
    return sender.send(Signal.TRACES, TestRequests.spans(2), Deadline.in(Duration.ofSeconds(5)));
  }

  private double metric(String name) {
    return registry.value(name, "exporter", "otlphttp/loki");
  }

  private static Answer status(int code, Map<String, String> headers, String message) {
    return new Answer(code, headers, "application/x-protobuf", com.google.rpc.Status.newBuilder()
        .setCode(Code.INVALID_ARGUMENT_VALUE).setMessage(message).build().toByteArray());
  }

  @Test
  void postsEachSignalToItsPathGzippedWithTheHeadersAndTheServerDecodesIt() throws Exception {
    backend = new FakeHttpBackend(true);
    start("  headers: { X-Scope-OrgID: tenant-1 }\n");
    exporter.offer(Signal.TRACES, TestRequests.spans(3));
    exporter.offer(Signal.METRICS, TestRequests.metricPoints(2));
    exporter.offer(Signal.LOGS, TestRequests.logRecords(4));

    for (int i = 0; i < 3; i++) {
      FakeHttpBackend.Received received = backend.nextRequest();
      assertEquals("application/x-protobuf", received.headers().get("Content-Type"));
      assertEquals("tenant-1", received.headers().get("X-Scope-OrgID"));
      switch (received.path()) {
        case "/v1/traces" -> assertEquals(TestRequests.spans(3),
            ExportTraceServiceRequest.parseFrom(received.body()));
        case "/v1/metrics" -> assertEquals(TestRequests.metricPoints(2),
            ExportMetricsServiceRequest.parseFrom(received.body()));
        case "/v1/logs" -> assertEquals(TestRequests.logRecords(4),
            ExportLogsServiceRequest.parseFrom(received.body()));
        default -> throw new AssertionError("unexpected path " + received.path());
      }
    }
    Await.equal(3.0, () -> metric("homeostat_exporter_sent_spans_total"));
    Await.equal(2.0, () -> metric("homeostat_exporter_sent_metric_points_total"));
    Await.equal(4.0, () -> metric("homeostat_exporter_sent_log_records_total"));
  }

  @Test
  void theBodyTravelsGzippedByDefault() throws Exception {
    backend = new FakeHttpBackend(false);
    assertEquals(Outcome.ACCEPTED, send(""));
    FakeHttpBackend.Received received = backend.nextRequest();
    assertEquals("gzip", received.headers().get("Content-Encoding"));
    assertArrayEquals(TestRequests.spans(2).toByteArray(),
        new GZIPInputStream(new ByteArrayInputStream(received.body())).readAllBytes());
  }

  @Test
  void withCompressionNoneTheBodyIsThePlainMessage() throws Exception {
    backend = new FakeHttpBackend(false);
    send("  compression: none\n");
    FakeHttpBackend.Received received = backend.nextRequest();
    assertNull(received.headers().get("Content-Encoding"));
    assertArrayEquals(TestRequests.spans(2).toByteArray(), received.body());
  }

  @Test
  void aSignalsOwnEndpointReplacesTheDerivedUrl() throws Exception {
    backend = new FakeHttpBackend(true);
    send("  traces_endpoint: " + "http://127.0.0.1:" + backendPort() + "/tempo/otlp/traces\n");
    assertEquals("/tempo/otlp/traces", backend.nextRequest().path());
  }

  private String backendPort() {
    return backend.url().substring(backend.url().lastIndexOf(':') + 1);
  }

  @Test
  void withEncodingJsonTheBodyIsOtlpJson() throws Exception {
    backend = new FakeHttpBackend(true);
    send("  encoding: json\n");
    FakeHttpBackend.Received received = backend.nextRequest();
    assertEquals("application/json", received.headers().get("Content-Type"));
    assertEquals(TestRequests.spans(2),
        OtlpJson.decodeRequest(Signal.TRACES, new ByteArrayInputStream(received.body())));
  }

  @Test
  void jsonAnswersAreReadForPartialSuccessAndErrors() throws Exception {
    backend = new FakeHttpBackend(true);
    backend.answerNext(
        new Answer(200, Map.of(), "application/json",
            "{\"partialSuccess\":{\"rejectedSpans\":\"1\",\"errorMessage\":\"too old\"}}"
                .getBytes(StandardCharsets.UTF_8)),
        new Answer(400, Map.of(), "application/json",
            "{\"code\":3,\"message\":\"span 0 has no trace id\"}".getBytes(StandardCharsets.UTF_8)));
    assertEquals(new Outcome.Accepted(1, "too old"), send("  encoding: json\n"));
    PermanentExportException e = assertThrows(PermanentExportException.class, () -> sender.send(
        Signal.TRACES, TestRequests.spans(1), Deadline.in(Duration.ofSeconds(5))));
    assertTrue(e.getMessage().endsWith(" answered 400: span 0 has no trace id; the backend "
        + "refused the data as invalid"), e.getMessage());
  }

  @Test
  void unavailableWithRetryAfterIsRetryableWithTheServersDelay() throws Exception {
    backend = new FakeHttpBackend(true);
    backend.answerNext(new Answer(503, Map.of("Retry-After", "7"), "text/plain",
        "overloaded\n".getBytes(StandardCharsets.UTF_8)));
    ExportException e = assertThrows(ExportException.class, () -> send(""));
    assertFalse(e instanceof PermanentExportException);
    assertEquals(Duration.ofSeconds(7), e.retryAfter());
    assertEquals("the OTLP/HTTP backend at " + backend.url() + "/v1/traces answered 503: "
        + "overloaded; the backend is overloaded or throttling", e.getMessage());
  }

  @Test
  void tooManyRequestsIsRetryableAndWithoutRetryAfterLeavesTheDelayToTheBackoff()
      throws Exception {
    backend = new FakeHttpBackend(true);
    backend.answerNext(new Answer(429, Map.of(), null, new byte[0]));
    ExportException e = assertThrows(ExportException.class, () -> send(""));
    assertFalse(e instanceof PermanentExportException);
    assertEquals(Duration.ZERO, e.retryAfter());
  }

  @Test
  void retriesUntilTheBackendTakesTheRequestAndCountsTheRetries() throws Exception {
    backend = new FakeHttpBackend(true);
    backend.answerNext(new Answer(503, Map.of("Retry-After", "0"), null, new byte[0]),
        new Answer(502, Map.of(), null, new byte[0]));
    start(ConfigFixture.FAST_RETRY);
    exporter.offer(Signal.LOGS, TestRequests.logRecords(2));

    Await.equal(2.0, () -> metric("homeostat_exporter_sent_log_records_total"));
    assertEquals(2.0, metric("homeostat_exporter_retries_total"));
    assertEquals(3, backend.requests.size());
  }

  @Test
  void badRequestIsPermanentAndQuotesTheStatusMessage() throws Exception {
    backend = new FakeHttpBackend(true);
    backend.answerNext(status(400, Map.of(), "span 0 has no trace id"));
    PermanentExportException e = assertThrows(PermanentExportException.class, () -> send(""));
    assertEquals("the OTLP/HTTP backend at " + backend.url() + "/v1/traces answered 400: span 0 "
        + "has no trace id; the backend refused the data as invalid", e.getMessage());
  }

  @Test
  void aPermanentErrorIsNotRetriedAndCountsTheItemsAsFailed() throws Exception {
    backend = new FakeHttpBackend(true);
    backend.answerNext(status(400, Map.of(), "bad"));
    start(ConfigFixture.FAST_RETRY);
    exporter.offer(Signal.TRACES, TestRequests.spans(3));

    Await.equal(3.0, () -> metric("homeostat_exporter_send_failed_spans_total"));
    assertEquals(1, backend.requests.size());
    assertEquals(0.0, metric("homeostat_exporter_retries_total"));
  }

  @Test
  void notFoundSaysWhichPathWasTried() throws Exception {
    backend = new FakeHttpBackend(true);
    backend.answerNext(new Answer(404, Map.of(), "text/plain",
        "404 page not found".getBytes(StandardCharsets.UTF_8)));
    PermanentExportException e = assertThrows(PermanentExportException.class, () -> send(""));
    assertEquals("the OTLP/HTTP backend at " + backend.url() + "/v1/traces answered 404: 404 "
        + "page not found; the URL does not serve OTLP traces: check the endpoint (the exporter "
        + "appends /v1/traces to it) or set traces_endpoint to the full URL", e.getMessage());
  }

  @Test
  void aPartialSuccessReportsTheRejectedItems() throws Exception {
    backend = new FakeHttpBackend(true);
    backend.answerNext(new Answer(200, Map.of(), "application/x-protobuf",
        ExportTraceServiceResponse.newBuilder().setPartialSuccess(ExportTracePartialSuccess
            .newBuilder().setRejectedSpans(1).setErrorMessage("span too old")).build()
            .toByteArray()));
    assertEquals(new Outcome.Accepted(1, "span too old"), send(""));
  }

  @Test
  void aPartialSuccessCountsTheRejectedItemsAsFailed() throws Exception {
    backend = new FakeHttpBackend(true);
    backend.answerNext(new Answer(200, Map.of(), "application/x-protobuf",
        ExportTraceServiceResponse.newBuilder().setPartialSuccess(ExportTracePartialSuccess
            .newBuilder().setRejectedSpans(2)).build().toByteArray()));
    start("");
    exporter.offer(Signal.TRACES, TestRequests.spans(5));

    Await.equal(2.0, () -> metric("homeostat_exporter_send_failed_spans_total"));
    assertEquals(3.0, metric("homeostat_exporter_sent_spans_total"));
  }

  @Test
  void anUnreachableBackendIsRetryableAndTheMessageSaysWhatToCheck() throws Exception {
    backend = new FakeHttpBackend(true);
    String url = backend.url();
    backend.close();
    sender = new HttpSender(settings, ConfigFixture.bind(FACTORY, "otlphttp:\n  endpoint: "
        + url + "\n"), EnumSet.of(Signal.TRACES));
    sender.start();
    ExportException e = assertThrows(ExportException.class, () -> sender.send(Signal.TRACES,
        TestRequests.spans(1), Deadline.in(Duration.ofSeconds(5))));
    assertFalse(e instanceof PermanentExportException);
    assertTrue(e.getMessage().startsWith("cannot connect to the OTLP/HTTP backend at " + url
        + "/v1/traces: java.net.ConnectException"), e.getMessage());
    assertTrue(e.getMessage().endsWith("; check that the endpoint is right and the backend is up"),
        e.getMessage());
  }

  @Test
  void noAnswerWithinTheTimeoutIsRetryable() throws Exception {
    backend = new FakeHttpBackend(true);
    backend.answerNext(Answer.never());
    sender = new HttpSender(settings, config("  timeout: 200ms\n"), EnumSet.of(Signal.TRACES));
    sender.start();
    ExportException e = assertThrows(ExportException.class, () -> sender.send(Signal.TRACES,
        TestRequests.spans(1), Deadline.in(Duration.ofMillis(200))));
    assertFalse(e instanceof PermanentExportException);
    assertEquals("no answer from the OTLP/HTTP backend at " + backend.url() + "/v1/traces within "
        + "timeout (200ms): the backend is overloaded or unreachable, or raise timeout",
        e.getMessage());
  }
}
