package io.homeostat.core.otlp;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
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
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Copy-on-write edits of export requests, shared by every processor that changes records.
 *
 * <p>A function is applied to each record with its resource and scope. When it returns every
 * record as it was (the same instance), the request itself is returned and nothing is allocated
 * beyond the walk; otherwise only the branches that changed are rebuilt. A function returns null
 * to drop a record; scopes and resources left empty are dropped with it.
 */
public final class Rewrites {

  private Rewrites() {}

  /** Edits one span; returns it unchanged, a new span, or null to drop it. */
  @FunctionalInterface
  public interface SpanEdit {
    Span apply(Resource resource, InstrumentationScope scope, Span span);
  }

  /** Edits one log record; returns it unchanged, a new record, or null to drop it. */
  @FunctionalInterface
  public interface LogEdit {
    LogRecord apply(Resource resource, InstrumentationScope scope, LogRecord record);
  }

  /** Edits one metric with all its points; returns it unchanged, a new metric, or null to drop it. */
  @FunctionalInterface
  public interface MetricEdit {
    Metric apply(Resource resource, InstrumentationScope scope, Metric metric);
  }

  /**
   * Applies the edit that fits the signal of {@code request}: {@code spans} to a trace request,
   * {@code logs} to a logs request, {@code metrics} to a metrics request.
   */
  public static com.google.protobuf.Message records(com.google.protobuf.Message request,
      SpanEdit spans, LogEdit logs, MetricEdit metrics) {
    if (request instanceof ExportTraceServiceRequest traces) {
      return spans(traces, spans);
    }
    if (request instanceof ExportLogsServiceRequest logRequest) {
      return logs(logRequest, logs);
    }
    return metrics((ExportMetricsServiceRequest) request, metrics);
  }

  public static ExportTraceServiceRequest spans(ExportTraceServiceRequest request, SpanEdit edit) {
    List<ResourceSpans> resources = each(request.getResourceSpansList(), resource -> {
      List<ScopeSpans> scopes = each(resource.getScopeSpansList(), scope -> {
        List<Span> spans = each(scope.getSpansList(),
            span -> edit.apply(resource.getResource(), scope.getScope(), span));
        return spans == scope.getSpansList() ? scope
            : spans.isEmpty() ? null : scope.toBuilder().clearSpans().addAllSpans(spans).build();
      });
      return scopes == resource.getScopeSpansList() ? resource
          : scopes.isEmpty() ? null : resource.toBuilder().clearScopeSpans().addAllScopeSpans(scopes).build();
    });
    return resources == request.getResourceSpansList() ? request
        : request.toBuilder().clearResourceSpans().addAllResourceSpans(resources).build();
  }

  public static ExportLogsServiceRequest logs(ExportLogsServiceRequest request, LogEdit edit) {
    List<ResourceLogs> resources = each(request.getResourceLogsList(), resource -> {
      List<ScopeLogs> scopes = each(resource.getScopeLogsList(), scope -> {
        List<LogRecord> records = each(scope.getLogRecordsList(),
            record -> edit.apply(resource.getResource(), scope.getScope(), record));
        return records == scope.getLogRecordsList() ? scope
            : records.isEmpty() ? null : scope.toBuilder().clearLogRecords().addAllLogRecords(records).build();
      });
      return scopes == resource.getScopeLogsList() ? resource
          : scopes.isEmpty() ? null : resource.toBuilder().clearScopeLogs().addAllScopeLogs(scopes).build();
    });
    return resources == request.getResourceLogsList() ? request
        : request.toBuilder().clearResourceLogs().addAllResourceLogs(resources).build();
  }

  public static ExportMetricsServiceRequest metrics(ExportMetricsServiceRequest request, MetricEdit edit) {
    List<ResourceMetrics> resources = each(request.getResourceMetricsList(), resource -> {
      List<ScopeMetrics> scopes = each(resource.getScopeMetricsList(), scope -> {
        List<Metric> metrics = each(scope.getMetricsList(),
            metric -> edit.apply(resource.getResource(), scope.getScope(), metric));
        return metrics == scope.getMetricsList() ? scope
            : metrics.isEmpty() ? null : scope.toBuilder().clearMetrics().addAllMetrics(metrics).build();
      });
      return scopes == resource.getScopeMetricsList() ? resource
          : scopes.isEmpty() ? null : resource.toBuilder().clearScopeMetrics().addAllScopeMetrics(scopes).build();
    });
    return resources == request.getResourceMetricsList() ? request
        : request.toBuilder().clearResourceMetrics().addAllResourceMetrics(resources).build();
  }

