package io.homeostat.core.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The waits between retries of one {@link RetryConfig}, computed as the Collector's backoff
 * library does: the un-spread interval starts at {@code initial_interval} and is multiplied by
 * {@code multiplier} after each retry up to {@code max_interval}; each wait is drawn uniformly
 * from interval × [1 − factor, 1 + factor]. A delay the server asked for (gRPC {@code RetryInfo},
 * HTTP {@code Retry-After}) wins when it is longer.
 *
 * <p>Pure and thread-safe: the caller keeps the attempt number and the start time.
 */
public final class Backoff {

  private final RetryConfig config;
  private final DoubleSupplier random;

  /** Spreads waits with {@link ThreadLocalRandom}. */
  public Backoff(RetryConfig config) {
    this(config, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** @param random returns values in [0, 1); tests pass a fixed one */
  public Backoff(RetryConfig config, DoubleSupplier random) {
    this.config = config;
    this.random = random;
  }

  public RetryConfig config() {
    return config;
  }

  /**
   * The wait before retry number {@code retry} (0 for the first retry).
   *
   * @param serverDelay what the server asked for; {@link Duration#ZERO} or null when it did not
   */
  public Duration nextDelay(int retry, Duration serverDelay) {
    double initial = config.initialInterval().toNanos();
    double max = config.maxInterval().toNanos();
    // Grows step by step like the Go library, so that the cap applies before the spread.
    double interval = initial;
    for (int i = 0; i < retry && interval < max; i++) {
      interval = Math.min(interval * config.multiplier(), max);
    }
    double factor = config.randomizationFactor();
    double spread = interval * (1 - factor + 2 * factor * random.getAsDouble());
    Duration delay = Duration.ofNanos((long) Math.min(spread, Long.MAX_VALUE));
    return serverDelay != null && serverDelay.compareTo(delay) > 0 ? serverDelay : delay;
  }

  /**
   * True when a retry after {@code delay} still fits in {@code max_elapsed_time}, counted from the
   * first attempt ({@code elapsed} ago).
   */
  public boolean allows(Duration elapsed, Duration delay) {
    return config.enabled()
        && (config.retriesForever() || elapsed.plus(delay).compareTo(config.maxElapsedTime()) <= 0);
  }
}
