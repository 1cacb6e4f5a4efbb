package io.homeostat.processor.filter;

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
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterProcessorTest {

  private static ProcessorHarness filter(Signal signal, String yaml) {
    return ProcessorHarness.create(new FilterProcessorFactory(), signal, "processor:\n" + yaml.indent(2));
  }

  private static Span span(String name, Status.StatusCode status) {
    return Span.newBuilder().setName(name).setStatus(Status.newBuilder().setCode(status)).build();
  }

  private static final ExportTraceServiceRequest SPANS = traces(service("auth"),
      span("GET /health", Status.StatusCode.STATUS_CODE_UNSET),
      span("POST /login", Status.StatusCode.STATUS_CODE_OK),
      span("POST /login", Status.StatusCode.STATUS_CODE_ERROR));

  private static List<String> names(ProcessorHarness.Result result) {
    return spansOf((ExportTraceServiceRequest) result.single()).stream()
        .map(s -> s.getName() + " " + s.getStatus().getCode().name().substring(12)).toList();
  }

  @Test
  void excludeDropsTheSpansItMatchesAndCountsThem() {
    ProcessorHarness harness = filter(Signal.TRACES, "spans: {exclude: {span_names: [GET /health]}}");
    ProcessorHarness.Result result = harness.run(SPANS);
    assertEquals(List.of("POST /login OK", "POST /login ERROR"), names(result));
    assertEquals(Outcome.ACCEPTED, result.outcome());
    assertEquals(1, harness.metric("homeostat_processor_dropped_spans_total"));
  }

  @Test
  void includeKeepsOnlyWhatItMatchesAndExcludeIsCheckedAfter() {
    ProcessorHarness errors = filter(Signal.TRACES, "spans: {include: {span_statuses: [error, ok]}, exclude: {span_statuses: [ok]}}");
    assertEquals(List.of("POST /login ERROR"), names(errors.run(SPANS)));
    assertEquals(2, errors.metric("homeostat_processor_dropped_spans_total"));
  }

  @Test
  void aRequestWithNothingDroppedPassesAsTheSameInstance() {
    ProcessorHarness harness = filter(Signal.TRACES, "spans: {exclude: {services: [billing]}}");
    assertSame(SPANS, harness.run(SPANS).single());
    assertEquals(0, harness.metric("homeostat_processor_dropped_spans_total"));
  }

  @Test
  void aRequestLeftEmptyIsAcceptedAndNotPassedOn() {
    ProcessorHarness harness = filter(Signal.TRACES, "spans: {include: {services: [billing]}}");
    ProcessorHarness.Result result = harness.run(SPANS);
    assertEquals(List.of(), result.passed());
    assertEquals(Outcome.ACCEPTED, result.outcome());
    assertEquals(3, harness.metric("homeostat_processor_dropped_spans_total"));
  }

  @Test
  void logRecordsAreDroppedBySeverityBodyAndAttributes() {
    ExportLogsServiceRequest request = logs(service("auth"),
        LogRecord.newBuilder().setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_DEBUG).setBody(KeyValues.string("cache hit")).build(),
        LogRecord.newBuilder().setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_INFO).setBody(KeyValues.string("login ok")).build(),
        LogRecord.newBuilder().setBody(KeyValues.string("no severity")).build(),
        LogRecord.newBuilder().setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_INFO).setBody(KeyValues.string("probe"))
            .addAttributes(attr("http.route", "/health")).build());
    ProcessorHarness harness = filter(Signal.LOGS, """
        logs:
          exclude: {log_severity_number_max: 8}
        """);
    assertEquals(List.of("login ok", "no severity", "probe"), bodies(harness.run(request)));
    assertEquals(1, harness.metric("homeostat_processor_dropped_log_records_total"));

    ProcessorHarness probes = filter(Signal.LOGS, """
        logs:
          include: {match_type: regexp, log_bodies: [".*o.*"]}
          exclude: {attributes: [{key: http.route, value: /health}]}
        """);
    assertEquals(List.of("login ok", "no severity"), bodies(probes.run(request)));
    assertEquals(2, probes.metric("homeostat_processor_dropped_log_records_total"));
  }

  private static List<String> bodies(ProcessorHarness.Result result) {
    return logsOf((ExportLogsServiceRequest) result.single()).stream().map(r -> r.getBody().getStringValue()).toList();
  }

  @Test
  void metricPointsAreDroppedOneByOneAndAMetricWithoutPointsGoesWithThem() {
    Metric attempts = Metric.newBuilder().setName("login_attempts").setSum(Sum.newBuilder()
        .addDataPoints(NumberDataPoint.newBuilder().addAttributes(attr("status", "success")).setAsInt(3))
        .addDataPoints(NumberDataPoint.newBuilder().addAttributes(attr("status", "probe")).setAsInt(9))).build();
    Metric probes = Metric.newBuilder().setName("probe_count").setGauge(Gauge.newBuilder()
        .addDataPoints(NumberDataPoint.newBuilder().addAttributes(attr("status", "probe")).setAsInt(1))).build();
    Metric empty = Metric.newBuilder().setName("probe_empty").setGauge(Gauge.getDefaultInstance()).build();
    ProcessorHarness harness = filter(Signal.METRICS, """
        metrics:
          exclude: {attributes: [{key: status, value: probe}]}
        """);
    List<Metric> kept = metricsOf((ExportMetricsServiceRequest) harness.run(metrics(service("auth"), attempts, probes, empty)).single());
    assertEquals(List.of("login_attempts", "probe_empty"), kept.stream().map(Metric::getName).toList());
    assertEquals(List.of(3L), kept.get(0).getSum().getDataPointsList().stream().map(NumberDataPoint::getAsInt).toList());
    assertEquals(2, harness.metric("homeostat_processor_dropped_metric_points_total"));

    ProcessorHarness byName = filter(Signal.METRICS, """
        metrics:
          include: {match_type: regexp, metric_names: ["login_.*"]}
        """);
    assertEquals(List.of("login_attempts"), metricsOf((ExportMetricsServiceRequest)
        byName.run(metrics(service("auth"), attempts, probes, empty)).single()).stream().map(Metric::getName).toList());
    assertEquals(1, byName.metric("homeostat_processor_dropped_metric_points_total"));
  }

  @Test
  void aPipelineWhoseSignalHasNoSectionPassesEverything() {
    ProcessorHarness logsOnly = filter(Signal.TRACES, "logs: {exclude: {log_severity_number_max: 8}}");
    assertSame(SPANS, logsOnly.run(SPANS).single());
  }
}
