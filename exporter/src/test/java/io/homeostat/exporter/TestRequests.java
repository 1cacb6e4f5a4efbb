package io.homeostat.exporter;

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
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

/** Small export requests with recognisable content, for exporter tests. */
public final class TestRequests {

  private static final Resource RESOURCE = Resource.newBuilder()
      .addAttributes(attribute("service.name", "checkout")).build();
  private static final InstrumentationScope SCOPE = InstrumentationScope.newBuilder()
      .setName("io.homeostat.test").setVersion("1.0").build();

  private TestRequests() {}

  public static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder().setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  /** An id of {@code length} bytes whose last byte is {@code n}, so that each is distinct. */
  public static ByteString id(int length, int n) {
    byte[] bytes = new byte[length];
    bytes[0] = 0x4b;
    bytes[length - 1] = (byte) n;
    return ByteString.copyFrom(bytes);
  }

  /** {@code n} spans named {@code span-0...}, each tagged {@code req=REQ-F-AUTH-001}. */
  public static ExportTraceServiceRequest spans(int n) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder().setScope(SCOPE);
    for (int i = 0; i < n; i++) {
      scope.addSpans(Span.newBuilder().setName("span-" + i).setTraceId(id(16, 1))
          .setSpanId(id(8, i + 1)).setKind(Span.SpanKind.SPAN_KIND_SERVER)
          .setStartTimeUnixNano(1_700_000_000_000_000_000L)
          .setEndTimeUnixNano(1_700_000_000_250_000_000L)
          .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK))
          .addAttributes(attribute("req", "REQ-F-AUTH-001")));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().setResource(RESOURCE).addScopeSpans(scope))
        .build();
  }

  /** One gauge {@code login_latency_ms} with {@code n} data points. */
  public static ExportMetricsServiceRequest metricPoints(int n) {
    Gauge.Builder gauge = Gauge.newBuilder();
    for (int i = 0; i < n; i++) {
      gauge.addDataPoints(NumberDataPoint.newBuilder().setAsDouble(100 + i)
          .setTimeUnixNano(1_700_000_000_000_000_000L + i)
          .addAttributes(attribute("route", "/login")));
    }
    Metric metric = Metric.newBuilder().setName("login_latency_ms").setUnit("ms").setGauge(gauge)
        .build();
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(ResourceMetrics.newBuilder().setResource(RESOURCE)
            .addScopeMetrics(ScopeMetrics.newBuilder().setScope(SCOPE).addMetrics(metric)))
        .build();
  }

  /** {@code n} log records with bodies {@code line 0...}. */
  public static ExportLogsServiceRequest logRecords(int n) {
    ScopeLogs.Builder scope = ScopeLogs.newBuilder().setScope(SCOPE);
    for (int i = 0; i < n; i++) {
      scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(1_700_000_000_000_000_000L + i)
          .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_ERROR).setSeverityText("ERROR")
          .setBody(AnyValue.newBuilder().setStringValue("line " + i))
          .setTraceId(id(16, 1)).setSpanId(id(8, i + 1))
          .addAttributes(attribute("req", "REQ-F-AUTH-001")));
    }
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().setResource(RESOURCE).addScopeLogs(scope))
        .build();
  }
}
