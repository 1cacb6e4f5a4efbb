package io.homeostat.processor.resource;

import com.google.protobuf.Message;
import io.homeostat.core.otlp.Rewrites;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Downstream;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.processor.attributes.AttributeActions;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;
import java.util.function.UnaryOperator;

/** Applies the actions to the attributes of every resource of a request of any signal. */
final class ResourceProcessor implements Processor {

  private final AttributeActions actions;
  private final UnaryOperator<Resource> edit = this::edit;

  ResourceProcessor(AttributeActions actions) {
    this.actions = actions;
  }

  @Override
  public void process(Message request, Ack ack, Downstream next) {
    next.accept(Rewrites.resources(request, edit), ack);
  }

  private Resource edit(Resource resource) {
    List<KeyValue> attributes = actions.apply(resource.getAttributesList());
    return attributes == resource.getAttributesList() ? resource
        : resource.toBuilder().clearAttributes().addAllAttributes(attributes).build();
  }
}
