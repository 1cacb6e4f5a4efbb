package io.homeostat.exporter.debug;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.homeostat.core.otlp.OtlpRequests;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.exporter.debug.DebugConfig.Verbosity;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.HexFormat;
import java.util.List;

/**
 * The text the debug exporter logs for one request: a summary line with the counts, then (from
 * {@code normal}) one indented line per record, and (at {@code detailed}) resources, scopes and
 * attributes.
 */
final class DebugFormatter {

  private static final HexFormat HEX = HexFormat.of();

  private final Verbosity verbosity;

  DebugFormatter(Verbosity verbosity) {
    this.verbosity = verbosity;
  }

  String format(Signal signal, Message request) {
    StringBuilder out = new StringBuilder(256);
    switch (signal) {
      case TRACES -> traces((ExportTraceServiceRequest) request, out);
      case METRICS -> metrics((ExportMetricsServiceRequest) request, out);
      case LOGS -> logs((ExportLogsServiceRequest) request, out);
    }
    return out.toString();
  }

  private void traces(ExportTraceServiceRequest request, StringBuilder out) {
    int scopes = 0;
    for (ResourceSpans resource : request.getResourceSpansList()) {
      scopes += resource.getScopeSpansCount();
    }
    out.append("Traces: resource spans=").append(request.getResourceSpansCount())
        .append(", scope spans=").append(scopes)
        .append(", spans=").append(OtlpRequests.spanCount(request));
    if (verbosity == Verbosity.BASIC) {
      return;
    }
    for (ResourceSpans resource : request.getResourceSpansList()) {
      resource(resource.getResource(), out);
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        scope(scope.getScope(), out);
        for (Span span : scope.getSpansList()) {
          out.append("\n  span ");
          quoted(span.getName(), out);
          out.append(" trace_id=").append(hex(span.getTraceId()))
              .append(" span_id=").append(hex(span.getSpanId()));
          if (!span.getParentSpanId().isEmpty()) {
            out.append(" parent_span_id=").append(hex(span.getParentSpanId()));
          }
          if (span.getStatus().getCode() != Status.StatusCode.STATUS_CODE_UNSET) {
            out.append(" status=").append(span.getStatus().getCode() == Status.StatusCode
                .STATUS_CODE_ERROR ? "ERROR" : "OK");
          }
          attributes(span.getAttributesList(), out);
        }
      }
    }
  }

  private void metrics(ExportMetricsServiceRequest request, StringBuilder out) {
    int scopes = 0;
    int metrics = 0;
    for (ResourceMetrics resource : request.getResourceMetricsList()) {
      scopes += resource.getScopeMetricsCount();
      for (ScopeMetrics scope : resource.getScopeMetricsList()) {
        metrics += scope.getMetricsCount();
      }
    }
    out.append("Metrics: resource metrics=").append(request.getResourceMetricsCount())
        .append(", scope metrics=").append(scopes)
        .append(", metrics=").append(metrics)
        .append(", data points=").append(OtlpRequests.dataPointCount(request));
    if (verbosity == Verbosity.BASIC) {
      return;
    }
    for (ResourceMetrics resource : request.getResourceMetricsList()) {
      resource(resource.getResource(), out);
      for (ScopeMetrics scope : resource.getScopeMetricsList()) {
        scope(scope.getScope(), out);
        for (Metric metric : scope.getMetricsList()) {
          points(metric, out);
        }
      }
    }
  }

  private void points(Metric metric, StringBuilder out) {
    switch (metric.getDataCase()) {
      case GAUGE -> metric.getGauge().getDataPointsList()
          .forEach(p -> number(metric, "gauge", p, out));
      case SUM -> metric.getSum().getDataPointsList()
          .forEach(p -> number(metric, "sum", p, out));
      case HISTOGRAM -> {
        for (HistogramDataPoint p : metric.getHistogram().getDataPointsList()) {
          point(metric, "histogram", out).append("count=").append(p.getCount())
              .append(" sum=").append(p.getSum());
          attributes(p.getAttributesList(), out);
        }
      }
      case EXPONENTIAL_HISTOGRAM -> {
        for (ExponentialHistogramDataPoint p :
            metric.getExponentialHistogram().getDataPointsList()) {
          point(metric, "exponential_histogram", out).append("count=").append(p.getCount())
              .append(" sum=").append(p.getSum());
          attributes(p.getAttributesList(), out);
        }
      }
      case SUMMARY -> {
        for (SummaryDataPoint p : metric.getSummary().getDataPointsList()) {
          point(metric, "summary", out).append("count=").append(p.getCount())
              .append(" sum=").append(p.getSum());
          attributes(p.getAttributesList(), out);
        }
      }
      case DATA_NOT_SET -> point(metric, "empty", out).append("no data");
    }
  }

  private void number(Metric metric, String type, NumberDataPoint p, StringBuilder out) {
    StringBuilder line = point(metric, type, out).append("value=");
    if (p.getValueCase() == NumberDataPoint.ValueCase.AS_INT) {
      line.append(p.getAsInt());
    } else {
      line.append(p.getAsDouble());
    }
    attributes(p.getAttributesList(), out);
  }

  private static StringBuilder point(Metric metric, String type, StringBuilder out) {
    return out.append("\n  metric ").append(metric.getName()).append(' ').append(type).append(' ');
  }

  private void logs(ExportLogsServiceRequest request, StringBuilder out) {
    int scopes = 0;
    for (ResourceLogs resource : request.getResourceLogsList()) {
      scopes += resource.getScopeLogsCount();
    }
    out.append("Logs: resource logs=").append(request.getResourceLogsCount())
        .append(", scope logs=").append(scopes)
        .append(", log records=").append(OtlpRequests.logRecordCount(request));
    if (verbosity == Verbosity.BASIC) {
      return;
    }
    for (ResourceLogs resource : request.getResourceLogsList()) {
      resource(resource.getResource(), out);
      for (ScopeLogs scope : resource.getScopeLogsList()) {
        scope(scope.getScope(), out);
        for (LogRecord record : scope.getLogRecordsList()) {
          out.append("\n  log ").append(severity(record)).append(' ');
          value(record.getBody(), true, out);
          if (!record.getTraceId().isEmpty()) {
            out.append(" trace_id=").append(hex(record.getTraceId()));
          }
          if (!record.getSpanId().isEmpty()) {
            out.append(" span_id=").append(hex(record.getSpanId()));
          }
          attributes(record.getAttributesList(), out);
        }
      }
    }
  }

  private static String severity(LogRecord record) {
    if (!record.getSeverityText().isEmpty()) {
      return record.getSeverityText();
    }
    return record.getSeverityNumber().name().replace("SEVERITY_NUMBER_", "");
  }

  private void resource(Resource resource, StringBuilder out) {
    if (verbosity == Verbosity.DETAILED) {
      out.append("\n  resource");
      attributes(resource.getAttributesList(), out);
    }
  }

  private void scope(InstrumentationScope scope, StringBuilder out) {
    if (verbosity == Verbosity.DETAILED) {
      out.append("\n  scope ").append(scope.getName().isEmpty() ? "(unnamed)" : scope.getName());
      if (!scope.getVersion().isEmpty()) {
        out.append(' ').append(scope.getVersion());
      }
    }
  }

  private void attributes(List<KeyValue> attributes, StringBuilder out) {
    if (verbosity != Verbosity.DETAILED || attributes.isEmpty()) {
      return;
    }
    out.append(' ');
    keyValues(attributes, out);
  }

  private static void keyValues(List<KeyValue> attributes, StringBuilder out) {
    out.append('{');
    for (int i = 0; i < attributes.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(attributes.get(i).getKey()).append('=');
      value(attributes.get(i).getValue(), false, out);
    }
    out.append('}');
  }

  /** Writes an attribute value or log body; strings are quoted only where {@code quote} asks. */
  private static void value(AnyValue value, boolean quote, StringBuilder out) {
    switch (value.getValueCase()) {
      case STRING_VALUE -> {
        if (quote) {
          quoted(value.getStringValue(), out);
        } else {
          out.append(value.getStringValue());
        }
      }
      case BOOL_VALUE -> out.append(value.getBoolValue());
      case INT_VALUE -> out.append(value.getIntValue());
      case DOUBLE_VALUE -> out.append(value.getDoubleValue());
      case BYTES_VALUE -> out.append(hex(value.getBytesValue()));
      case ARRAY_VALUE -> {
        out.append('[');
        List<AnyValue> items = value.getArrayValue().getValuesList();
        for (int i = 0; i < items.size(); i++) {
          if (i > 0) {
            out.append(", ");
          }
          value(items.get(i), quote, out);
        }
        out.append(']');
      }
      case KVLIST_VALUE -> keyValues(value.getKvlistValue().getValuesList(), out);
      case VALUE_NOT_SET -> out.append(quote ? "(no body)" : "");
    }
  }

  /** A name or body in double quotes, with quotes, backslashes and line breaks escaped. */
  private static void quoted(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"', '\\' -> out.append('\\').append(c);
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    out.append('"');
  }

  private static String hex(ByteString bytes) {
    return HEX.formatHex(bytes.toByteArray());
  }
}
