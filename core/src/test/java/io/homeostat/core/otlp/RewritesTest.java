package io.homeostat.core.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class RewritesTest {

  private static Resource service(String name) {
    return Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
        .setValue(KeyValues.string(name))).build();
  }

  private static final ExportTraceServiceRequest TRACES = ExportTraceServiceRequest.newBuilder()
      .addResourceSpans(ResourceSpans.newBuilder().setResource(service("a"))
          .addScopeSpans(ScopeSpans.newBuilder()
              .addSpans(Span.newBuilder().setName("keep"))
              .addSpans(Span.newBuilder().setName("drop"))))
      .addResourceSpans(ResourceSpans.newBuilder().setResource(service("b"))
          .addScopeSpans(ScopeSpans.newBuilder().addSpans(Span.newBuilder().setName("drop"))))
      .build();

  @Test
  void anEditThatChangesNothingReturnsTheSameRequest() {
    assertSame(TRACES, Rewrites.spans(TRACES, (resource, scope, span) -> span));
    assertSame(TRACES, Rewrites.resources(TRACES, resource -> resource));
  }

  @Test
  void droppedRecordsTakeEmptyScopesAndResourcesWithThem() {
    ExportTraceServiceRequest edited = Rewrites.spans(TRACES,
        (resource, scope, span) -> span.getName().equals("drop") ? null : span);
    assertEquals(1, edited.getResourceSpansCount());
    assertEquals(List.of("keep"), edited.getResourceSpans(0).getScopeSpans(0).getSpansList()
        .stream().map(Span::getName).toList());
    assertEquals(0, Rewrites.spans(TRACES, (r, s, span) -> null).getResourceSpansCount());
  }

  @Test
  void anEditSeesTheRecordsResourceAndChangesOnlyThatBranch() {
    ExportTraceServiceRequest edited = Rewrites.spans(TRACES, (resource, scope, span) ->
        KeyValues.getString(resource.getAttributesList(), "service.name").equals("b")
            ? span.toBuilder().setName("renamed").build() : span);
    assertSame(TRACES.getResourceSpans(0), edited.getResourceSpans(0));
    assertEquals("renamed", edited.getResourceSpans(1).getScopeSpans(0).getSpans(0).getName());
  }

  @Test
  void logsMetricsAndResourcesAreEditedTheSameWay() {
    ExportLogsServiceRequest logs = ExportLogsServiceRequest.newBuilder().addResourceLogs(
        ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder()
            .addLogRecords(LogRecord.newBuilder().setSeverityText("INFO"))
            .addLogRecords(LogRecord.newBuilder().setSeverityText("DEBUG")))).build();
    assertEquals(1, OtlpRequests.itemCount(Rewrites.logs(logs,
        (r, s, record) -> record.getSeverityText().equals("DEBUG") ? null : record)));

    ExportMetricsServiceRequest metrics = ExportMetricsServiceRequest.newBuilder().addResourceMetrics(
        ResourceMetrics.newBuilder().setResource(service("a")).addScopeMetrics(ScopeMetrics.newBuilder()
            .addMetrics(Metric.newBuilder().setName("m").setGauge(Gauge.getDefaultInstance())))).build();
    assertSame(metrics, Rewrites.metrics(metrics, (r, s, metric) -> metric));
    ExportMetricsServiceRequest renamed = (ExportMetricsServiceRequest) Rewrites.resources(metrics,
        resource -> service("z"));
    assertEquals("z", KeyValues.getString(
        renamed.getResourceMetrics(0).getResource().getAttributesList(), "service.name"));
  }

  @Test
  void recordsTakesTheEditOfTheRequestsSignal() {
    ExportTraceServiceRequest renamed = (ExportTraceServiceRequest) Rewrites.records(TRACES,
        (r, s, span) -> span.toBuilder().setName("span").build(), (r, s, log) -> null, (r, s, metric) -> null);
    assertEquals(List.of("span"), renamed.getResourceSpans(0).getScopeSpans(0).getSpansList().stream()
        .map(Span::getName).distinct().toList());
    ExportLogsServiceRequest logs = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
        .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.getDefaultInstance()))).build();
    assertEquals(0, OtlpRequests.itemCount(Rewrites.records(logs, (r, s, span) -> span, (r, s, log) -> null,
        (r, s, metric) -> metric)));
  }

  @Test
  void dataPointsAreEditedByTheirAttributesWhateverTheMetricType() {
    List<KeyValue> ok = List.of(KeyValue.newBuilder().setKey("status").setValue(KeyValues.string("ok")).build());
    List<KeyValue> failed = List.of(KeyValue.newBuilder().setKey("status").setValue(KeyValues.string("failed")).build());
    Metric sum = Metric.newBuilder().setName("attempts").setSum(Sum.newBuilder().setIsMonotonic(true)
        .addDataPoints(NumberDataPoint.newBuilder().addAllAttributes(ok).setAsInt(3))
        .addDataPoints(NumberDataPoint.newBuilder().addAllAttributes(failed).setAsInt(1))).build();
    assertSame(sum, Rewrites.dataPoints(sum, attributes -> attributes));

    Metric okOnly = Rewrites.dataPoints(sum, attributes -> attributes.equals(failed) ? null : attributes);
    assertEquals(List.of(3L), okOnly.getSum().getDataPointsList().stream().map(NumberDataPoint::getAsInt).toList());
    assertEquals(true, okOnly.getSum().getIsMonotonic());
    assertNull(Rewrites.dataPoints(sum, attributes -> null));

    Metric latency = Metric.newBuilder().setName("latency").setHistogram(Histogram.newBuilder()
        .addDataPoints(HistogramDataPoint.newBuilder().addAllAttributes(ok).setCount(7))).build();
    HistogramDataPoint tagged = Rewrites.dataPoints(latency,
        attributes -> KeyValues.put(attributes, "req", KeyValues.string("REQ-A"))).getHistogram().getDataPoints(0);
    assertEquals("REQ-A", KeyValues.getString(tagged.getAttributesList(), "req"));
    assertEquals(7, tagged.getCount());

    Metric empty = Metric.newBuilder().setName("empty").setGauge(Gauge.getDefaultInstance()).build();
    assertSame(empty, Rewrites.dataPoints(empty, attributes -> null));
  }

  @Test
  void keyValuesEditWithoutTouchingTheOriginal() {
    List<KeyValue> original = service("a").getAttributesList();
    List<KeyValue> added = KeyValues.put(original, "req", KeyValues.strings(List.of("REQ-A", "REQ-B")));
    assertEquals("REQ-A,REQ-B", KeyValues.getString(added, "req"));
    assertNull(KeyValues.get(original, "req"));
    assertSame(original, KeyValues.remove(original, "absent"));
    assertEquals(List.of(), KeyValues.remove(original, "service.name"));
  }
}
