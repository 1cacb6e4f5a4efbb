package io.homeostat.receiver.otlp;

import static io.homeostat.receiver.otlp.TestRequests.attribute;
import static io.homeostat.receiver.otlp.TestRequests.span;
import static io.homeostat.receiver.otlp.TestRequests.traceRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.rpc.RetryInfo;
import io.grpc.CallOptions;
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
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OTLP/gRPC: the SDK suite, and what only a raw gRPC client can send or see. */
class GrpcReceiverTest extends SdkExportSuite {

  /** The Export method with the request sent as raw bytes, to send what no SDK would. */
  private static final MethodDescriptor<byte[], ExportTraceServiceResponse> RAW_EXPORT =
      TraceServiceGrpc.getExportMethod().toBuilder(new BytesMarshaller(),
          TraceServiceGrpc.getExportMethod().getResponseMarshaller()).build();

  private ManagedChannel channel;

  @Override
  Transport transport() {
    return Transport.GRPC;
  }

  @Override
  OtlpReceiverConfig.Protocols protocols() {
    return new OtlpReceiverConfig.Protocols(RunningReceiver.grpc(1), null);
  }

  @Override
  SpanExporter spanExporter(String compression) {
    return OtlpGrpcSpanExporter.builder().setEndpoint(running.grpcUrl())
        .setCompression(compression).setRetryPolicy(ONE_RETRY).build();
  }

  @Override
  MetricExporter metricExporter(String compression) {
    return OtlpGrpcMetricExporter.builder().setEndpoint(running.grpcUrl())
        .setCompression(compression).setRetryPolicy(ONE_RETRY).build();
  }

  @Override
  LogRecordExporter logExporter(String compression) {
    return OtlpGrpcLogRecordExporter.builder().setEndpoint(running.grpcUrl())
        .setCompression(compression).setRetryPolicy(ONE_RETRY).build();
  }

  @BeforeEach
  void openChannel() {
    channel = running.newGrpcChannel();
  }

  @AfterEach
  void closeChannel() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void aGzipCompressedCallFromARawClientIsDecompressed() throws Exception {
    ExportTraceServiceRequest request = SdkTelemetry.traceRequest(SdkTelemetry.spans());
    TraceServiceGrpc.newBlockingStub(channel).withCompression("gzip")
        .withDeadlineAfter(10, TimeUnit.SECONDS).export(request);
    assertEquals(request, running.consumer(Signal.TRACES).next());
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
  void invalidIsInvalidArgumentWithTheMessage() throws Exception {
    running.consumer(Signal.TRACES).answer(
        new Outcome.Invalid("span 'GET /checkout' has no req attribute"));
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> stub().export(SdkTelemetry.traceRequest(SdkTelemetry.spans())));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertEquals("span 'GET /checkout' has no req attribute", e.getStatus().getDescription());
    assertEquals(2, running.counted("refused", Signal.TRACES, Transport.GRPC));
  }

  @Test
  void partialSuccessOfThePipelineReachesTheClient() throws Exception {
    running.consumer(Signal.TRACES).answer(new Outcome.Accepted(1, "1 span dropped: no req key"));
    ExportTraceServiceResponse response =
        stub().export(SdkTelemetry.traceRequest(SdkTelemetry.spans()));
    assertEquals(1, response.getPartialSuccess().getRejectedSpans());
    assertEquals("1 span dropped: no req key", response.getPartialSuccess().getErrorMessage());
    assertEquals(1, running.counted("accepted", Signal.TRACES, Transport.GRPC));
    assertEquals(1, running.counted("refused", Signal.TRACES, Transport.GRPC));
  }

  @Test
  void spansWithMalformedIdsAreRejectedAndAddedToThePipelinesPartialSuccess() throws Exception {
    CapturingConsumer traces = running.consumer(Signal.TRACES);
    traces.answer(new Outcome.Accepted(1, "1 span dropped: no req key"));
    ExportTraceServiceRequest request = traceRequest(span("good", 16, 8, 0),
        span("short-trace", 3, 8, 0),
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
    String description = e.getStatus().getDescription();
    assertTrue(description.startsWith("cannot decode the OTLP/gRPC traces request as protobuf: "),
        description);
    assertStillServes();
  }

  @Test
  void aTruncatedRequestIsInvalidArgumentAndTheNextCallIsServed() throws Exception {
    byte[] whole = SdkTelemetry.traceRequest(SdkTelemetry.spans()).toByteArray();
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> rawExport(Arrays.copyOf(whole, whole.length / 2)));
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
      ManagedChannel other = tracesOnly.newGrpcChannel();
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
