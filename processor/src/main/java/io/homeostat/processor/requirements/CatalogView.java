package io.homeostat.processor.requirements;

import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.req.Catalog;
import io.homeostat.core.req.MetricDefinition;
import io.homeostat.core.req.Requirement;
import io.homeostat.processor.requirements.RequirementsConfig.Enrichment;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One catalog as the processor of one signal uses it, compiled when the catalog is (re)loaded: its rules, the
 * keys of each metric it defines, its global tags, and the enrichment attributes of each requirement, all built
 * once so that looking them up for a record allocates nothing.
 */
final class CatalogView {

  final Catalog catalog;
  final Rules rules;
  final GlobalTags globalTags;
  private final Map<String, AnyValue> metricKeys = new HashMap<>();
  private final Map<String, List<KeyValue>> enrichmentByKey = new HashMap<>();
  private final List<Enrichment> enrich;
  private final String key;

  /**
   * @param invalid told about each key of the catalog that fails the pattern (left out)
   */
  CatalogView(Catalog catalog, Signal signal, KeyReader reader, String key,
      List<Enrichment> enrich, Consumer<String> invalid) {
    this.catalog = catalog;
    this.key = key;
    this.enrich = List.copyOf(enrich);
    this.rules = Rules.compile(catalog.rules(), signal, reader, invalid);
    this.globalTags = GlobalTags.of(catalog.globalTags());
    for (MetricDefinition metric : catalog.metrics().values()) {
      AnyValue valid = reader.validKeys(metric.requirements(), invalid);
      if (valid != null) {
        metricKeys.put(metric.name(), valid);
      }
    }
    if (!this.enrich.isEmpty()) {
      for (Requirement requirement : catalog.all()) {
        enrichmentByKey.put(requirement.id(), attributes(List.of(requirement)));
      }
    }
  }

  /** The keys the catalog gives data points of metric {@code name}, or null. */
  AnyValue metricKeys(String name) {
    return metricKeys.get(name);
  }

  /** The attributes enrichment adds for {@code keys}; empty when the catalog knows none of them. */
  List<KeyValue> enrichment(AnyValue keys) {
    if (enrichmentByKey.isEmpty()) {
      return List.of();
    }
    if (keys.getValueCase() == AnyValue.ValueCase.STRING_VALUE) {
      return enrichmentByKey.getOrDefault(keys.getStringValue(), List.of());
    }
    List<Requirement> known = new ArrayList<>();
    for (AnyValue item : keys.getArrayValue().getValuesList()) {
      Requirement requirement = catalog.requirement(item.getStringValue());
      if (requirement != null) {
        known.add(requirement);
      }
    }
    return known.isEmpty() ? List.of() : attributes(known);
  }

  /** True when {@code attributes} already hold every one of {@code enrichment}, as they are. */
  static boolean holds(List<KeyValue> attributes, List<KeyValue> enrichment) {
    for (int i = 0; i < enrichment.size(); i++) {
      KeyValue wanted = enrichment.get(i);
      AnyValue found = KeyValues.get(attributes, wanted.getKey());
      if (found == null || !found.equals(wanted.getValue())) {
        return false;
      }
    }
    return true;
  }

  private List<KeyValue> attributes(List<Requirement> requirements) {
    List<KeyValue> out = new ArrayList<>(enrich.size());
    for (Enrichment kind : enrich) {
      Set<String> values = new LinkedHashSet<>();
      for (Requirement requirement : requirements) {
        switch (kind) {
          case TITLE -> addIfSet(values, requirement.title());
          case INTENT -> addIfSet(values, requirement.intent());
          case BUSINESS_RULES -> values.addAll(requirement.businessRules());
          case CONSTRAINTS -> values.addAll(requirement.constraints());
        }
      }
      if (!values.isEmpty()) {
        out.add(KeyValue.newBuilder().setKey(kind.attribute(key))
            .setValue(KeyValues.strings(List.copyOf(values))).build());
      }
    }
    return List.copyOf(out);
  }

  private static void addIfSet(Set<String> values, String value) {
    if (value != null && !value.isBlank()) {
      values.add(value);
    }
  }
}
