package io.homeostat.core.req;

import io.homeostat.core.config.ConfigNode;
import io.homeostat.core.config.Validatable;
import java.util.List;

/** An entry of a catalog's {@code metrics} list. */
record MetricEntry(String name, ConfigNode requirement, List<String> businessRules,
    List<String> constraints, String type, String unit, String description) implements Validatable {

  MetricDefinition definition() {
    return new MetricDefinition(name, RequirementRefs.keys(requirement), businessRules, constraints,
        type, unit, description);
  }

  @Override
  public void validate(Violations violations) {
    checkNameAndRequirement(name, requirement, violations);
    IdKind.BUSINESS_RULE.checkAll("business_rules", businessRules, violations);
    IdKind.CONSTRAINT.checkAll("constraints", constraints, violations);
  }

  /** The checks every metric definition shares, in either format. */
  static void checkNameAndRequirement(String name, ConfigNode requirement, Violations violations) {
    if (name == null || name.isBlank()) {
      violations.add("name", "is required: the metric's name as instrumentation reports it, "
          + "such as login_latency_ms");
    }
    RequirementRefs.check("requirement", requirement, violations);
  }
}
