package io.homeostat.receiver.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.rpc.RetryInfo;
import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Signal;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OTLP/gRPC against the real SDK exporters and a raw gRPC client. */
class GrpcReceiverTest {

  /** The Export method with the request sent as raw bytes, to send what no SDK would. */
  private static final MethodDescriptor<byte[], ExportTraceServiceResponse> RAW_EXPORT =
      TraceServiceGrpc.getExportMethod().toBuilder(new BytesMarshaller(),
          TraceServiceGrpc.getExportMethod().getResponseMarshaller()).build();

  private RunningReceiver running;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    running = RunningReceiver.start(new OtlpReceiverConfig(new OtlpReceiverConfig.Protocols(
        RunningReceiver.grpc(1), null)), Signal.values());
    channel = Grpc.newChannelBuilderForAddress("127.0.0.1", running.receiver.grpcAddress().getPort(),
        InsecureChannelCredentials.create()).build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    running.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "gzip"})
  void spansFromTheSdkArriveExactlyAsSent(String compression) throws Exception {
    List<SpanData> spans = SdkTelemetry.spans();
    OtlpGrpcSpanExporter exporter = OtlpGrpcSpanExporter.builder().setEndpoint(running.grpcUrl())
        .setCompression(compression).build();
    try {
      assertSucceeds(exporter.export(spans));
    } finally {
      exporter.shutdown().join(5, TimeUnit.SECONDS);
    }

    ExportTraceServiceRequest received = running.consumer(Signal.TRACES).next();
    assertEquals(SdkTelemetry.traceRequest(spans), received);
    List<Span> sent = received.getResourceSpans(0).getScopeSpans(0).getSpansList();
    SpanData child = spans.stream().filter(s -> s.getName().equals("SELECT orders")).findFirst()
        .orElseThrow();
    Span childReceived = sent.stream().filter(s -> s.getName().equals("SELECT orders")).findFirst()
        .orElseThrow();
    assertEquals(child.getTraceId(), hex(childReceived.getTraceId()));
    assertEquals(child.getSpanId(), hex(childReceived.getSpanId()));
    assertEquals(child.getParentSpanId(), hex(childReceived.getParentSpanId()));
    assertEquals(SdkTelemetry.T0 + 1_000_000, childReceived.getStartTimeUnixNano());
    assertEquals(SdkTelemetry.T0 + 5_000_000, childReceived.getEndTimeUnixNano());
    assertEquals(List.of(attribute("db.rows", AnyValue.newBuilder().setIntValue(3).build()),
        attribute("cached", AnyValue.newBuilder().setBoolValue(false).build())),
        childReceived.getAttributesList());
    assertEquals(2, running.counted("accepted", Signal.TRACES, Transport.GRPC));
    assertEquals(0, running.counted("refused", Signal.TRACES, Transport.GRPC));
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "gzip"})
  void metricsFromTheSdkArriveExactlyAsSent(String compression) throws Exception {
    Collection<MetricData> metrics = SdkTelemetry.metrics();
    OtlpGrpcMetricExporter exporter = OtlpGrpcMetricExporter.builder()
        .setEndpoint(running.grpcUrl()).setCompression(compression).build();
    try {
      assertSucceeds(exporter.export(metrics));
    } finally {
      exporter.shutdown().join(5, TimeUnit.SECONDS);
    }

    ExportMetricsServiceRequest received = running.consumer(Signal.METRICS).next();
    assertEquals(SdkTelemetry.metricsRequest(metrics), received);
    assertEquals(3, running.counted("accepted", Signal.METRICS, Transport.GRPC));
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "gzip"})
  void logsFromTheSdkArriveExactlyAsSent(String compression) throws Exception {
    List<LogRecordData> logs = SdkTelemetry.logs();
    OtlpGrpcLogRecordExporter exporter = OtlpGrpcLogRecordExporter.builder()
        .setEndpoint(running.grpcUrl()).setCompression(compression).build();
    try {
      assertSucceeds(exporter.export(logs));
    } finally {
      exporter.shutdown().join(5, TimeUnit.SECONDS);
    }

    ExportLogsServiceRequest received = running.consumer(Signal.LOGS).next();
    assertEquals(SdkTelemetry.logsRequest(logs), received);
    var inSpan = received.getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
    assertEquals(SdkTelemetry.TRACE_ID, hex(inSpan.getTraceId()));
    assertEquals(SdkTelemetry.SPAN_ID, hex(inSpan.getSpanId()));
    assertEquals(SdkTelemetry.T0, inSpan.getTimeUnixNano());
    assertEquals("payment declined", inSpan.getBody().getStringValue());
    assertEquals(2, running.counted("accepted", Signal.LOGS, Transport.GRPC));
  }

  @Test
  void aGzipCompressedCallFromARawClientIsDecompressed() throws Exception {
    ExportTraceServiceRequest request = SdkTelemetry.traceRequest(SdkTelemetry.spans());
    TraceServiceGrpc.newBlockingStub(channel).withCompression("gzip")
        .withDeadlineAfter(10, TimeUnit.SECONDS).export(request);
    assertEquals(request, running.consumer(Signal.TRACES).next());
  }

  @Test
  void refusedIsARetryableFailureForTheSdk() throws Exception {
    CapturingConsumer traces = running.consumer(Signal.TRACES);
    traces.answer(new Outcome.Refused(Duration.ofMillis(10), "the ring is full"));
    OtlpGrpcSpanExporter exporter = OtlpGrpcSpanExporter.builder().setEndpoint(running.grpcUrl())
        .setRetryPolicy(RetryPolicy.builder().setMaxAttempts(2)
            .setInitialBackoff(Duration.ofMillis(10)).build())
        .build();
    try {
      assertSucceeds(exporter.export(SdkTelemetry.spans()));
    } finally {
      exporter.shutdown().join(5, TimeUnit.SECONDS);
    }
    ExportTraceServiceRequest first = traces.next();
    assertEquals(first, traces.next(), "the SDK sent the refused request again");
    assertEquals(2, running.counted("refused", Signal.TRACES, Transport.GRPC));
    assertEquals(2, running.counted("accepted", Signal.TRACES, Transport.GRPC));
  }

  @Test
  void refusedIsUnavailableWithRetryInfo() throws Exception {
    running.consumer(Signal.TRACES).answer(
        new Outcome.Refused(Duration.ofMillis(2500), "the ring is full"));
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> stub().export(SdkTelemetry.traceRequest(SdkTelemetry.spans())));
    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    assertEquals("the ring is full", status.getMessage());
    RetryInfo retry = status.getDetails(0).unpack(RetryInfo.class);
    assertEquals(com.google.protobuf.Duration.newBuilder().setSeconds(2).setNanos(500_000_000)
        .build(), retry.getRetryDelay());
  }

  @Test
  void invalidIsInvalidArgumentAndTheSdkDoesNotRetry() throws Exception {
    CapturingConsumer traces = running.consumer(Signal.TRACES);
    traces.answer(new Outcome.Invalid("span 'GET /checkout' has no req attribute"));
    OtlpGrpcSpanExporter exporter = OtlpGrpcSpanExporter.builder().setEndpoint(running.grpcUrl())
        .setRetryPolicy(RetryPolicy.builder().setMaxAttempts(2)
            .setInitialBackoff(Duration.ofMillis(10)).build())
        .build();
    try {
      CompletableResultCode result = exporter.export(SdkTelemetry.spans()).join(10, TimeUnit.SECONDS);
      assertTrue(result.isDone() && !result.isSuccess(), "the export fails");
    } finally {
      exporter.shutdown().join(5, TimeUnit.SECONDS);
    }
    traces.next();
    assertEquals(0, traces.pending(), "not sent again");

    traces.answer(new Outcome.Invalid("span 'GET /checkout' has no req attribute"));
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> stub().export(SdkTelemetry.traceRequest(SdkTelemetry.spans())));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertEquals("span 'GET /checkout' has no req attribute", e.getStatus().getDescription());
    assertEquals(4, running.counted("refused", Signal.TRACES, Transport.GRPC));
  }

  @Test
  void partialSuccessOfThePipelineReachesTheClient() throws Exception {
    running.consumer(Signal.TRACES).answer(new Outcome.Accepted(1, "1 span dropped: no req key"));
    ExportTraceServiceResponse response = stub().export(SdkTelemetry.traceRequest(SdkTelemetry.spans()));
    assertEquals(1, response.getPartialSuccess().getRejectedSpans());
    assertEquals("1 span dropped: no req key", response.getPartialSuccess().getErrorMessage());
    assertEquals(1, running.counted("accepted", Signal.TRACES, Transport.GRPC));
    assertEquals(1, running.counted("refused", Signal.TRACES, Transport.GRPC));
  }

  @Test
  void spansWithMalformedIdsAreRejectedAndAddedToThePipelinesPartialSuccess() throws Exception {
    CapturingConsumer traces = running.consumer(Signal.TRACES);
    traces.answer(new Outcome.Accepted(1, "1 span dropped: no req key"));
    Span good = span("good", 16, 8, 0);
    ExportTraceServiceRequest request = traceRequest(good, span("short-trace", 3, 8, 0),
        span("good too", 16, 8, 8), span("bad-parent", 16, 8, 4));

    ExportTraceServiceResponse response = stub().export(request);

    assertEquals(3, response.getPartialSuccess().getRejectedSpans());
    assertEquals("2 spans rejected for malformed ids; the first: span 'short-trace' has a 3-byte"
        + " trace_id, not 16; 1 span dropped: no req key",
        response.getPartialSuccess().getErrorMessage());
    ExportTraceServiceRequest handedOn = traces.next();
    assertEquals(List.of("good", "good too"), handedOn.getResourceSpans(0).getScopeSpans(0)
        .getSpansList().stream().map(Span::getName).toList());
    assertEquals(1, running.counted("accepted", Signal.TRACES, Transport.GRPC));
    assertEquals(3, running.counted("refused", Signal.TRACES, Transport.GRPC));
  }

  @Test
  void aRequestWithOnlyMalformedIdsIsAnsweredWithoutThePipeline() throws Exception {
    ExportTraceServiceResponse response = stub().export(traceRequest(span("no ids", 0, 0, 0)));
    assertEquals(1, response.getPartialSuccess().getRejectedSpans());
    assertEquals("1 span rejected for malformed ids; the first: span 'no ids' has a 0-byte"
        + " trace_id, not 16", response.getPartialSuccess().getErrorMessage());
    assertEquals(0, running.consumer(Signal.TRACES).pending());
    assertEquals(1, running.counted("refused", Signal.TRACES, Transport.GRPC));
  }

  @Test
  void garbageIsInvalidArgumentAndTheNextCallIsServed() throws Exception {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> rawExport(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 1}));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().startsWith(
        "cannot decode the OTLP/gRPC traces request as protobuf: "), e.getStatus().getDescription());
    assertStillServes();
  }

  @Test
  void aTruncatedRequestIsInvalidArgumentAndTheNextCallIsServed() throws Exception {
    byte[] whole = SdkTelemetry.traceRequest(SdkTelemetry.spans()).toByteArray();
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> rawExport(java.util.Arrays.copyOf(whole, whole.length / 2)));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains("ended unexpectedly"),
        e.getStatus().getDescription());
    assertStillServes();
  }

  @Test
  void aMessageOverMaxRecvMsgSizeIsResourceExhaustedAndTheNextCallIsServed() throws Exception {
    Span big = span("big", 16, 8, 0).toBuilder()
        .addAttributes(attribute("payload", AnyValue.newBuilder()
            .setStringValue("x".repeat((1 << 20) + 1)).build()))
        .build();
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> stub().export(traceRequest(big)));
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
    assertEquals(0, running.consumer(Signal.TRACES).pending());
    assertStillServes();
  }

  @Test
  void aSignalNoPipelineUsesIsUnimplemented() throws Exception {
    try (RunningReceiver tracesOnly = RunningReceiver.start(new OtlpReceiverConfig(
        new OtlpReceiverConfig.Protocols(RunningReceiver.grpc(4), null)), Signal.TRACES)) {
      ManagedChannel other = Grpc.newChannelBuilderForAddress("127.0.0.1",
          tracesOnly.receiver.grpcAddress().getPort(), InsecureChannelCredentials.create()).build();
      try {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
            () -> MetricsServiceGrpc.newBlockingStub(other).withDeadlineAfter(10, TimeUnit.SECONDS)
                .export(ExportMetricsServiceRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
        TraceServiceGrpc.newBlockingStub(other).withDeadlineAfter(10, TimeUnit.SECONDS)
            .export(ExportTraceServiceRequest.getDefaultInstance());
      } finally {
        other.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  private void assertStillServes() throws Exception {
    ExportTraceServiceRequest request = SdkTelemetry.traceRequest(SdkTelemetry.spans());
    ExportTraceServiceResponse response = stub().export(request);
    assertFalse(response.hasPartialSuccess());
    assertEquals(request, running.consumer(Signal.TRACES).next());
  }

  private TraceServiceGrpc.TraceServiceBlockingStub stub() {
    return TraceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private ExportTraceServiceResponse rawExport(byte[] body) {
    return ClientCalls.blockingUnaryCall(channel, RAW_EXPORT,
        CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), body);
  }

  private static void assertSucceeds(CompletableResultCode export) {
    CompletableResultCode result = export.join(10, TimeUnit.SECONDS);
    assertTrue(result.isSuccess(), () -> "export failed: " + result.getFailureThrowable());
  }

  static ExportTraceServiceRequest traceRequest(Span... spans) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder()
            .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans))))
        .build();
  }

  /** A span whose ids have the given lengths in bytes. */
  static Span span(String name, int traceIdBytes, int spanIdBytes, int parentIdBytes) {
    return Span.newBuilder().setName(name)
        .setTraceId(ByteString.copyFrom(filled(traceIdBytes, 1)))
        .setSpanId(ByteString.copyFrom(filled(spanIdBytes, 2)))
        .setParentSpanId(ByteString.copyFrom(filled(parentIdBytes, 3)))
        .setStartTimeUnixNano(SdkTelemetry.T0).setEndTimeUnixNano(SdkTelemetry.T0 + 1)
        .build();
  }

  private static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    java.util.Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  static KeyValue attribute(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  static String hex(ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  private static final class BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
