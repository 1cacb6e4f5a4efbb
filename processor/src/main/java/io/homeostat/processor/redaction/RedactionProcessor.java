package io.homeostat.processor.redaction;

import com.google.protobuf.Message;
import io.homeostat.core.otlp.Rewrites;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Downstream;
import io.homeostat.core.pipeline.Processor;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Removes personal data and secrets from every record before it goes further: e-mail addresses,
 * card numbers and the values of secret keys in attributes (of spans, span events and links, log
 * records, data points and exemplars, and resources unless turned off), in log bodies, and in the
 * free text of spans (name, status message, event names), where error messages often quote what
 * they should not.
 *
 * <p>Copy-on-write: a record with nothing to redact is passed on as the same instance, and a
 * request in which nothing was redacted is passed on as it came.
 */
final class RedactionProcessor implements Processor {

  private final boolean resources;
  private final ValueRedactor values;
  private final Tally tally;

  private final UnaryOperator<Resource> resourceEdit = this::resource;
  private final Rewrites.SpanEdit spanEdit = this::span;
  private final Rewrites.LogEdit logEdit = this::log;
  private final Rewrites.MetricEdit metricEdit = this::metric;
  private final UnaryOperator<Span.Event> eventEdit = this::event;
  private final UnaryOperator<Span.Link> linkEdit = this::link;
  private final UnaryOperator<List<KeyValue>> pointEdit = this::point;
  private final UnaryOperator<List<KeyValue>> exemplarEdit;

  RedactionProcessor(RedactionConfig config, ValueRedactor values, Tally tally) {
    this.resources = config.resourceAttributes();
    this.values = values;
    this.tally = tally;
    this.exemplarEdit = values::attributes;
  }

  @Override
  public void process(Message request, Ack ack, Downstream next) {
    Message edited = resources ? Rewrites.resources(request, resourceEdit) : request;
    next.accept(Rewrites.records(edited, spanEdit, logEdit, metricEdit), ack);
  }

  private Resource resource(Resource resource) {
    List<KeyValue> attributes = values.attributes(resource.getAttributesList());
    return attributes == resource.getAttributesList() ? resource
        : resource.toBuilder().clearAttributes().addAllAttributes(attributes).build();
  }

  private Span span(Resource resource, InstrumentationScope scope, Span span) {
    tally.startRecord();
    List<KeyValue> attributes = values.attributes(span.getAttributesList());
    List<Span.Event> events = Rewrites.each(span.getEventsList(), eventEdit);
    List<Span.Link> links = Rewrites.each(span.getLinksList(), linkEdit);
    String name = values.text(span.getName());
    String message = values.text(span.getStatus().getMessage());
    if (!tally.any()) {
      return span;
    }
    Span.Builder edited = span.toBuilder().setName(name)
        .clearAttributes().addAllAttributes(tally.summarize(attributes))
        .clearEvents().addAllEvents(events)
        .clearLinks().addAllLinks(links);
    if (message != span.getStatus().getMessage()) {
      edited.setStatus(span.getStatus().toBuilder().setMessage(message));
    }
    return edited.build();
  }

  private Span.Event event(Span.Event event) {
    List<KeyValue> attributes = values.attributes(event.getAttributesList());
    String name = values.text(event.getName());
    return attributes == event.getAttributesList() && name == event.getName() ? event
        : event.toBuilder().setName(name).clearAttributes().addAllAttributes(attributes).build();
  }

  private Span.Link link(Span.Link link) {
    List<KeyValue> attributes = values.attributes(link.getAttributesList());
    return attributes == link.getAttributesList() ? link
        : link.toBuilder().clearAttributes().addAllAttributes(attributes).build();
  }

  private LogRecord log(Resource resource, InstrumentationScope scope, LogRecord record) {
    tally.startRecord();
    List<KeyValue> attributes = values.attributes(record.getAttributesList());
    AnyValue body = values.body(record.getBody());
    if (!tally.any()) {
      return record;
    }
    LogRecord.Builder edited = record.toBuilder()
        .clearAttributes().addAllAttributes(tally.summarize(attributes));
    if (body != record.getBody()) {
      edited.setBody(body);
    }
    return edited.build();
  }

  private Metric metric(Resource resource, InstrumentationScope scope, Metric metric) {
    return Rewrites.exemplars(Rewrites.dataPoints(metric, pointEdit), exemplarEdit);
  }

  private List<KeyValue> point(List<KeyValue> attributes) {
    tally.startRecord();
    return tally.summarize(values.attributes(attributes));
  }
}
