package io.homeostat.processor.testing;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.ByteBuffer;
import java.util.List;

/** Small OTLP requests for processor tests. */
public final class Otlp {

  public static final long T0 = 1_795_256_100_000_000_000L;

  private Otlp() {}

  /** A trace id whose high half is {@code high} and low half {@code low}. */
  public static ByteString traceId(long high, long low) {
    return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(high).putLong(low).array());
  }

  /** A trace id whose 56 random bits are {@code randomness}: sampled by ratio r when it is at least (1 - r) * 2^56. */
  public static ByteString traceIdWithRandomness(long randomness) {
    return traceId(0x0123456789abcdefL, randomness);
  }

  public static ByteString spanId(long id) {
    return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(id).array());
  }

  public static Resource service(String name) {
    return Resource.newBuilder().addAttributes(attribute("service.name", name)).build();
  }

  public static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  /** A span of trace {@code traceId} named {@code name}, lasting 1 ms from {@link #T0}. */
  public static Span span(ByteString traceId, String name) {
    return Span.newBuilder().setTraceId(traceId).setSpanId(spanId(name.hashCode())).setName(name)
        .setStartTimeUnixNano(T0).setEndTimeUnixNano(T0 + 1_000_000).build();
  }

  /** One request of {@code spans} under one resource of service {@code checkout} and one scope. */
  public static ExportTraceServiceRequest traces(Span... spans) {
    return traces(service("checkout"), "scope", List.of(spans));
  }

  public static ExportTraceServiceRequest traces(Resource resource, String scope, List<Span> spans) {
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(resource).addScopeSpans(ScopeSpans.newBuilder()
            .setScope(InstrumentationScope.newBuilder().setName(scope)).addAllSpans(spans))).build();
  }

  public static LogRecord log(ByteString traceId, String body) {
    return LogRecord.newBuilder().setTraceId(traceId).setTimeUnixNano(T0)
        .setBody(AnyValue.newBuilder().setStringValue(body)).build();
  }

  public static ExportLogsServiceRequest logs(LogRecord... records) {
    return logs(service("checkout"), "scope", List.of(records));
  }

  public static ExportLogsServiceRequest logs(Resource resource, String scope, List<LogRecord> records) {
    return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
        .setResource(resource).addScopeLogs(ScopeLogs.newBuilder()
            .setScope(InstrumentationScope.newBuilder().setName(scope)).addAllLogRecords(records))).build();
  }

  /** A gauge named {@code name} with {@code points} data points valued 0, 1, 2 ... */
  public static Metric gauge(String name, int points) {
    Gauge.Builder gauge = Gauge.newBuilder();
    for (int i = 0; i < points; i++) {
      gauge.addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0).setAsInt(i));
    }
    return Metric.newBuilder().setName(name).setGauge(gauge).build();
  }

  public static ExportMetricsServiceRequest metrics(Resource resource, String scope, List<Metric> metrics) {
    return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
        .setResource(resource).addScopeMetrics(ScopeMetrics.newBuilder()
            .setScope(InstrumentationScope.newBuilder().setName(scope)).addAllMetrics(metrics))).build();
  }
}
