package io.homeostat.processor.attributes;

import static io.homeostat.processor.support.Records.attr;
import static io.homeostat.processor.support.Records.logs;
import static io.homeostat.processor.support.Records.logsOf;
import static io.homeostat.processor.support.Records.metrics;
import static io.homeostat.processor.support.Records.metricsOf;
import static io.homeostat.processor.support.Records.service;
import static io.homeostat.processor.support.Records.spansOf;
import static io.homeostat.processor.support.Records.traces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.processor.support.ProcessorHarness;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributesProcessorTest {

  private static final String TAG_ENV = "processor:\n  actions: [{key: env, action: upsert, value: prod}]\n";

  private static ProcessorHarness processor(Signal signal, String yaml) {
    return ProcessorHarness.create(new AttributesProcessorFactory(), signal, yaml);
  }

  private static List<String> envs(List<? extends com.google.protobuf.MessageOrBuilder> records) {
    return records.stream().map(r -> {
      var attributes = r instanceof Span s ? s.getAttributesList() : ((LogRecord) r).getAttributesList();
      return String.valueOf(KeyValues.getString(attributes, "env"));
    }).toList();
  }

  @Test
  void spansAreChangedWhereIncludeMatchesAndExcludeDoesNot() {
    ExportTraceServiceRequest request = traces(service("auth"),
        Span.newBuilder().setName("POST /login").build(), Span.newBuilder().setName("GET /health").build(),
        Span.newBuilder().setName("GET /profile").build());
    ProcessorHarness harness = processor(Signal.TRACES, TAG_ENV + """
          include: {match_type: regexp, span_names: ["(GET|POST) /.*"]}
          exclude: {span_names: [GET /health]}
        """);
    var result = harness.run(request);
    assertEquals(Outcome.ACCEPTED, result.outcome());
    assertEquals(List.of("prod", "null", "prod"), envs(spansOf((ExportTraceServiceRequest) result.single())));
  }

  @Test
  void aRequestWithNothingSelectedOrNothingToChangePassesAsTheSameInstance() {
    ExportTraceServiceRequest other = traces(service("billing"), Span.newBuilder().setName("charge").build());
    assertSame(other, processor(Signal.TRACES, TAG_ENV + "  include: {services: [auth]}\n").run(other).single());
    ExportTraceServiceRequest tagged = traces(service("auth"),
        Span.newBuilder().setName("x").addAttributes(attr("env", "prod")).build());
    assertSame(tagged, processor(Signal.TRACES, TAG_ENV).run(tagged).single());
  }

  @Test
  void logRecordsAreSelectedByTheirOwnProperties() {
    ExportLogsServiceRequest request = logs(service("auth"),
        LogRecord.newBuilder().setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_ERROR).setBody(KeyValues.string("boom")).build(),
        LogRecord.newBuilder().setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_INFO).setBody(KeyValues.string("ok")).build());
    var result = processor(Signal.LOGS, TAG_ENV + "  include: {log_severity_number_min: 17}\n").run(request);
    assertEquals(List.of("prod", "null"), envs(logsOf((ExportLogsServiceRequest) result.single())));
  }

  @Test
  void metricDataPointsAreSelectedAndChangedOneByOne() {
    Metric latency = Metric.newBuilder().setName("login_latency_ms").setHistogram(Histogram.newBuilder()
        .addDataPoints(HistogramDataPoint.newBuilder().addAttributes(attr("status", "success")).setCount(3))
        .addDataPoints(HistogramDataPoint.newBuilder().addAttributes(attr("status", "failure")).setCount(1))).build();
    ExportMetricsServiceRequest request = metrics(service("auth"), latency,
        Metric.newBuilder().setName("other").setHistogram(latency.getHistogram()).build());
    var result = processor(Signal.METRICS, TAG_ENV + """
          include: {metric_names: [login_latency_ms], attributes: [{key: status, value: failure}]}
        """).run(request);
    List<Metric> out = metricsOf((ExportMetricsServiceRequest) result.single());
    assertEquals(List.of("null", "prod"), out.get(0).getHistogram().getDataPointsList().stream()
        .map(p -> String.valueOf(KeyValues.getString(p.getAttributesList(), "env"))).toList());
    assertEquals(1, out.get(0).getHistogram().getDataPoints(1).getCount());
    assertSame(request.getResourceMetrics(0).getScopeMetrics(0).getMetrics(1), out.get(1));
  }
}
