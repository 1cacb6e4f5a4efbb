package io.homeostat.core.req;

import io.homeostat.core.config.ConfigNode;
import io.homeostat.core.config.ConfigNode.ListNode;
import io.homeostat.core.config.ConfigNode.ScalarNode;
import io.homeostat.core.config.Validatable.Violations;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a catalog names the requirements something serves, it may write one key
 * ({@code requirement: REQ-A}) or a list ({@code requirement: [REQ-A, REQ-B]}); the binder has no
 * type for "one or a list", so such keys are bound as the raw node and read here.
 */
final class RequirementRefs {

  private RequirementRefs() {}

  /** The keys written at {@code node}: none when it is absent or null. */
  static List<String> keys(ConfigNode node) {
    List<String> keys = new ArrayList<>(1);
    if (node instanceof ScalarNode scalar && !scalar.isNull()) {
      keys.add(scalar.value().strip());
    } else if (node instanceof ListNode list) {
      for (ConfigNode item : list.items()) {
        if (item instanceof ScalarNode scalar && !scalar.isNull()) {
          keys.add(scalar.value().strip());
        }
      }
    }
    return keys;
  }

  /** Reports a node at {@code key} that is not a key or a list of keys, and keys of the wrong form. */
  static void check(String key, ConfigNode node, Violations violations) {
    if (node == null) {
      return;
    }
    String found = null;
    if (node instanceof ListNode list) {
      found = list.items().stream().filter(item -> !(item instanceof ScalarNode)).findFirst()
          .map(item -> item.describe() + " in the list").orElse(null);
    } else if (!(node instanceof ScalarNode)) {
      found = node.describe();
    }
    if (found != null) {
      violations.add(key, "expected a requirement key or a list of them, such as "
          + IdKind.REQUIREMENT.example() + " or [REQ-A, REQ-B], found " + found);
      return;
    }
    IdKind.REQUIREMENT.checkAll(key, keys(node), violations);
  }
}
