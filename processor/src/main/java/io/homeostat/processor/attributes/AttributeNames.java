package io.homeostat.processor.attributes;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The attributes a {@code delete} or {@code hash} acts on: the one named {@code key}, and those
 * whose name the pattern finds (anywhere in the name, as Go's {@code MatchString} does in the
 * Collector). The matcher is reused from name to name, so checking costs no allocation.
 */
final class AttributeNames {

  private final String key;
  private final Matcher pattern;

  AttributeNames(String key, String pattern) {
    this.key = key;
    this.pattern = pattern == null ? null : Pattern.compile(pattern).matcher("");
  }

  boolean selects(String name) {
    return name.equals(key) || (pattern != null && pattern.reset(name).find());
  }
}
