package io.homeostat.homeostasis.config;

import io.homeostat.core.config.ConfigKey;
import io.homeostat.core.config.Durations;
import io.homeostat.core.config.Location;
import io.homeostat.core.config.Validatable;
import io.homeostat.core.match.MatchConfig;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.homeostasis.model.Operator;
import io.homeostat.homeostasis.target.LogSeverity;
import io.homeostat.homeostasis.target.Slo;
import io.homeostat.homeostasis.target.Source;
import io.homeostat.homeostasis.target.TargetSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One target as written, in the seed format ({@code metric}, {@code target}, {@code operator},
 * {@code alert_threshold}) or the richer one. Keys left out are null and take their defaults in
 * {@link #resolve}.
 *
 * <p>Not {@link Validatable} itself: {@link TargetSpecs} calls {@link #validate} once binding is
 * done, so that a value the binder could not read is not reported again as missing.
 */
record TargetConfig(String name, String metric, String span, ErrorRateConfig errorRate,
    LogsConfig logs, RatioConfig ratio, Double target, Operator operator, Double alertThreshold,
    Duration window, @ConfigKey("for") Duration holdFor, String severity, String description,
    Duration notifyNoData, MatchConfig match, Integer minSamples, Boolean requirementOnly,
    Double objective, Duration period) {

  /** The slowest burn-rate alert of SLO mode looks back this far, so a period is at least as long. */
  static final Duration SHORTEST_PERIOD = Duration.ofDays(3);
  private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

  static TargetConfig defaults() {
    return new TargetConfig(null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null);
  }

  /** Reports every way the target as written cannot work. */
  void validate(Validatable.Violations violations) {
    List<String> sources = sources();
    if (sources.isEmpty()) {
      violations.add("has no source: set one of metric, span, error_rate, logs or ratio");
      return;
    }
    if (sources.size() > 1) {
      violations.add(sources.get(1), "a target measures one source, and this one also sets "
          + sources.get(0) + ": split it into two targets");
      return;
    }
    if (name != null && name.isBlank()) {
      violations.add("name", "is empty: name the target, or leave name out to use its "
          + "metric or span name");
    }
    if (ratio != null && name == null) {
      violations.add("ratio", "needs a name for the target: set name, such as login_success_rate");
    }
    checkTarget(violations);
    checkSlo(violations);
    TargetDefaults.positive("window", window, violations);
    TargetDefaults.notNegative("for", holdFor, violations);
    TargetDefaults.positive("notify_no_data", notifyNoData, violations);
    if (minSamples != null && minSamples < 0) {
      violations.add("min_samples", "is " + minSamples + ": use 0 (any number gives a verdict) or more");
    }
    if (severity != null && !SEVERITIES.contains(severity)) {
      violations.add("severity", "unknown severity '" + severity + "': use critical, warning or info");
    }
    if (match != null) {
      Signal signal = signal();
      for (String key : match.keysNotFor(signal)) {
        violations.add("match." + key, "says nothing about " + records(signal)
            + " and would match every one: this target reads " + records(signal));
      }
    }
  }

  private void checkTarget(Validatable.Violations violations) {
    boolean slo = objective != null || period != null;
    boolean eventCounts = errorRate != null || ratio != null;
    if (slo && eventCounts) {
      if (target != null) {
        violations.add("target", "has no meaning for " + sources().get(0) + " in SLO mode: the "
            + "objective is the target; remove it");
      }
      if (operator != null) {
        violations.add("operator", "has no meaning for " + sources().get(0) + " in SLO mode: the "
            + "objective is the target; remove it");
      }
    } else {
      if (target == null) {
        violations.add("target", "is required: the value the " + sources().get(0) + " is held to, "
            + "such as 500 with operator lt");
      }
      if (operator == null) {
        violations.add("operator", "is required: lt, lte, gt, gte or eq (actual <op> target)");
      }
    }
    if (span != null && operator == Operator.EQ) {
      violations.add("operator", "eq: a span's duration is never exactly a value: use lt, lte, gt or gte");
    }
    if (alertThreshold == null) {
      if (span != null && !slo) {
        violations.add("alert_threshold", "is required for span durations: the fraction of spans "
            + "that must be good, such as 0.95 (alert when more than 5 % are not)");
      }
      return;
    }
    if (slo) {
      violations.add("alert_threshold", "does not apply in SLO mode: the burn rates decide when it "
          + "alerts; remove it");
    } else if (span != null && (alertThreshold <= 0 || alertThreshold > 1)) {
      violations.add("alert_threshold", "is " + alertThreshold + ": for span durations it is the "
          + "fraction of spans that must be good, above 0 and at most 1, such as 0.95");
    } else if (metric == null && span == null && target != null && operator != null) {
      checkThresholdSide(violations);
    }
  }

  /** A single value's threshold lies beyond its target, where the value goes when it drifts. */
  private void checkThresholdSide(Validatable.Violations violations) {
    boolean lowerIsBetter = operator == Operator.LT || operator == Operator.LTE;
    boolean higherIsBetter = operator == Operator.GT || operator == Operator.GTE;
    if (lowerIsBetter && alertThreshold < target) {
      violations.add("alert_threshold", "is " + alertThreshold + ", below the target " + target
          + ", so it would alert while the target is still met: for " + operator.configName()
          + ", set it at or above the target");
    } else if (higherIsBetter && alertThreshold > target) {
      violations.add("alert_threshold", "is " + alertThreshold + ", above the target " + target
          + ", so it would alert while the target is still met: for " + operator.configName()
          + ", set it at or below the target");
    }
  }

  private void checkSlo(Validatable.Violations violations) {
    if (objective == null && period == null) {
      return;
    }
    if (objective == null) {
      violations.add("period", "needs objective, the percentage of good events, such as 99.9");
    } else if (objective <= 0 || objective >= 100) {
      violations.add("objective", "is " + objective + ": use a percentage above 0 and below 100, "
          + "such as 99.9");
    }
    if (period == null) {
      violations.add("objective", "needs period, the SLO's period, such as 30d");
    } else if (period.compareTo(SHORTEST_PERIOD) < 0) {
      violations.add("period", "is " + Durations.format(period) + ": SLO mode's slowest alert "
          + "looks back 3d, so use 3d or longer, such as 30d");
    }
    if (logs != null) {
      violations.add("logs", "counts records, not good and bad events, so it has no SLO mode: use "
          + "error_rate or ratio, or remove objective and period");
    }
  }

  private List<String> sources() {
    List<String> set = new ArrayList<>(1);
    if (metric != null) {
      set.add("metric");
    }
    if (span != null) {
      set.add("span");
    }
    if (errorRate != null) {
      set.add("error_rate");
    }
    if (logs != null) {
      set.add("logs");
    }
    if (ratio != null) {
      set.add("ratio");
    }
    return set;
  }

  private Signal signal() {
    return source().signal();
  }

  private static String records(Signal signal) {
    return switch (signal) {
      case TRACES -> "spans";
      case METRICS -> "metric points";
      case LOGS -> "log records";
    };
  }

  /** The source of a validated target. */
  Source source() {
    if (metric != null) {
      return new Source.Metric(metric);
    }
    if (span != null) {
      return new Source.Span(span);
    }
    if (errorRate != null) {
      return new Source.ErrorRate(errorRate.span());
    }
    if (logs != null) {
      return new Source.Logs(LogSeverity.parse(logs.severityMin()));
    }
    return new Source.Ratio(ratio.good().selector(), ratio.total().selector());
  }

  /** The target of a validated config, with {@code defaults} where it says nothing. */
  TargetSpec resolve(String requirement, TargetDefaults defaults, Location location) {
    Source source = source();
    Slo slo = objective == null ? null : new Slo(objective, period);
    return new TargetSpec(requirement, name != null ? name : defaultName(source), source,
        target == null ? Double.NaN : target, operator, alertThreshold,
        window != null ? window : defaults.window(), holdFor != null ? holdFor : defaults.holdFor(),
        severity, description, notifyNoData, match,
        minSamples != null ? minSamples : defaults.minSamples(),
        requirementOnly == null || requirementOnly, slo, defaults.lateness(), defaults.maxSeries(),
        location);
  }

  private static String defaultName(Source source) {
    if (source instanceof Source.Metric metric) {
      return metric.name();
    }
    if (source instanceof Source.Span span) {
      return span.name();
    }
    if (source instanceof Source.Logs logs) {
      return logs.severityMin().name().toLowerCase(Locale.ROOT) + "_logs";
    }
    return "error_rate";
  }
}
