package io.homeostat.receiver.otlp;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.metrics.MetricsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Telemetry made by the real OpenTelemetry SDK, and the OTLP requests its exporters send for it
 * (encoded by the SDK's own marshalers), so that tests can compare what arrives with what was sent.
 */
public final class SdkTelemetry {

  public static final Resource RESOURCE = Resource.getDefault()
      .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "checkout")));
  /** 2026-11-21T10:15:00Z, so that timestamps are fixed and easy to check. */
  public static final long T0 = 1_795_256_100_000_000_000L;
  public static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  public static final String SPAN_ID = "00f067aa0ba902b7";

  private SdkTelemetry() {}

  /** A server span and its child with attributes, an event, an error status and fixed times. */
  public static List<SpanData> spans() {
    return record(tracer -> {
      Span parent = tracer.spanBuilder("GET /checkout").setSpanKind(SpanKind.SERVER)
          .setStartTimestamp(T0, TimeUnit.NANOSECONDS)
          .setAttribute("req", "REQ-F-AUTH-001").setAttribute("http.response.status_code", 200L)
          .startSpan();
      Span child = tracer.spanBuilder("SELECT orders").setParent(Context.root().with(parent))
          .setStartTimestamp(T0 + 1_000_000, TimeUnit.NANOSECONDS)
          .setAttribute("db.rows", 3L).setAttribute("cached", false).startSpan();
      child.addEvent("retry", Attributes.of(AttributeKey.longKey("attempt"), 2L),
          T0 + 2_000_000, TimeUnit.NANOSECONDS);
      child.setStatus(StatusCode.ERROR, "timeout");
      child.end(T0 + 5_000_000, TimeUnit.NANOSECONDS);
      parent.end(T0 + 10_000_000, TimeUnit.NANOSECONDS);
    });
  }

  /**
   * The spans {@code code} makes with a real SDK tracer of {@link #RESOURCE}, in the order they
   * ended (the order an SDK exports them in).
   */
  public static List<SpanData> record(Consumer<Tracer> code) {
    List<SpanData> spans = new CopyOnWriteArrayList<>();
    try (SdkTracerProvider provider = SdkTracerProvider.builder().setResource(RESOURCE)
        .addSpanProcessor(SimpleSpanProcessor.create(new SpanCapture(spans))).build()) {
      code.accept(provider.get("io.homeostat.test", "1.0.0"));
    }
    return List.copyOf(spans);
  }

  /** A counter with two series and a histogram, collected once, cumulative. */
  public static Collection<MetricData> metrics() {
    Collector reader = new Collector();
    try (SdkMeterProvider provider = SdkMeterProvider.builder().setResource(RESOURCE)
        .registerMetricReader(reader).build()) {
      var meter = provider.get("io.homeostat.test");
      var attempts = meter.counterBuilder("login_attempts").setUnit("{attempt}").build();
      attempts.add(3, Attributes.of(AttributeKey.stringKey("status"), "success"));
      attempts.add(1, Attributes.of(AttributeKey.stringKey("status"), "failure"));
      var latency = meter.histogramBuilder("login_latency_ms").setUnit("ms").build();
      latency.record(120.5, Attributes.of(AttributeKey.stringKey("req"), "REQ-NFR-PERF-001"));
      latency.record(730.0, Attributes.of(AttributeKey.stringKey("req"), "REQ-NFR-PERF-001"));
      return reader.collect();
    }
  }

  /** An error log inside a span and a plain info log without trace context. */
  public static List<LogRecordData> logs() {
    return logs(RESOURCE, logger -> {
      SpanContext inSpan = SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(),
          TraceState.getDefault());
      logger.logRecordBuilder().setTimestamp(T0, TimeUnit.NANOSECONDS)
          .setObservedTimestamp(T0 + 1_000, TimeUnit.NANOSECONDS)
          .setContext(Context.root().with(Span.wrap(inSpan)))
          .setSeverity(Severity.ERROR).setSeverityText("ERROR").setBody("payment declined")
          .setAttribute(AttributeKey.stringKey("req"), "REQ-F-PAY-002").emit();
      logger.logRecordBuilder().setTimestamp(T0 + 5_000, TimeUnit.NANOSECONDS)
          .setObservedTimestamp(T0 + 6_000, TimeUnit.NANOSECONDS)
          .setSeverity(Severity.INFO).setBody("cart saved").setAttribute("items", 4L).emit();
    });
  }

  /** The records {@code writer} emits with the logger of a provider for {@code resource}. */
  public static List<LogRecordData> logs(Resource resource, Consumer<Logger> writer) {
    List<LogRecordData> logs = new CopyOnWriteArrayList<>();
    try (SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(resource)
        .addLogRecordProcessor(SimpleLogRecordProcessor.create(new LogCapture(logs))).build()) {
      writer.accept(provider.get("io.homeostat.test"));
    }
    return List.copyOf(logs);
  }

  public static ExportTraceServiceRequest traceRequest(Collection<SpanData> spans) throws IOException {
    return ExportTraceServiceRequest.parseFrom(binary(TraceRequestMarshaler.create(spans)));
  }

  public static ExportMetricsServiceRequest metricsRequest(Collection<MetricData> metrics)
      throws IOException {
    return ExportMetricsServiceRequest.parseFrom(binary(MetricsRequestMarshaler.create(metrics)));
  }

  public static ExportLogsServiceRequest logsRequest(Collection<LogRecordData> logs) throws IOException {
    return ExportLogsServiceRequest.parseFrom(binary(LogsRequestMarshaler.create(logs)));
  }

  /** The OTLP JSON the SDK writes for {@code spans}, as its http/json exporters send it. */
  public static byte[] traceJson(Collection<SpanData> spans) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      TraceRequestMarshaler.create(spans).writeJsonTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] binary(Marshaler marshaler) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    marshaler.writeBinaryTo(out);
    return out.toByteArray();
  }

  private record SpanCapture(List<SpanData> into) implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      into.addAll(spans);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  private record LogCapture(List<LogRecordData> into) implements LogRecordExporter {
    @Override
    public CompletableResultCode export(Collection<LogRecordData> logs) {
      into.addAll(logs);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  /** Collects on demand, so that a test gets its metrics without waiting for a period. */
  private static final class Collector implements MetricReader {
    private volatile CollectionRegistration registration = CollectionRegistration.noop();

    @Override
    public void register(CollectionRegistration registration) {
      this.registration = registration;
    }

    Collection<MetricData> collect() {
      return new ArrayList<>(registration.collectAllMetrics());
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType type) {
      return AggregationTemporality.CUMULATIVE;
    }

    @Override
    public CompletableResultCode forceFlush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
