package io.homeostat.receiver.otlp;

import static io.homeostat.receiver.otlp.TestRequests.attribute;
import static io.homeostat.receiver.otlp.TestRequests.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the real OpenTelemetry SDK exporters see of the receiver, run once per transport: data
 * arrives exactly as sent, with and without gzip; a refused request is retried; an invalid one is
 * not.
 */
abstract class SdkExportSuite {

  /** One retry, soon: enough to see whether the SDK retries at all. */
  static final RetryPolicy ONE_RETRY = RetryPolicy.builder().setMaxAttempts(2)
      .setInitialBackoff(Duration.ofMillis(10)).build();

  RunningReceiver running;

  abstract Transport transport();

  /** The receiver's protocols: this transport only, on loopback port 0. */
  abstract OtlpReceiverConfig.Protocols protocols();

  abstract SpanExporter spanExporter(String compression);

  abstract MetricExporter metricExporter(String compression);

  abstract LogRecordExporter logExporter(String compression);

  @BeforeEach
  void startReceiver() throws Exception {
    running = RunningReceiver.start(new OtlpReceiverConfig(protocols()), Signal.values());
  }

  @AfterEach
  void stopReceiver() {
    running.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "gzip"})
  void spansArriveExactlyAsSent(String compression) throws Exception {
    List<SpanData> spans = SdkTelemetry.spans();
    assertSucceeds(export(spanExporter(compression), e -> e.export(spans), SpanExporter::shutdown));

    ExportTraceServiceRequest received = running.consumer(Signal.TRACES).next();
    assertEquals(SdkTelemetry.traceRequest(spans), received);
    SpanData child = spans.stream().filter(s -> s.getName().equals("SELECT orders")).findFirst()
        .orElseThrow();
    Span childReceived = received.getResourceSpans(0).getScopeSpans(0).getSpansList().stream()
        .filter(s -> s.getName().equals("SELECT orders")).findFirst().orElseThrow();
    assertEquals(child.getTraceId(), hex(childReceived.getTraceId()));
    assertEquals(child.getSpanId(), hex(childReceived.getSpanId()));
    assertEquals(child.getParentSpanId(), hex(childReceived.getParentSpanId()));
    assertEquals(SdkTelemetry.T0 + 1_000_000, childReceived.getStartTimeUnixNano());
    assertEquals(SdkTelemetry.T0 + 5_000_000, childReceived.getEndTimeUnixNano());
    assertEquals(List.of(attribute("db.rows", AnyValue.newBuilder().setIntValue(3).build()),
        attribute("cached", AnyValue.newBuilder().setBoolValue(false).build())),
        childReceived.getAttributesList());
    assertEquals(2, running.counted("accepted", Signal.TRACES, transport()));
    assertEquals(0, running.counted("refused", Signal.TRACES, transport()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "gzip"})
  void metricsArriveExactlyAsSent(String compression) throws Exception {
    Collection<MetricData> metrics = SdkTelemetry.metrics();
    assertSucceeds(export(metricExporter(compression), e -> e.export(metrics),
        MetricExporter::shutdown));

    ExportMetricsServiceRequest received = running.consumer(Signal.METRICS).next();
    assertEquals(SdkTelemetry.metricsRequest(metrics), received);
    assertEquals(3, running.counted("accepted", Signal.METRICS, transport()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "gzip"})
  void logsArriveExactlyAsSent(String compression) throws Exception {
    List<LogRecordData> logs = SdkTelemetry.logs();
    assertSucceeds(export(logExporter(compression), e -> e.export(logs),
        LogRecordExporter::shutdown));

    ExportLogsServiceRequest received = running.consumer(Signal.LOGS).next();
    assertEquals(SdkTelemetry.logsRequest(logs), received);
    var inSpan = received.getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
    assertEquals(SdkTelemetry.TRACE_ID, hex(inSpan.getTraceId()));
    assertEquals(SdkTelemetry.SPAN_ID, hex(inSpan.getSpanId()));
    assertEquals(SdkTelemetry.T0, inSpan.getTimeUnixNano());
    assertEquals("payment declined", inSpan.getBody().getStringValue());
    assertEquals(2, running.counted("accepted", Signal.LOGS, transport()));
  }

  @Test
  void aRefusedRequestIsRetriedByTheSdk() throws Exception {
    CapturingConsumer traces = running.consumer(Signal.TRACES);
    traces.answer(new Outcome.Refused(Duration.ofMillis(10), "the ring is full"));

    assertSucceeds(export(spanExporter("none"), e -> e.export(SdkTelemetry.spans()),
        SpanExporter::shutdown));

    ExportTraceServiceRequest first = traces.next();
    assertEquals(first, traces.next(), "the SDK sent the refused request again");
    assertEquals(2, running.counted("refused", Signal.TRACES, transport()));
    assertEquals(2, running.counted("accepted", Signal.TRACES, transport()));
  }

  @Test
  void anInvalidRequestIsNotRetriedByTheSdk() throws Exception {
    CapturingConsumer traces = running.consumer(Signal.TRACES);
    traces.answer(new Outcome.Invalid("span 'GET /checkout' has no req attribute"));

    CompletableResultCode result = export(spanExporter("none"),
        e -> e.export(SdkTelemetry.spans()), SpanExporter::shutdown);

    assertTrue(result.isDone() && !result.isSuccess(), "the export fails");
    traces.next();
    assertEquals(0, traces.pending(), "not sent again");
    assertEquals(2, running.counted("refused", Signal.TRACES, transport()));
  }

  /** Exports once with a fresh exporter and shuts it down; returns the export's result. */
  private static <E> CompletableResultCode export(E exporter,
      Function<E, CompletableResultCode> export, Function<E, CompletableResultCode> shutdown) {
    try {
      return export.apply(exporter).join(10, TimeUnit.SECONDS);
    } finally {
      shutdown.apply(exporter).join(5, TimeUnit.SECONDS);
    }
  }

  private static void assertSucceeds(CompletableResultCode result) {
    assertTrue(result.isSuccess(), () -> "export failed: " + result.getFailureThrowable());
  }
}
