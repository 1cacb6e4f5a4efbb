package io.homeostat.core.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.function.UnaryOperator;
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
  void keyValuesEditWithoutTouchingTheOriginal() {
    List<KeyValue> original = service("a").getAttributesList();
    List<KeyValue> added = KeyValues.put(original, "req", KeyValues.strings(List.of("REQ-A", "REQ-B")));
    assertEquals("REQ-A,REQ-B", KeyValues.getString(added, "req"));
    assertNull(KeyValues.get(original, "req"));
    assertSame(original, KeyValues.remove(original, "absent"));
    assertEquals(List.of(), KeyValues.remove(original, "service.name"));
  }

  private static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(KeyValues.string(value)).build();
  }

  /** Upper-cases the value of {@code user}, wherever it is. */
  private static final UnaryOperator<List<KeyValue>> SHOUT = attributes -> {
    String user = KeyValues.getString(attributes, "user");
    return user == null ? attributes : KeyValues.put(attributes, "user", KeyValues.string(user.toUpperCase()));
  };

  @Test
  void pointAttributesAndExemplarAttributesOfEveryPointTypeAreEditedCopyOnWrite() {
    Exemplar exemplar = Exemplar.newBuilder().addFilteredAttributes(attr("user", "bob")).setAsDouble(1).build();
    NumberDataPoint clean = NumberDataPoint.newBuilder().addAttributes(attr("status", "ok")).build();
    NumberDataPoint tagged = NumberDataPoint.newBuilder().addAttributes(attr("user", "ann")).addExemplars(exemplar).build();
    List<Metric> metrics = List.of(
        Metric.newBuilder().setName("gauge").setGauge(Gauge.newBuilder().addDataPoints(clean).addDataPoints(tagged)).build(),
        Metric.newBuilder().setName("sum").setSum(Sum.newBuilder().addDataPoints(tagged)).build(),
        Metric.newBuilder().setName("histogram").setHistogram(Histogram.newBuilder().addDataPoints(
            HistogramDataPoint.newBuilder().addAttributes(attr("user", "ann")).addExemplars(exemplar))).build(),
        Metric.newBuilder().setName("exponential").setExponentialHistogram(ExponentialHistogram.newBuilder()
            .addDataPoints(ExponentialHistogramDataPoint.newBuilder().addAttributes(attr("user", "ann"))
                .addExemplars(exemplar))).build(),
        Metric.newBuilder().setName("summary").setSummary(Summary.newBuilder().addDataPoints(
            SummaryDataPoint.newBuilder().addAttributes(attr("user", "ann")))).build());
    for (Metric metric : metrics) {
      assertSame(metric, Rewrites.pointAttributes(metric, UnaryOperator.identity(), UnaryOperator.identity()));
      Metric edited = Rewrites.pointAttributes(metric, SHOUT, SHOUT);
      String text = edited.toString();
      assertFalse(text.contains("\"ann\"") || text.contains("\"bob\""), text);
      assertEquals(metric.getName().equals("summary") ? 1 : 2, text.split("\"ANN\"|\"BOB\"").length - 1, text);
    }
    Metric gauge = Rewrites.pointAttributes(metrics.get(0), SHOUT, UnaryOperator.identity());
    assertSame(clean, gauge.getGauge().getDataPoints(0));
    assertSame(exemplar, gauge.getGauge().getDataPoints(1).getExemplars(0));
    assertEquals("ANN", KeyValues.getString(gauge.getGauge().getDataPoints(1).getAttributesList(), "user"));
  }
}
