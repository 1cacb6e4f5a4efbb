package io.homeostat.core.match;

import io.homeostat.core.config.Validatable;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which records a processor, a requirement rule or a homeostasis target applies to, with the OpenTelemetry Collector's
 * include/exclude properties. A record matches when every property that is set matches; a list
 * property matches when any of its entries does; {@code attributes} and {@code resources} match
 * when all of their entries do.
 *
 * @param matchType {@code strict} (equal strings) or {@code regexp} (the whole value matches)
 * @param services resource {@code service.name}
 * @param spanNames span names
 * @param spanKinds span kinds: {@code internal}, {@code server}, {@code client}, {@code producer},
 *     {@code consumer}
 * @param metricNames metric names
 * @param logBodies log bodies, as text
 * @param logSeverityTexts log severity texts
 * @param logSeverityNumberMin the lowest severity number of a log record that matches (0 = any);
 *     {@code 17} is ERROR
 * @param attributes the record's attributes (a data point's, for metrics); an entry without a
 *     value matches when the key is present
 * @param resources resource attributes, the same way
 * @param libraries instrumentation scope names
 */
public record MatchConfig(MatchType matchType, List<String> services, List<String> spanNames,
    List<String> spanKinds, List<String> metricNames, List<String> logBodies,
    List<String> logSeverityTexts, int logSeverityNumberMin, List<AttributeMatch> attributes,
    List<AttributeMatch> resources, List<String> libraries) implements Validatable {

  public enum MatchType { STRICT, REGEXP }

  /** One attribute to match: its key, and its value (null: any value). */
  public record AttributeMatch(String key, String value) implements Validatable {
    @Override
    public void validate(Violations violations) {
      if (key == null || key.isEmpty()) {
        violations.add("key", "is required: the attribute's name");
      }
    }
  }

  public static MatchConfig defaults() {
    return new MatchConfig(MatchType.STRICT, List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(), 0, List.of(), List.of(), List.of());
  }

  @Override
  public void validate(Violations violations) {
    boolean any = !services.isEmpty() || !spanNames.isEmpty() || !spanKinds.isEmpty()
        || !metricNames.isEmpty() || !logBodies.isEmpty() || !logSeverityTexts.isEmpty()
        || logSeverityNumberMin > 0 || !attributes.isEmpty() || !resources.isEmpty()
        || !libraries.isEmpty();
    if (!any) {
      violations.add("matches everything as written: set at least one of services, span_names, "
          + "span_kinds, metric_names, log_bodies, log_severity_texts, log_severity_number_min, "
          + "attributes, resources, libraries");
    }
    for (String kind : spanKinds) {
      if (RecordMatcher.spanKind(kind) == null) {
        violations.add("span_kinds", "unknown span kind '" + kind
            + "': use internal, server, client, producer or consumer");
      }
    }
    if (matchType == MatchType.REGEXP) {
      checkPatterns("services", services, violations);
      checkPatterns("span_names", spanNames, violations);
      checkPatterns("metric_names", metricNames, violations);
      checkPatterns("log_bodies", logBodies, violations);
      checkPatterns("log_severity_texts", logSeverityTexts, violations);
      checkPatterns("libraries", libraries, violations);
      checkPatterns("attributes", attributes.stream().map(AttributeMatch::value)
          .filter(v -> v != null).toList(), violations);
      checkPatterns("resources", resources.stream().map(AttributeMatch::value)
          .filter(v -> v != null).toList(), violations);
    }
  }

  private static void checkPatterns(String key, List<String> patterns, Violations violations) {
    for (String pattern : patterns) {
      try {
        Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        violations.add(key, "invalid regular expression '" + pattern + "': " + e.getDescription());
      }
    }
  }
}
