package io.homeostat.core.req;

import io.homeostat.core.config.ConfigNode;
import io.homeostat.core.config.Validatable;
import java.util.ArrayList;
import java.util.List;

/**
 * An entry of {@code telemetry.metrics} in a team's {@code observability.yml}: as a catalog's
 * metric, but a team may write one business rule or constraint without a list.
 */
record TeamMetric(String name, ConfigNode requirement, String businessRule,
    List<String> businessRules, String constraint, List<String> constraints, String type,
    String unit, String description) implements Validatable {

  MetricDefinition definition() {
    return new MetricDefinition(name, RequirementRefs.keys(requirement),
        oneAndMany(businessRule, businessRules), oneAndMany(constraint, constraints), type, unit,
        description);
  }

  @Override
  public void validate(Violations violations) {
    MetricEntry.checkNameAndRequirement(name, requirement, violations);
    if (businessRule != null && !businessRules.isEmpty()) {
      violations.add("business_rule", "give business_rule (one id) or business_rules (a list), not both");
    }
    if (constraint != null && !constraints.isEmpty()) {
      violations.add("constraint", "give constraint (one id) or constraints (a list), not both");
    }
    IdKind.BUSINESS_RULE.checkAll("business_rule", oneAndMany(businessRule, List.of()), violations);
    IdKind.BUSINESS_RULE.checkAll("business_rules", businessRules, violations);
    IdKind.CONSTRAINT.checkAll("constraint", oneAndMany(constraint, List.of()), violations);
    IdKind.CONSTRAINT.checkAll("constraints", constraints, violations);
  }

  private static List<String> oneAndMany(String one, List<String> many) {
    if (one == null) {
      return many;
    }
    List<String> all = new ArrayList<>(many.size() + 1);
    all.add(one);
    all.addAll(many);
    return all;
  }
}
