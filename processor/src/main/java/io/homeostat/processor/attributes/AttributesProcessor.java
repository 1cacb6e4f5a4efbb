package io.homeostat.processor.attributes;

import com.google.protobuf.Message;
import io.homeostat.core.match.IncludeExclude;
import io.homeostat.core.otlp.Rewrites;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Downstream;
import io.homeostat.core.pipeline.Processor;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;

/**
 * Applies the actions to the attributes of the selected spans, log records and metric data
 * points. A request none of whose records changed is passed on as the same instance.
 */
final class AttributesProcessor implements Processor {

  private final AttributeActions actions;
  private final IncludeExclude selection;
  private final Rewrites.SpanEdit spanEdit = this::span;
  private final Rewrites.LogEdit logEdit = this::log;
  private final Rewrites.MetricEdit metricEdit = this::metric;

  AttributesProcessor(AttributeActions actions, IncludeExclude selection) {
    this.actions = actions;
    this.selection = selection;
  }

  @Override
  public void process(Message request, Ack ack, Downstream next) {
    next.accept(Rewrites.records(request, spanEdit, logEdit, metricEdit), ack);
  }

  private Span span(Resource resource, InstrumentationScope scope, Span span) {
    if (!selection.selects(resource, scope, span)) {
      return span;
    }
    List<KeyValue> attributes = actions.apply(span.getAttributesList());
    return attributes == span.getAttributesList() ? span
        : span.toBuilder().clearAttributes().addAllAttributes(attributes).build();
  }

  private LogRecord log(Resource resource, InstrumentationScope scope, LogRecord record) {
    if (!selection.selects(resource, scope, record)) {
      return record;
    }
    List<KeyValue> attributes = actions.apply(record.getAttributesList());
    return attributes == record.getAttributesList() ? record
        : record.toBuilder().clearAttributes().addAllAttributes(attributes).build();
  }

  private Metric metric(Resource resource, InstrumentationScope scope, Metric metric) {
    return Rewrites.dataPoints(metric, attributes ->
        selection.selects(resource, scope, metric, attributes) ? actions.apply(attributes) : attributes);
  }
}
