package io.homeostat.homeostasis.testing;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Small OTLP records and requests for homeostasis tests. Times are nanoseconds since the epoch. */
public final class Otlp {

  private static final AtomicLong IDS = new AtomicLong();
  public static final Resource SERVICE = Resource.newBuilder()
      .addAttributes(attr("service.name", "auth-service")).build();

  private Otlp() {}

  public static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  public static KeyValue attr(String key, long value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
  }

  /** A span of {@code name} tagged {@code req}, ending at {@code end} after {@code millis}. */
  public static Span span(String name, String req, long end, double millis) {
    long id = IDS.incrementAndGet();
    return Span.newBuilder().setName(name)
        .setTraceId(ByteString.copyFrom(ByteBuffer.allocate(16).putLong(8, id).array()))
        .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(id).array()))
        .setStartTimeUnixNano(end - (long) (millis * 1_000_000)).setEndTimeUnixNano(end)
        .addAttributes(attr("req", req)).build();
  }

  /** The same span, failed with status ERROR. */
  public static Span failed(Span span) {
    return span.toBuilder().setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)).build();
  }

  public static ExportTraceServiceRequest traces(List<Span> spans) {
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(SERVICE).addScopeSpans(ScopeSpans.newBuilder().addAllSpans(spans))).build();
  }

  public static ExportTraceServiceRequest traces(Span... spans) {
    return traces(List.of(spans));
  }

  public static ExportMetricsServiceRequest metrics(Metric... metrics) {
    return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
        .setResource(SERVICE).addScopeMetrics(ScopeMetrics.newBuilder().addAllMetrics(List.of(metrics))))
        .build();
  }

  public static ExportLogsServiceRequest logs(LogRecord... records) {
    return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
        .setResource(SERVICE).addScopeLogs(ScopeLogs.newBuilder().addAllLogRecords(List.of(records))))
        .build();
  }

  /** A number point at {@code time}, started at {@code start}, with attributes. */
  public static NumberDataPoint point(long time, long start, double value, KeyValue... attributes) {
    return NumberDataPoint.newBuilder().setTimeUnixNano(time).setStartTimeUnixNano(start)
        .setAsDouble(value).addAllAttributes(List.of(attributes)).build();
  }

  public static Metric gauge(String name, NumberDataPoint... points) {
    return Metric.newBuilder().setName(name).setGauge(Gauge.newBuilder().addAllDataPoints(List.of(points))).build();
  }

  /** A monotonic sum, cumulative or delta. */
  public static Metric counter(String name, boolean cumulative, NumberDataPoint... points) {
    return Metric.newBuilder().setName(name).setSum(Sum.newBuilder().setIsMonotonic(true)
        .setAggregationTemporality(cumulative ? AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE
            : AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
        .addAllDataPoints(List.of(points))).build();
  }

  /** An explicit-bucket histogram point: {@code counts} has one more entry than {@code bounds}. */
  public static HistogramDataPoint histogramPoint(long time, long start, double[] bounds, long[] counts,
      KeyValue... attributes) {
    HistogramDataPoint.Builder point = HistogramDataPoint.newBuilder().setTimeUnixNano(time)
        .setStartTimeUnixNano(start).addAllAttributes(List.of(attributes));
    long total = 0;
    for (double bound : bounds) {
      point.addExplicitBounds(bound);
    }
    for (long count : counts) {
      point.addBucketCounts(count);
      total += count;
    }
    return point.setCount(total).build();
  }

  public static Metric histogram(String name, boolean cumulative, HistogramDataPoint... points) {
    return Metric.newBuilder().setName(name).setHistogram(Histogram.newBuilder()
        .setAggregationTemporality(cumulative ? AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE
            : AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
        .addAllDataPoints(List.of(points))).build();
  }

  /** An exemplar with a trace id made from {@code id}. */
  public static Exemplar exemplar(long id, double value, long time) {
    return Exemplar.newBuilder().setAsDouble(value).setTimeUnixNano(time)
        .setTraceId(ByteString.copyFrom(ByteBuffer.allocate(16).putLong(8, id).array()))
        .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(id).array())).build();
  }

  /** A log record at {@code severity}, tagged {@code req}. */
  public static LogRecord log(SeverityNumber severity, String req, long time) {
    long id = IDS.incrementAndGet();
    return LogRecord.newBuilder().setSeverityNumber(severity).setTimeUnixNano(time)
        .setTraceId(ByteString.copyFrom(ByteBuffer.allocate(16).putLong(8, id).array()))
        .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(id).array()))
        .setBody(AnyValue.newBuilder().setStringValue("something happened"))
        .addAttributes(attr("req", req)).build();
  }



  public static KeyValue attr(String key, boolean value) {
    return KeyValue.newBuilder().setKey(key)
        .setValue(AnyValue.newBuilder().setBoolValue(value)).build();
  }

  /** An array of strings, as the requirements processor writes several keys. */
  public static KeyValue attr(String key, List<String> values) {
    var array = io.opentelemetry.proto.common.v1.ArrayValue.newBuilder();
    values.forEach(v -> array.addValues(AnyValue.newBuilder().setStringValue(v)));
    return KeyValue.newBuilder().setKey(key)
        .setValue(AnyValue.newBuilder().setArrayValue(array)).build();
  }

  /** Trace id number {@code n}: 16 bytes, {@code n} in the last eight. */
  public static ByteString traceId(long n) {
    return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(0x4bf92f3577b34da6L).putLong(n).array());
  }

  public static String traceHex(long n) {
    return java.util.HexFormat.of().formatHex(traceId(n).toByteArray());
  }

  /** A span of trace {@code trace} for {@code requirement} that ended with status ERROR. */
  public static Span.Builder failedSpan(String requirement, long trace, String statusMessage) {
    return Span.newBuilder().setName("POST /orders").setTraceId(traceId(trace))
        .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(trace).array()))
        .setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
        .addAttributes(attr("req", requirement))
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)
            .setMessage(statusMessage));
  }

  /** An {@code exception} event as the OpenTelemetry SDKs record one. */
  public static Span.Event exception(String type, String message, String stackTrace) {
    Span.Event.Builder event = Span.Event.newBuilder().setName("exception")
        .addAttributes(attr("exception.type", type))
        .addAttributes(attr("exception.message", message));
    if (stackTrace != null) {
      event.addAttributes(attr("exception.stacktrace", stackTrace));
    }
    return event.build();
  }

  public static ExportTraceServiceRequest traces(Span.Builder... spans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (Span.Builder span : spans) {
      scope.addSpans(span);
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope)).build();
  }

  /** A log record at {@code severity} (OTLP severity number) for {@code requirement}. */
  public static LogRecord.Builder log(int severity, String requirement, String body) {
    return LogRecord.newBuilder().setSeverityNumberValue(severity)
        .setBody(AnyValue.newBuilder().setStringValue(body))
        .addAttributes(attr("req", requirement));
  }

  public static ExportLogsServiceRequest logs(LogRecord.Builder... records) {
    ScopeLogs.Builder scope = ScopeLogs.newBuilder();
    for (LogRecord.Builder record : records) {
      scope.addLogRecords(record);
    }
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(scope)).build();
  }
}
