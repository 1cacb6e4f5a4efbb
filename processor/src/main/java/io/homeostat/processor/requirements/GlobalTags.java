package io.homeostat.processor.requirements;

import com.google.protobuf.Message;
import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.otlp.Rewrites;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A catalog's {@code global_tags}: attributes every record of the team's service carries, put on
 * the resources of that service where they are missing. A value a resource already has is never
 * changed: the service knows better than its catalog.
 *
 * <p>Which resources are the service's: with {@code service.name} among the tags, those whose
 * {@code service.name} is that one, so that one server can take many teams' data; without it,
 * every resource, as for a sidecar beside one service.
 */
final class GlobalTags implements UnaryOperator<Resource> {

  static final String SERVICE_NAME = "service.name";

  /** The service the tags belong to, or null for every resource. */
  private final String service;
  /** The tags but {@code service.name}, sorted by key so that every run adds them alike. */
  private final List<KeyValue> tags;

  private GlobalTags(String service, List<KeyValue> tags) {
    this.service = service;
    this.tags = tags;
  }

  static GlobalTags of(Map<String, String> globalTags) {
    List<KeyValue> tags = new ArrayList<>();
    new TreeMap<>(globalTags).forEach((key, value) -> {
      if (!key.equals(SERVICE_NAME)) {
        tags.add(KeyValue.newBuilder().setKey(key).setValue(KeyValues.string(value)).build());
      }
    });
    return new GlobalTags(globalTags.get(SERVICE_NAME), List.copyOf(tags));
  }

  /** {@code request} with the tags on its service's resources; itself when none lacked one. */
  Message applyTo(Message request) {
    return tags.isEmpty() ? request : Rewrites.resources(request, this);
  }

  @Override
  public Resource apply(Resource resource) {
    List<KeyValue> attributes = resource.getAttributesList();
    if (service != null && !service.equals(KeyValues.getString(attributes, SERVICE_NAME))) {
      return resource;
    }
    List<KeyValue> missing = null;
    for (KeyValue tag : tags) {
      if (!KeyValues.contains(attributes, tag.getKey())) {
        if (missing == null) {
          missing = new ArrayList<>(tags.size());
        }
        missing.add(tag);
      }
    }
    return missing == null ? resource : resource.toBuilder().addAllAttributes(missing).build();
  }
}
