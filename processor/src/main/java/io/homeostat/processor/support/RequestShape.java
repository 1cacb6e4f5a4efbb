package io.homeostat.processor.support;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.homeostat.core.otlp.OtlpRequests;
import io.homeostat.core.pipeline.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.util.List;

/**
 * The three levels every OTLP export request has (resource groups, scope groups, items), named by
 * their protobuf fields, so that code which merges or splits requests is written once for all
 * signals. The items are spans, log records or metrics; a metric counts as its data points.
 *
 * @param groups the request's repeated resource groups ({@code resource_spans} ...)
 * @param scopes a resource group's repeated scope groups ({@code scope_spans} ...)
 * @param items a scope group's repeated items ({@code spans}, {@code log_records}, {@code metrics})
 */
public record RequestShape(Signal signal, FieldDescriptor groups, FieldDescriptor scopes,
    FieldDescriptor items) {

  private static final RequestShape TRACES = new RequestShape(Signal.TRACES,
      ExportTraceServiceRequest.getDescriptor().findFieldByName("resource_spans"),
      ResourceSpans.getDescriptor().findFieldByName("scope_spans"),
      ScopeSpans.getDescriptor().findFieldByName("spans"));
  private static final RequestShape METRICS = new RequestShape(Signal.METRICS,
      ExportMetricsServiceRequest.getDescriptor().findFieldByName("resource_metrics"),
      ResourceMetrics.getDescriptor().findFieldByName("scope_metrics"),
      ScopeMetrics.getDescriptor().findFieldByName("metrics"));
  private static final RequestShape LOGS = new RequestShape(Signal.LOGS,
      ExportLogsServiceRequest.getDescriptor().findFieldByName("resource_logs"),
      ResourceLogs.getDescriptor().findFieldByName("scope_logs"),
      ScopeLogs.getDescriptor().findFieldByName("log_records"));

  /** The shape of {@code request}'s signal. */
  public static RequestShape of(Message request) {
    return of(OtlpRequests.signalOf(request));
  }

  public static RequestShape of(Signal signal) {
    return switch (signal) {
      case TRACES -> TRACES;
      case METRICS -> METRICS;
      case LOGS -> LOGS;
    };
  }

  /** The messages in the repeated field {@code field} of {@code message}. */
  @SuppressWarnings("unchecked")
  public static List<Message> children(Message message, FieldDescriptor field) {
    return (List<Message>) message.getField(field);
  }

  /** {@code message} without its children in {@code field}: what identifies a group. */
  public static Message without(Message message, FieldDescriptor field) {
    return message.toBuilder().clearField(field).build();
  }
}
