package io.homeostat.core.req;

import io.homeostat.core.config.ConfigNode;
import io.homeostat.core.config.Validatable;
import io.homeostat.core.match.MatchConfig;

/**
 * A tagging rule as written in YAML: {@code {req: REQ-A, match: {...}}}, where {@code req} is one
 * key or a list of keys. A config record (bind it with the config binder, it validates itself);
 * {@link #rule()} gives the rule.
 *
 * @param req the requirement key(s) given to records that match, as written
 * @param match which records the rule tags
 */
public record TagRuleConfig(ConfigNode req, MatchConfig match) implements Validatable {

  /** The rule; call it once the config is valid. */
  public TagRule rule() {
    return new TagRule(RequirementRefs.keys(req), match);
  }

  @Override
  public void validate(Violations violations) {
    boolean empty = req == null || req instanceof ConfigNode.ScalarNode scalar && scalar.isNull()
        || req instanceof ConfigNode.ListNode list && list.items().isEmpty();
    if (empty) {
      violations.add("req", "is required: the requirement key records matching this rule get, such as "
          + IdKind.REQUIREMENT.example() + ", or a list of keys");
    } else {
      RequirementRefs.check("req", req, violations);
    }
    if (match == null) {
      violations.add("match", "is required: which records the rule tags, such as "
          + "{ services: [auth-service] }");
    }
  }
}
