package io.homeostat.core.req;

import io.homeostat.core.config.Validatable.Violations;
import java.util.List;
import java.util.regex.Pattern;

/** The ids a catalog refers to, each a prefix and upper-case parts joined by '-', as requirement keys are. */
enum IdKind {
  REQUIREMENT("a requirement key", "REQ", "REQ-F-AUTH-001"),
  INTENT("an intent id", "INT", "INT-100"),
  DESIGN("a design decision id", "ADR", "ADR-001"),
  BUSINESS_RULE("a business rule id", "BR", "BR-001"),
  CONSTRAINT("a constraint id", "C", "C-001");

  private final String noun;
  private final String prefix;
  private final String example;
  private final Pattern pattern;

  IdKind(String noun, String prefix, String example) {
    this.noun = noun;
    this.prefix = prefix;
    this.example = example;
    this.pattern = prefix.equals("REQ") ? ReqKeys.DEFAULT_PATTERN
        : Pattern.compile("^" + prefix + "-[A-Z0-9]+(-[A-Z0-9]+)*$");
  }

  String example() {
    return example;
  }

  /** Reports {@code value}, written at {@code key}, unless it is an id of this kind. */
  void check(String key, String value, Violations violations) {
    if (!pattern.matcher(value).matches()) {
      violations.add(key, "'" + value + "' is not " + noun + ": write " + prefix
          + "- and upper-case letters or digits, in parts joined by '-', such as " + example);
    }
  }

  void checkAll(String key, List<String> values, Violations violations) {
    for (String value : values) {
      check(key, value, violations);
    }
  }
}
