package io.homeostat.exporter.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.core.pipeline.Signal;
import io.homeostat.exporter.TestRequests;
import io.homeostat.exporter.debug.DebugConfig.Verbosity;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import org.junit.jupiter.api.Test;

class DebugFormatterTest {

  private static String format(Verbosity verbosity, Signal signal,
      com.google.protobuf.Message request) {
    return new DebugFormatter(verbosity).format(signal, request);
  }

  @Test
  void basicIsOneLineOfCountsPerRequest() {
    assertEquals("Traces: resource spans=1, scope spans=1, spans=3",
        format(Verbosity.BASIC, Signal.TRACES, TestRequests.spans(3)));
    assertEquals("Metrics: resource metrics=1, scope metrics=1, metrics=1, data points=2",
        format(Verbosity.BASIC, Signal.METRICS, TestRequests.metricPoints(2)));
    assertEquals("Logs: resource logs=1, scope logs=1, log records=4",
        format(Verbosity.BASIC, Signal.LOGS, TestRequests.logRecords(4)));
  }

  @Test
  void normalAddsOneLinePerSpanWithItsNameAndIds() {
    assertEquals("""
        Traces: resource spans=1, scope spans=1, spans=2
          span "span-0" trace_id=4b000000000000000000000000000001 span_id=4b00000000000001 status=OK
          span "span-1" trace_id=4b000000000000000000000000000001 span_id=4b00000000000002 status=OK""",
        format(Verbosity.NORMAL, Signal.TRACES, TestRequests.spans(2)));
  }

  @Test
  void normalAddsOneLinePerLogRecordWithSeverityBodyAndIds() {
    assertEquals("""
        Logs: resource logs=1, scope logs=1, log records=1
          log ERROR "line 0" trace_id=4b000000000000000000000000000001 span_id=4b00000000000001""",
        format(Verbosity.NORMAL, Signal.LOGS, TestRequests.logRecords(1)));
  }

  @Test
  void normalAddsOneLinePerDataPointOfEveryMetricType() {
    ExportMetricsServiceRequest request = ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(ResourceMetrics.newBuilder().addScopeMetrics(ScopeMetrics.newBuilder()
            .addMetrics(Metric.newBuilder().setName("login_attempts").setSum(Sum.newBuilder()
                .addDataPoints(NumberDataPoint.newBuilder().setAsInt(42))))
            .addMetrics(Metric.newBuilder().setName("login_latency_ms").setHistogram(
                Histogram.newBuilder().addDataPoints(HistogramDataPoint.newBuilder().setCount(3)
                    .setSum(1250.5))))))
        .build();
    assertEquals("""
        Metrics: resource metrics=1, scope metrics=1, metrics=2, data points=2
          metric login_attempts sum value=42
          metric login_latency_ms histogram count=3 sum=1250.5""",
        format(Verbosity.NORMAL, Signal.METRICS, request));
  }

  @Test
  void detailedAddsResourcesScopesAndAttributes() {
    assertEquals("""
        Traces: resource spans=1, scope spans=1, spans=1
          resource {service.name=checkout}
          scope io.homeostat.test 1.0
          span "span-0" trace_id=4b000000000000000000000000000001 span_id=4b00000000000001 \
        status=OK {req=REQ-F-AUTH-001}""",
        format(Verbosity.DETAILED, Signal.TRACES, TestRequests.spans(1)));
    assertEquals("""
        Metrics: resource metrics=1, scope metrics=1, metrics=1, data points=1
          resource {service.name=checkout}
          scope io.homeostat.test 1.0
          metric login_latency_ms gauge value=100.0 {route=/login}""",
        format(Verbosity.DETAILED, Signal.METRICS, TestRequests.metricPoints(1)));
  }
}
