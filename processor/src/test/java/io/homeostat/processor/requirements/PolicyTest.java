package io.homeostat.processor.requirements;

import static io.homeostat.processor.requirements.Harness.attribute;
import static io.homeostat.processor.requirements.Harness.log;
import static io.homeostat.processor.requirements.Harness.logs;
import static io.homeostat.processor.requirements.Harness.metrics;
import static io.homeostat.processor.requirements.Harness.send;
import static io.homeostat.processor.requirements.Harness.service;
import static io.homeostat.processor.requirements.Harness.span;
import static io.homeostat.processor.requirements.Harness.strings;
import static io.homeostat.processor.requirements.Harness.traces;
import static io.homeostat.processor.requirements.Harness.value;
import static io.homeostat.processor.requirements.InferenceTest.point;
import static io.homeostat.processor.requirements.InferenceTest.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code on_missing} does with a record left without a key. */
class PolicyTest {

  private final Harness harness = new Harness();
  private final Harness.Capture next = new Harness.Capture();

  @Test
  void tagGivesTheUntaggedValue() {
    Processor processor = harness.processor(Signal.TRACES, "untagged_value: REQ-NONE");
    send(processor, traces(span("GET /", 1, 1, 0, attribute("http.route", "/"))), next);
    assertEquals(List.of(attribute("http.route", "/"), attribute("req", "REQ-NONE")),
        next.spans().get(0).getAttributesList());
  }

  @Test
  void passLeavesTheRecordAsItIsButStillSetsInvalidValuesAside() {
    Processor processor = harness.processor(Signal.TRACES, "on_missing: pass");
    ExportTraceServiceRequest untagged = traces(span("GET /", 1, 1, 0, attribute("http.route", "/")));
    send(processor, untagged, next);
    assertSame(untagged, next.requests.get(0));
    send(processor, traces(span("GET /", 2, 1, 0, attribute("requirement", "login"))), next);
    assertEquals(List.of(attribute("req.invalid", "login")), next.spans().get(1).getAttributesList());
    assertEquals(2.0, harness.metrics.value("homeostat_req_records_total", "signal", "traces",
        "service", "checkout", "source", "untagged"));
  }

  @Test
  void dropRemovesTheRecordAndCountsIt() {
    Processor processor = harness.processor(Signal.TRACES, "on_missing: drop");
    assertEquals(Outcome.ACCEPTED, send(processor, traces(span("untagged", 1, 1, 0),
        span("tagged", 2, 1, 0, attribute("req", "REQ-A"))), next));
    assertEquals(List.of("tagged"), next.spans().stream().map(Span::getName).toList());
    assertEquals(1.0, harness.metrics.value("homeostat_processor_dropped_spans_total",
        "processor", "requirements"));
    assertEquals(1.0, harness.metrics.value("homeostat_req_records_total", "signal", "traces",
        "service", "checkout", "source", "dropped"));
  }

  @Test
  void dropOfEverythingAnswersTheClientWithoutPassingAnything() {
    Processor processor = harness.processor(Signal.LOGS, "on_missing: drop");
    assertEquals(Outcome.ACCEPTED, send(processor, logs(log("a", 0, 0), log("b", 0, 0)), next));
    assertEquals(List.of(), next.requests);
    assertEquals(2.0, harness.metrics.value("homeostat_processor_dropped_log_records_total",
        "processor", "requirements"));
  }

  @Test
  void dropAppliesToHeldRecordsLetGoWithoutKeys() {
    Processor processor = harness.processor(Signal.TRACES, "on_missing: drop");
    send(processor, traces(span("child", 1, 2, 1)), next);
    processor.flush(next);
    assertEquals(List.of(), next.spans());
    assertEquals(1.0, harness.metrics.value("homeostat_processor_dropped_spans_total",
        "processor", "requirements"));
  }

  @Test
  void rejectRefusesTheWholeRequestNamingTheFirstRecordWithoutAKey() {
    Processor processor = harness.processor(Signal.TRACES, "on_missing: reject");
    Outcome outcome = send(processor, traces(span("tagged", 1, 1, 0, attribute("req", "REQ-A")),
        span("POST /login", 0x4bf92f35L, 0xf067aa0ba902b7L, 0, attribute("req_id", "login")),
        span("GET /", 3, 1, 0)), next);
    assertEquals(new Outcome.Invalid("processor requirements refused the request (on_missing:"
        + " reject): 2 of 3 spans carry no requirement key. The first is span 'POST /login'"
        + " (trace_id 0000000000000000000000004bf92f35, span_id 00f067aa0ba902b7) of service"
        + " 'checkout', whose value 'login' does not match ^REQ-[A-Z0-9]+(-[A-Z0-9]+)*$. Set the"
        + " attribute req (or requirement, req.id, req_id) to its requirement key, or add a rule"
        + " that matches it to the processor's rules"), outcome);
    assertEquals(List.of(), next.requests);
  }

  @Test
  void rejectNamesLogRecordsByTheirBodyAndDataPointsByTheirMetric() {
    Processor logProcessor = harness.processor(Signal.LOGS, "on_missing: reject");
    assertEquals(new Outcome.Invalid("processor requirements refused the request (on_missing:"
        + " reject): 1 of 1 log records carry no requirement key. The first is log record 'payment"
        + " declined for order 42' of service 'checkout'. Set the attribute req (or requirement,"
        + " req.id, req_id) to its requirement key, or add a rule that matches it to the"
        + " processor's rules"), send(logProcessor, logs(log("payment declined for order 42", 0, 0)), next));

    Processor metricProcessor = harness.processor(Signal.METRICS, "on_missing: reject");
    ExportMetricsServiceRequest request = metrics(service("auth"),
        sum("login_attempts", point("req", "REQ-A"), point("status", "failure")));
    assertEquals(new Outcome.Invalid("processor requirements refused the request (on_missing:"
        + " reject): 1 of 2 data points carry no requirement key. The first is data point of metric"
        + " 'login_attempts' {status=failure} of service 'auth'. Set the attribute req (or"
        + " requirement, req.id, req_id) to its requirement key, or add a rule that matches it to"
        + " the processor's rules"), send(metricProcessor, request, next));
  }

  @Test
  void rejectLetsATaggedRequestThrough() {
    Processor processor = harness.processor(Signal.METRICS, "on_missing: reject");
    ExportMetricsServiceRequest request = metrics(service("auth"), sum("login_attempts", point("req", "REQ-A")));
    assertEquals(Outcome.ACCEPTED, send(processor, request, next));
    assertSame(request, next.requests.get(0));
  }

  @Test
  void droppedDataPointsLeaveTheirMetricAndEmptyMetricsGo() {
    Processor processor = harness.processor(Signal.METRICS, "on_missing: drop");
    send(processor, metrics(service("auth"), sum("a", point("req", "REQ-A"), point("k", "v")),
        sum("b", point("k", "v"))), next);
    ExportMetricsServiceRequest out = (ExportMetricsServiceRequest) next.requests.get(0);
    var metrics = out.getResourceMetrics(0).getScopeMetrics(0).getMetricsList();
    assertEquals(1, metrics.size());
    assertEquals(1, metrics.get(0).getSum().getDataPointsCount());
    assertEquals(strings("REQ-A"), value(metrics.get(0).getSum().getDataPoints(0).getAttributesList(), "req"));
    assertEquals(2.0, harness.metrics.value("homeostat_processor_dropped_metric_points_total",
        "processor", "requirements"));
  }
}
