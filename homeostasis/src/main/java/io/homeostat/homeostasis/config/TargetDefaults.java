package io.homeostat.homeostasis.config;

import io.homeostat.core.config.ConfigKey;
import io.homeostat.core.config.Durations;
import io.homeostat.core.config.Validatable;
import java.time.Duration;

/**
 * What a target that does not say otherwise gets ({@code homeostasis.defaults}).
 *
 * @param window how far back a target looks
 * @param holdFor how long an alert condition holds before it fires, and is clear before it resolves
 * @param minSamples observations a window needs before it gives any verdict
 * @param lateness how much older than the window's start (or newer than now) a record's timestamp
 *     may be and still be stored; records beyond are counted as late or early
 * @param maxSeries series of one cumulative metric (counters, histograms) a target tracks at once
 */
public record TargetDefaults(Duration window, @ConfigKey("for") Duration holdFor, int minSamples,
    Duration lateness, int maxSeries) implements Validatable {

  /** Series a target tracks at most, whatever is configured: each costs a few hundred bytes. */
  static final int MAX_SERIES_LIMIT = 100_000;

  public static final TargetDefaults DEFAULT = new TargetDefaults(Duration.ofMinutes(5),
      Duration.ofMinutes(1), 10, Duration.ofSeconds(30), 1000);

  @Override
  public void validate(Violations violations) {
    positive("window", window, violations);
    notNegative("for", holdFor, violations);
    notNegative("lateness", lateness, violations);
    if (minSamples < 0) {
      violations.add("min_samples", "is " + minSamples + ": use 0 (any number gives a verdict) or more");
    }
    if (maxSeries < 1 || maxSeries > MAX_SERIES_LIMIT) {
      violations.add("max_series", "is " + maxSeries + ": use 1 to " + MAX_SERIES_LIMIT);
    }
  }

  static void positive(String key, Duration value, Violations violations) {
    if (value != null && (value.isNegative() || value.isZero())) {
      violations.add(key, "is " + Durations.format(value) + ": use a duration longer than zero, such as 5m");
    }
  }

  static void notNegative(String key, Duration value, Violations violations) {
    if (value != null && value.isNegative()) {
      violations.add(key, "is " + Durations.format(value) + ": use 0s or longer");
    }
  }
}
