package io.homeostat.core.otlp;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.homeostat.core.pipeline.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/** Facts about OTLP export requests that every stage needs: their signal and how many items. */
public final class OtlpRequests {

  private OtlpRequests() {}

  /** The signal of an export request message. */
  public static Signal signalOf(Message request) {
    if (request instanceof ExportTraceServiceRequest) {
      return Signal.TRACES;
    }
    if (request instanceof ExportMetricsServiceRequest) {
      return Signal.METRICS;
    }
    if (request instanceof ExportLogsServiceRequest) {
      return Signal.LOGS;
    }
    throw new IllegalArgumentException("not an OTLP export request: " + request.getClass().getName());
  }

  /** The parser of {@code signal}'s export request. */
  public static Parser<? extends Message> parser(Signal signal) {
    return switch (signal) {
      case TRACES -> ExportTraceServiceRequest.parser();
      case METRICS -> ExportMetricsServiceRequest.parser();
      case LOGS -> ExportLogsServiceRequest.parser();
    };
  }

  /** An empty export request of {@code signal}. */
  public static Message empty(Signal signal) {
    return switch (signal) {
      case TRACES -> ExportTraceServiceRequest.getDefaultInstance();
      case METRICS -> ExportMetricsServiceRequest.getDefaultInstance();
      case LOGS -> ExportLogsServiceRequest.getDefaultInstance();
    };
  }

  /** Spans, metric data points or log records in {@code request}. */
  public static int itemCount(Message request) {
    if (request instanceof ExportTraceServiceRequest traces) {
      return spanCount(traces);
    }
    if (request instanceof ExportMetricsServiceRequest metrics) {
      return dataPointCount(metrics);
    }
    if (request instanceof ExportLogsServiceRequest logs) {
      return logRecordCount(logs);
    }
    throw new IllegalArgumentException("not an OTLP export request: " + request.getClass().getName());
  }

  public static int spanCount(ExportTraceServiceRequest request) {
    int count = 0;
    for (ResourceSpans resource : request.getResourceSpansList()) {
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        count += scope.getSpansCount();
      }
    }
    return count;
  }

  public static int logRecordCount(ExportLogsServiceRequest request) {
    int count = 0;
    for (ResourceLogs resource : request.getResourceLogsList()) {
      for (ScopeLogs scope : resource.getScopeLogsList()) {
        count += scope.getLogRecordsCount();
      }
    }
    return count;
  }

  /** Data points of every metric type, counted as the Collector counts them. */
  public static int dataPointCount(ExportMetricsServiceRequest request) {
    int count = 0;
    for (ResourceMetrics resource : request.getResourceMetricsList()) {
      for (ScopeMetrics scope : resource.getScopeMetricsList()) {
        for (Metric metric : scope.getMetricsList()) {
          count += dataPointCount(metric);
        }
      }
    }
    return count;
  }

  public static int dataPointCount(Metric metric) {
    return switch (metric.getDataCase()) {
      case GAUGE -> metric.getGauge().getDataPointsCount();
      case SUM -> metric.getSum().getDataPointsCount();
      case HISTOGRAM -> metric.getHistogram().getDataPointsCount();
      case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsCount();
      case SUMMARY -> metric.getSummary().getDataPointsCount();
      case DATA_NOT_SET -> 0;
    };
  }
}