  /**
   * Edits the attributes of each data point of {@code metric}, whatever its type: {@code edit}
   * returns the list it was given (the point stays as it is), another list (the point's new
   * attributes), or null (the point is dropped). Returns the metric itself when no point changed,
   * and null when points were dropped and none is left.
   */
  public static Metric dataPoints(Metric metric, UnaryOperator<List<KeyValue>> edit) {
    return switch (metric.getDataCase()) {
      case GAUGE -> withPoints(metric, metric.getGauge().getDataPointsList(), edit,
          NumberDataPoint::getAttributesList,
          (point, attributes) -> point.toBuilder().clearAttributes().addAllAttributes(attributes).build(),
          points -> metric.toBuilder().setGauge(
              metric.getGauge().toBuilder().clearDataPoints().addAllDataPoints(points)).build());
      case SUM -> withPoints(metric, metric.getSum().getDataPointsList(), edit,
          NumberDataPoint::getAttributesList,
          (point, attributes) -> point.toBuilder().clearAttributes().addAllAttributes(attributes).build(),
          points -> metric.toBuilder().setSum(
              metric.getSum().toBuilder().clearDataPoints().addAllDataPoints(points)).build());
      case HISTOGRAM -> withPoints(metric, metric.getHistogram().getDataPointsList(), edit,
          HistogramDataPoint::getAttributesList,
          (point, attributes) -> point.toBuilder().clearAttributes().addAllAttributes(attributes).build(),
          points -> metric.toBuilder().setHistogram(
              metric.getHistogram().toBuilder().clearDataPoints().addAllDataPoints(points)).build());
      case EXPONENTIAL_HISTOGRAM -> withPoints(metric,
          metric.getExponentialHistogram().getDataPointsList(), edit,
          ExponentialHistogramDataPoint::getAttributesList,
          (point, attributes) -> point.toBuilder().clearAttributes().addAllAttributes(attributes).build(),
          points -> metric.toBuilder().setExponentialHistogram(metric.getExponentialHistogram()
              .toBuilder().clearDataPoints().addAllDataPoints(points)).build());
      case SUMMARY -> withPoints(metric, metric.getSummary().getDataPointsList(), edit,
          SummaryDataPoint::getAttributesList,
          (point, attributes) -> point.toBuilder().clearAttributes().addAllAttributes(attributes).build(),
          points -> metric.toBuilder().setSummary(
              metric.getSummary().toBuilder().clearDataPoints().addAllDataPoints(points)).build());
      case DATA_NOT_SET -> metric;
    };
  }

  private static <P> Metric withPoints(Metric metric, List<P> points,
      UnaryOperator<List<KeyValue>> edit, Function<P, List<KeyValue>> attributesOf,
      BiFunction<P, List<KeyValue>, P> withAttributes, Function<List<P>, Metric> rebuild) {
    List<P> edited = each(points, point -> {
      List<KeyValue> attributes = attributesOf.apply(point);
      List<KeyValue> changed = edit.apply(attributes);
      return changed == attributes ? point : changed == null ? null : withAttributes.apply(point, changed);
    });
    return edited == points ? metric : edited.isEmpty() ? null : rebuild.apply(edited);
  }

  /** Edits the resource of every resource group of a request of any signal. */
  public static com.google.protobuf.Message resources(com.google.protobuf.Message request,
      UnaryOperator<Resource> edit) {
    if (request instanceof ExportTraceServiceRequest traces) {
      List<ResourceSpans> resources = each(traces.getResourceSpansList(),
          r -> withResource(r, r.getResource(), edit, ResourceSpans::toBuilder));
      return resources == traces.getResourceSpansList() ? traces
          : traces.toBuilder().clearResourceSpans().addAllResourceSpans(resources).build();
    }
    if (request instanceof ExportLogsServiceRequest logs) {
      List<ResourceLogs> resources = each(logs.getResourceLogsList(),
          r -> withResource(r, r.getResource(), edit, ResourceLogs::toBuilder));
      return resources == logs.getResourceLogsList() ? logs
          : logs.toBuilder().clearResourceLogs().addAllResourceLogs(resources).build();
    }
    ExportMetricsServiceRequest metrics = (ExportMetricsServiceRequest) request;
    List<ResourceMetrics> resources = each(metrics.getResourceMetricsList(),
        r -> withResource(r, r.getResource(), edit, ResourceMetrics::toBuilder));
    return resources == metrics.getResourceMetricsList() ? metrics
        : metrics.toBuilder().clearResourceMetrics().addAllResourceMetrics(resources).build();
  }

  @SuppressWarnings("unchecked")
  private static <T extends com.google.protobuf.Message, B extends com.google.protobuf.Message.Builder> T withResource(
      T group, Resource resource, UnaryOperator<Resource> edit, java.util.function.Function<T, B> toBuilder) {
    Resource edited = edit.apply(resource);
    if (edited == resource) {
      return group;
    }
    B builder = toBuilder.apply(group);
    builder.setField(builder.getDescriptorForType().findFieldByName("resource"), edited);
    return (T) builder.build();
  }

  /**
   * Applies {@code edit} to each item. Returns {@code items} itself when every item came back as
   * it was; otherwise a new list without the items edited to null.
   */
  public static <T> List<T> each(List<T> items, UnaryOperator<T> edit) {
    List<T> out = null;
    for (int i = 0; i < items.size(); i++) {
      T item = items.get(i);
      T edited = edit.apply(item);
      if (out == null) {
        if (edited == item) {
          continue;
        }
        out = new ArrayList<>(items.size());
        out.addAll(items.subList(0, i));
      }
      if (edited != null) {
        out.add(edited);
      }
    }
    return out == null ? items : out;
  }
}
