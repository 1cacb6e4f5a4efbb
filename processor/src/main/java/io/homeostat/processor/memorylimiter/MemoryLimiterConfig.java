package io.homeostat.processor.memorylimiter;

import io.homeostat.core.config.Durations;
import io.homeostat.core.config.Validatable;
import java.time.Duration;

/**
 * The {@code memory_limiter} processor's config, with the Collector memory limiter's keys. The
 * limits are set either in MiB or as a percentage of the JVM's maximum heap ({@code -Xmx}).
 *
 * @param checkInterval how often heap usage is measured
 * @param limitMib the hard limit in MiB of used heap
 * @param spikeLimitMib the headroom below the hard limit kept for spikes between checks: data is
 *     refused above {@code limit_mib - spike_limit_mib}; 0 for 20 % of the limit
 * @param limitPercentage the hard limit as a percentage of the maximum heap
 * @param spikeLimitPercentage the headroom as a percentage of the maximum heap; 0 for 20 % of
 *     the limit
 * @param minGcIntervalWhenSoftLimited the least time between two collections the limiter requests
 *     while used heap is above the soft limit
 * @param minGcIntervalWhenHardLimited the same above the hard limit
 */
public record MemoryLimiterConfig(Duration checkInterval, long limitMib, long spikeLimitMib,
    int limitPercentage, int spikeLimitPercentage, Duration minGcIntervalWhenSoftLimited,
    Duration minGcIntervalWhenHardLimited) implements Validatable {

  /** The Collector's defaults: a collection at most every 10 s soft-limited, at every check hard. */
  static final MemoryLimiterConfig DEFAULT = new MemoryLimiterConfig(Duration.ofSeconds(1), 0, 0,
      0, 0, Duration.ofSeconds(10), Duration.ZERO);

  @Override
  public void validate(Violations violations) {
    if (checkInterval.isNegative() || checkInterval.isZero()) {
      violations.add("check_interval", "must be positive, was " + Durations.format(checkInterval)
          + ": how often heap usage is measured, such as 1s");
    }
    if (minGcIntervalWhenSoftLimited.isNegative()) {
      violations.add("min_gc_interval_when_soft_limited", "must not be negative, was "
          + Durations.format(minGcIntervalWhenSoftLimited) + ": such as 10s");
    }
    if (minGcIntervalWhenHardLimited.isNegative()) {
      violations.add("min_gc_interval_when_hard_limited", "must not be negative, was "
          + Durations.format(minGcIntervalWhenHardLimited) + ": such as 0s");
    }
    if (limitMib < 0) {
      violations.add("limit_mib", "must not be negative, was " + limitMib
          + ": the hard limit of used heap in MiB, such as 1500");
    }
    if (spikeLimitMib < 0) {
      violations.add("spike_limit_mib", "must not be negative, was " + spikeLimitMib
          + ": the headroom below limit_mib, such as 300");
    }
    if (limitPercentage < 0 || limitPercentage > 100) {
      violations.add("limit_percentage", "must be between 1 and 100, was " + limitPercentage
          + ": the hard limit as a percentage of the maximum heap, such as 80");
    }
    if (spikeLimitPercentage < 0 || spikeLimitPercentage > 100) {
      violations.add("spike_limit_percentage", "must be between 0 and 100, was "
          + spikeLimitPercentage + ": the headroom as a percentage of the maximum heap, such as 20");
    }
    if (limitMib > 0 && limitPercentage > 0) {
      violations.add("set limit_mib or limit_percentage, not both (limit_mib is " + limitMib
          + ", limit_percentage is " + limitPercentage + ")");
    } else if (limitMib == 0 && limitPercentage == 0) {
      violations.add("set limit_mib (such as 1500) or limit_percentage (such as 80 for 80 % of the"
          + " maximum heap): the memory limiter has no limit");
    } else if (limitMib > 0 && spikeLimitMib >= limitMib) {
      violations.add("spike_limit_mib", "must be less than limit_mib (" + limitMib + "), was "
          + spikeLimitMib + ": data is refused above limit_mib - spike_limit_mib");
    } else if (limitPercentage > 0 && spikeLimitPercentage >= limitPercentage) {
      violations.add("spike_limit_percentage", "must be less than limit_percentage ("
          + limitPercentage + "), was " + spikeLimitPercentage
          + ": data is refused above limit_percentage - spike_limit_percentage");
    }
    if (limitMib > 0 && spikeLimitPercentage > 0) {
      violations.add("spike_limit_percentage", "goes with limit_percentage; with limit_mib, set"
          + " spike_limit_mib instead");
    }
    if (limitPercentage > 0 && spikeLimitMib > 0) {
      violations.add("spike_limit_mib", "goes with limit_mib; with limit_percentage, set"
          + " spike_limit_percentage instead");
    }
  }

  /** The limits in bytes, for a JVM whose heap may grow to {@code maxHeap} bytes. */
  HeapLimits limits(long maxHeap) {
    long hard = limitMib > 0 ? mebibytes(limitMib) : maxHeap / 100 * limitPercentage;
    long spike = limitMib > 0 ? mebibytes(spikeLimitMib) : maxHeap / 100 * spikeLimitPercentage;
    return new HeapLimits(hard, hard - (spike == 0 ? hard / 5 : spike));
  }

  /** The least time between two collections the limiter requests. */
  GcIntervals gcIntervals() {
    return new GcIntervals(minGcIntervalWhenSoftLimited, minGcIntervalWhenHardLimited);
  }

  /** Saturates instead of overflowing: no heap is that large anyway. */
  private static long mebibytes(long mib) {
    return Math.min(mib, Long.MAX_VALUE >> 20) << 20;
  }
}
