package io.homeostat.core.retry;

import io.homeostat.core.config.Durations;
import io.homeostat.core.config.Validatable;
import java.time.Duration;

/**
 * When and how often a failed delivery is tried again: the OpenTelemetry Collector's
 * {@code retry_on_failure} section, with its keys and defaults.
 *
 * <p>The n-th retry waits about {@code initial_interval × multiplier^n}, capped at
 * {@code max_interval} and spread by ± {@code randomization_factor} so that many senders that
 * failed together do not come back together (see {@link Backoff}). Retrying stops once the next
 * wait would end more than {@code max_elapsed_time} after the first attempt; zero retries forever.
 */
public record RetryConfig(boolean enabled, Duration initialInterval, double randomizationFactor,
    double multiplier, Duration maxInterval, Duration maxElapsedTime) implements Validatable {

  /** The Collector's defaults: 5s, ± 50 %, × 1.5, at most 30s apart, give up after 5m. */
  public static final RetryConfig DEFAULT = new RetryConfig(true, Duration.ofSeconds(5), 0.5, 1.5,
      Duration.ofSeconds(30), Duration.ofMinutes(5));

  /** No retries: a failed attempt is final. */
  public static final RetryConfig DISABLED = new RetryConfig(false, DEFAULT.initialInterval,
      DEFAULT.randomizationFactor, DEFAULT.multiplier, DEFAULT.maxInterval, DEFAULT.maxElapsedTime);

  public static RetryConfig defaults() {
    return DEFAULT;
  }

  /** True when {@code max_elapsed_time} is zero: retry until the delivery succeeds. */
  public boolean retriesForever() {
    return maxElapsedTime.isZero();
  }

  @Override
  public void validate(Violations violations) {
    if (initialInterval.isNegative() || initialInterval.isZero()) {
      violations.add("initial_interval", "must be positive, was "
          + Durations.format(initialInterval)
          + ": it is the wait before the first retry, such as 5s");
    }
    if (!(randomizationFactor >= 0 && randomizationFactor <= 1)) {
      violations.add("randomization_factor", "must be between 0 and 1, was " + randomizationFactor
          + ": 0.5 spreads each wait over ± 50 %");
    }
    if (!(multiplier >= 1)) {
      violations.add("multiplier", "must be at least 1, was " + multiplier
          + ": each wait is the previous one times this, such as 1.5");
    }
    if (maxInterval.compareTo(initialInterval) < 0) {
      violations.add("max_interval", "must not be less than initial_interval ("
          + Durations.format(initialInterval) + "), was " + Durations.format(maxInterval));
    }
    if (maxElapsedTime.isNegative()) {
      violations.add("max_elapsed_time", "must not be negative, was "
          + Durations.format(maxElapsedTime)
          + ": write 0 to retry forever, or a duration such as 5m");
    } else if (!maxElapsedTime.isZero() && maxElapsedTime.compareTo(initialInterval) < 0) {
      violations.add("max_elapsed_time", "must not be less than initial_interval ("
          + Durations.format(initialInterval) + "), was " + Durations.format(maxElapsedTime)
          + ": write 0 to retry forever");
    }
  }
}
