package io.homeostat.processor.support;

import io.homeostat.core.otlp.KeyValues;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;

/** Small OTLP requests for processor tests, and ways to read records back out of them. */
public final class Records {

  private Records() {}

  public static KeyValue attr(String key, String value) {
    return attr(key, KeyValues.string(value));
  }

  public static KeyValue attr(String key, long value) {
    return attr(key, AnyValue.newBuilder().setIntValue(value).build());
  }

  public static KeyValue attr(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  public static Resource service(String name) {
    return Resource.newBuilder().addAttributes(attr("service.name", name)).build();
  }

  public static ExportTraceServiceRequest traces(Resource resource, Span... spans) {
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(resource).addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans)))).build();
  }

  public static ExportLogsServiceRequest logs(Resource resource, LogRecord... records) {
    return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
        .setResource(resource).addScopeLogs(ScopeLogs.newBuilder().addAllLogRecords(List.of(records)))).build();
  }

  public static ExportMetricsServiceRequest metrics(Resource resource, Metric... metrics) {
    return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
        .setResource(resource).addScopeMetrics(ScopeMetrics.newBuilder().addAllMetrics(List.of(metrics)))).build();
  }

  public static List<Span> spansOf(ExportTraceServiceRequest request) {
    List<Span> spans = new ArrayList<>();
    request.getResourceSpansList().forEach(r -> r.getScopeSpansList().forEach(s -> spans.addAll(s.getSpansList())));
    return spans;
  }

  public static List<LogRecord> logsOf(ExportLogsServiceRequest request) {
    List<LogRecord> records = new ArrayList<>();
    request.getResourceLogsList().forEach(r -> r.getScopeLogsList().forEach(s -> records.addAll(s.getLogRecordsList())));
    return records;
  }

  public static List<Metric> metricsOf(ExportMetricsServiceRequest request) {
    List<Metric> metrics = new ArrayList<>();
    request.getResourceMetricsList().forEach(r -> r.getScopeMetricsList().forEach(s -> metrics.addAll(s.getMetricsList())));
    return metrics;
  }
}
