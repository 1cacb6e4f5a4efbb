package io.homeostat.core.req;

import io.homeostat.core.config.ConfigNode;
import java.util.List;
import java.util.Map;

/** A catalog file in Homeostat's own format ({@code requirements.yaml}), as written. */
record CatalogFile(List<Requirement> requirements, List<MetricEntry> metrics,
    List<TagRuleConfig> rules, Map<String, String> globalTags, ConfigNode homeostasis) {

  static CatalogFile defaults() {
    return new CatalogFile(List.of(), List.of(), List.of(), Map.of(), null);
  }
}
