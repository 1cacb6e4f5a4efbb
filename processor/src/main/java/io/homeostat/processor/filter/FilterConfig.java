package io.homeostat.processor.filter;

import io.homeostat.core.config.Validatable;
import io.homeostat.core.match.MatchConfig;
import io.homeostat.core.pipeline.Signal;

/**
 * The {@code filter} processor's config, in the OpenTelemetry Collector's include/exclude form:
 * one section per signal. A pipeline whose signal has no section passes everything on.
 *
 * @param spans which spans to keep
 * @param metrics which metric data points to keep: a metric left without points is dropped
 * @param logs which log records to keep
 */
public record FilterConfig(SignalFilter spans, SignalFilter metrics, SignalFilter logs)
    implements Validatable {

  static final FilterConfig DEFAULT = new FilterConfig(null, null, null);

  /** The section for {@code signal}'s pipelines, or null. */
  SignalFilter of(Signal signal) {
    return switch (signal) {
      case TRACES -> spans;
      case METRICS -> metrics;
      case LOGS -> logs;
    };
  }

  @Override
  public void validate(Violations violations) {
    if (spans == null && metrics == null && logs == null) {
      violations.add("filters nothing as written: set spans, metrics or logs, each with include,"
          + " exclude or both");
    }
    for (Signal signal : Signal.values()) {
      SignalFilter filter = of(signal);
      if (filter != null) {
        checkFits(signal, "include", filter.include(), violations);
        checkFits(signal, "exclude", filter.exclude(), violations);
      }
    }
  }

  /** A key that says nothing about the section's records would match all of them. */
  private static void checkFits(Signal signal, String part, MatchConfig match, Violations violations) {
    if (match == null) {
      return;
    }
    String section = section(signal);
    for (String key : match.keysNotFor(signal)) {
      violations.add(section + "." + part + "." + key, "says nothing about "
          + signal.itemName().replace('_', ' ') + " and would match every one: move it under "
          + (key.startsWith("span_") ? "spans" : key.startsWith("metric_") ? "metrics" : "logs"));
    }
  }

  private static String section(Signal signal) {
    return switch (signal) {
      case TRACES -> "spans";
      case METRICS -> "metrics";
      case LOGS -> "logs";
    };
  }
}
