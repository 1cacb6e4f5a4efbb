package io.homeostat.core.req;

import io.homeostat.core.config.ConfigNode;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What a team has written down about its requirements: the requirements themselves, the metrics
 * that measure them, tagging rules, tags every record of the service should carry, and the
 * homeostasis targets (kept as written; the homeostasis module reads them).
 *
 * @param source the file it was read from, or null for an empty catalog
 * @param requirements by id
 * @param metrics by metric name
 * @param globalTags attributes every record of the team's service carries ({@code telemetry.global_tags})
 * @param homeostasis the {@code homeostasis} section as written, or null
 */
public record Catalog(Path source, Map<String, Requirement> requirements,
    Map<String, MetricDefinition> metrics, List<TagRule> rules, Map<String, String> globalTags,
    ConfigNode homeostasis) {

  /** The catalog of a processor configured without one. */
  public static final Catalog EMPTY = new Catalog(null, Map.of(), Map.of(), List.of(), Map.of(), null);

  public Catalog {
    requirements = Map.copyOf(requirements);
    metrics = Map.copyOf(metrics);
    rules = List.copyOf(rules);
    globalTags = Map.copyOf(globalTags);
  }

  /** The requirement {@code id}, or null when the catalog does not know it. */
  public Requirement requirement(String id) {
    return requirements.get(id);
  }

  /** The definition of the metric {@code name}, or null. */
  public MetricDefinition metric(String name) {
    return metrics.get(name);
  }

  public Collection<Requirement> all() {
    return requirements.values();
  }
}
