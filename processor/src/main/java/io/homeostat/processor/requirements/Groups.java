package io.homeostat.processor.requirements;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * Records gathered again under their resource and scope (with their schema URLs), in the order
 * they were added, to build one request of records held back from several requests. Records whose
 * resources are equal share one resource group, and likewise for scopes.
 */
final class Groups<R> {

  /** One resource and its scopes. */
  record ResourceGroup<R>(Resource resource, String schemaUrl, List<ScopeGroup<R>> scopes) {}

  /** One scope and its records. */
  record ScopeGroup<R>(InstrumentationScope scope, String schemaUrl, List<R> records) {}

  private final List<ResourceGroup<R>> resources = new ArrayList<>();

  void add(Held<?> held, R record) {
    ResourceGroup<R> resourceGroup = null;
    for (ResourceGroup<R> group : resources) {
      if (group.resource().equals(held.resource) && group.schemaUrl().equals(held.resourceSchema)) {
        resourceGroup = group;
        break;
      }
    }
    if (resourceGroup == null) {
      resourceGroup = new ResourceGroup<>(held.resource, held.resourceSchema, new ArrayList<>());
      resources.add(resourceGroup);
    }
    for (ScopeGroup<R> group : resourceGroup.scopes()) {
      if (group.scope().equals(held.scope) && group.schemaUrl().equals(held.scopeSchema)) {
        group.records().add(record);
        return;
      }
    }
    List<R> records = new ArrayList<>();
    records.add(record);
    resourceGroup.scopes().add(new ScopeGroup<>(held.scope, held.scopeSchema, records));
  }

  boolean isEmpty() {
    return resources.isEmpty();
  }

  List<ResourceGroup<R>> resources() {
    return resources;
  }
}
