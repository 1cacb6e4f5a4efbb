package io.homeostat.core.req;

import java.util.List;

/**
 * A metric a team declared, with the requirement it measures (the catalog's {@code metrics}, or
 * {@code telemetry.metrics} of an {@code observability.yml}): records of this metric without a key
 * get these requirements.
 */
public record MetricDefinition(String name, List<String> requirements, List<String> businessRules,
    List<String> constraints, String type, String unit, String description) {

  public MetricDefinition {
    requirements = requirements == null ? List.of() : List.copyOf(requirements);
    businessRules = businessRules == null ? List.of() : List.copyOf(businessRules);
    constraints = constraints == null ? List.of() : List.copyOf(constraints);
  }
}
