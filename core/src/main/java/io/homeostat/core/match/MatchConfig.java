package io.homeostat.core.match;

import io.homeostat.core.config.Validatable;
import io.homeostat.core.pipeline.Signal;
import java.util.ArrayList;
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
 * @param spanStatuses span status codes: {@code unset}, {@code ok}, {@code error}
 * @param metricNames metric names
 * @param logBodies log bodies, as text
 * @param logSeverityTexts log severity texts
 * @param logSeverityNumberMin the lowest severity number of a log record that matches (0 = any);
 *     {@code 17} is ERROR
 * @param logSeverityNumberMax the highest severity number of a log record that matches (0 = any);
 *     {@code 8} is DEBUG4. A record without a severity number is outside every range.
 * @param attributes the record's attributes (a data point's, for metrics); an entry without a
 *     value matches when the key is present
 * @param resources resource attributes, the same way
 * @param libraries instrumentation scope names
 */
public record MatchConfig(MatchType matchType, List<String> services, List<String> spanNames,
    List<String> spanKinds, List<String> spanStatuses, List<String> metricNames,
    List<String> logBodies, List<String> logSeverityTexts, int logSeverityNumberMin,
    int logSeverityNumberMax, List<AttributeMatch> attributes, List<AttributeMatch> resources,
    List<String> libraries) implements Validatable {

  /** The highest OTLP severity number, FATAL4. */
  static final int MAX_SEVERITY_NUMBER = 24;

  /** Without the span status and the upper severity bound, for configs written before them. */
  public MatchConfig(MatchType matchType, List<String> services, List<String> spanNames,
      List<String> spanKinds, List<String> metricNames, List<String> logBodies,
      List<String> logSeverityTexts, int logSeverityNumberMin, List<AttributeMatch> attributes,
      List<AttributeMatch> resources, List<String> libraries) {
    this(matchType, services, spanNames, spanKinds, List.of(), metricNames, logBodies,
        logSeverityTexts, logSeverityNumberMin, 0, attributes, resources, libraries);
  }

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
        List.of(), List.of(), 0, 0, List.of(), List.of(), List.of());
  }

  /**
   * The keys set here that say nothing about {@code signal}'s records (span names, for logs). A
   * property that does not apply never excludes a record, so a selection that relies on one would
   * take every record of that signal: callers that know the signal report these keys.
   */
  public List<String> keysNotFor(Signal signal) {
    List<String> keys = new ArrayList<>();
    if (signal != Signal.TRACES) {
      addIf(keys, "span_names", !spanNames.isEmpty());
      addIf(keys, "span_kinds", !spanKinds.isEmpty());
      addIf(keys, "span_statuses", !spanStatuses.isEmpty());
    }
    if (signal != Signal.METRICS) {
      addIf(keys, "metric_names", !metricNames.isEmpty());
    }
    if (signal != Signal.LOGS) {
      addIf(keys, "log_bodies", !logBodies.isEmpty());
      addIf(keys, "log_severity_texts", !logSeverityTexts.isEmpty());
      addIf(keys, "log_severity_number_min", logSeverityNumberMin > 0);
      addIf(keys, "log_severity_number_max", logSeverityNumberMax > 0);
    }
    return keys;
  }

  private static void addIf(List<String> keys, String key, boolean set) {
    if (set) {
      keys.add(key);
    }
  }

  @Override
  public void validate(Violations violations) {
    boolean any = !services.isEmpty() || !spanNames.isEmpty() || !spanKinds.isEmpty()
        || !spanStatuses.isEmpty() || !metricNames.isEmpty() || !logBodies.isEmpty()
        || !logSeverityTexts.isEmpty() || logSeverityNumberMin > 0 || logSeverityNumberMax > 0
        || !attributes.isEmpty() || !resources.isEmpty() || !libraries.isEmpty();
    if (!any) {
      violations.add("matches everything as written: set at least one of services, span_names, "
          + "span_kinds, span_statuses, metric_names, log_bodies, log_severity_texts, "
          + "log_severity_number_min, log_severity_number_max, attributes, resources, libraries");
    }
    for (String kind : spanKinds) {
      if (RecordMatcher.spanKind(kind) == null) {
        violations.add("span_kinds", "unknown span kind '" + kind
            + "': use internal, server, client, producer or consumer");
      }
    }
    for (String status : spanStatuses) {
      if (RecordMatcher.spanStatus(status) == null) {
        violations.add("span_statuses", "unknown span status '" + status + "': use unset, ok or error");
      }
    }
    checkSeverity("log_severity_number_min", logSeverityNumberMin, violations);
    checkSeverity("log_severity_number_max", logSeverityNumberMax, violations);
    if (logSeverityNumberMax > 0 && logSeverityNumberMax < logSeverityNumberMin) {
      violations.add("log_severity_number_max", "is " + logSeverityNumberMax
          + ", below log_severity_number_min " + logSeverityNumberMin
          + ", so no record can match: swap them or drop one");
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

  private static void checkSeverity(String key, int number, Violations violations) {
    if (number < 0 || number > MAX_SEVERITY_NUMBER) {
      violations.add(key, "severity number " + number + " is out of range: use 1 (TRACE) to "
          + MAX_SEVERITY_NUMBER + " (FATAL4), 9 is INFO and 17 is ERROR; 0 leaves it unset");
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
