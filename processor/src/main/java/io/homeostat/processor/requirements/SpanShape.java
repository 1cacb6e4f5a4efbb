package io.homeostat.processor.requirements;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.homeostat.core.otlp.Rewrites;
import io.homeostat.core.pipeline.Signal;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;

/** Spans: they take the keys of their parent, and their children take theirs. */
final class SpanShape implements TracedShape<Span> {

  @Override
  public Signal signal() {
    return Signal.TRACES;
  }

  @Override
  public void collect(Message request, Batch<Span> batch) {
    // Index loops: an iterator per list would be the only allocation for a request left as it is.
    List<ResourceSpans> resources = ((ExportTraceServiceRequest) request).getResourceSpansList();
    for (int r = 0; r < resources.size(); r++) {
      ResourceSpans resource = resources.get(r);
      for (int s = 0; s < resource.getScopeSpansCount(); s++) {
        ScopeSpans scope = resource.getScopeSpans(s);
        List<Span> spans = scope.getSpansList();
        for (int i = 0; i < spans.size(); i++) {
          batch.add(resource.getResource(), resource.getSchemaUrl(), scope.getScope(),
              scope.getSchemaUrl(), spans.get(i), 0);
        }
      }
    }
  }

  @Override
  public Message rewrite(Message request, Batch<Span> batch) {
    return Rewrites.spans((ExportTraceServiceRequest) request,
        (resource, scope, span) -> replacement(batch, span));
  }

  @Override
  public Message assemble(Groups<Span> records) {
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    for (Groups.ResourceGroup<Span> resource : records.resources()) {
      ResourceSpans.Builder group = request.addResourceSpansBuilder()
          .setResource(resource.resource()).setSchemaUrl(resource.schemaUrl());
      for (Groups.ScopeGroup<Span> scope : resource.scopes()) {
        group.addScopeSpansBuilder().setScope(scope.scope()).setSchemaUrl(scope.schemaUrl())
            .addAllSpans(scope.records());
      }
    }
    return request.build();
  }

  @Override
  public boolean isEmpty(Message request) {
    return ((ExportTraceServiceRequest) request).getResourceSpansCount() == 0;
  }

  @Override
  public List<KeyValue> attributes(Span span) {
    return span.getAttributesList();
  }

  @Override
  public Span withAttributes(Span span, List<KeyValue> attributes) {
    return span.toBuilder().clearAttributes().addAllAttributes(attributes).build();
  }

  @Override
  public AnyValue ruleKeys(Rules rules, Resource resource, InstrumentationScope scope, Span span) {
    return rules.first(resource, scope, span);
  }

  @Override
  public ByteString traceId(Span span) {
    return span.getTraceId();
  }

  @Override
  public ByteString awaitedSpan(Span span) {
    return span.getParentSpanId();
  }

  @Override
  public ByteString ownSpan(Span span) {
    return span.getSpanId();
  }

  @Override
  public String describe(Span span) {
    return "span '" + span.getName() + "'" + TracedShape.ids(span.getTraceId(), span.getSpanId());
  }
}
