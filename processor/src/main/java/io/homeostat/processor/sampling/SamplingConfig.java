package io.homeostat.processor.sampling;

import io.homeostat.core.config.Durations;
import io.homeostat.core.config.Validatable;
import java.time.Duration;
import java.util.List;

/**
 * The {@code sampling} processor's config.
 *
 * @param mode {@code head} decides each span and log record on arrival from its trace id;
 *     {@code tail} holds a trace's spans for {@code decision_wait} and decides on the whole trace
 * @param ratio the share of traces kept by the consistent probability rule, from 0 to 1
 * @param keepErrors keep every span and log record of a trace that has an error
 * @param decisionWait (tail) how long a trace is held after its first span arrived
 * @param latencyThreshold (tail) keep traces that last longer; zero turns the policy off
 * @param alwaysKeepRequirements (tail) keep traces with a span whose {@code req} names one of these
 * @param numTraces (tail) the most traces held at once; past it the oldest are decided early
 * @param maxSpans (tail) the most spans (or, in a logs pipeline, log records) held at once
 * @param errorCacheSize how many error traces are remembered, so that their later spans are kept
 * @param errorCacheTtl how long an error trace is remembered
 */
public record SamplingConfig(Mode mode, double ratio, boolean keepErrors, Duration decisionWait,
    Duration latencyThreshold, List<String> alwaysKeepRequirements, int numTraces, int maxSpans,
    int errorCacheSize, Duration errorCacheTtl) implements Validatable {

  static final SamplingConfig DEFAULT = new SamplingConfig(Mode.HEAD, 1.0, false,
      Duration.ofSeconds(10), Duration.ZERO, List.of(), 50_000, 100_000, 10_000,
      Duration.ofMinutes(1));

  /** The upper bound of the counts, which size tables allocated up front. */
  static final int MAX_COUNT = 10_000_000;

  /** When the decision is made. */
  public enum Mode { HEAD, TAIL }

  @Override
  public void validate(Violations violations) {
    if (!(ratio >= 0 && ratio <= 1)) {
      violations.add("ratio", "must be between 0 and 1, was " + ratio
          + ": the share of traces kept, such as 0.1 for 10 %");
    }
    if (!positive(decisionWait)) {
      violations.add("decision_wait", "must be positive, was " + Durations.format(decisionWait)
          + ": how long a trace's spans are held before the trace is decided, such as 10s");
    }
    if (latencyThreshold.isNegative()) {
      violations.add("latency_threshold", "must not be negative, was "
          + Durations.format(latencyThreshold)
          + ": traces lasting longer are kept, such as 2s (0 turns the policy off)");
    }
    for (int i = 0; i < alwaysKeepRequirements.size(); i++) {
      String key = alwaysKeepRequirements.get(i);
      if (key == null || key.isBlank()) {
        violations.add("always_keep_requirements", "item " + i
            + " is empty: list requirement keys, such as [REQ-F-PAY-001]");
      }
    }
    if (mode == Mode.HEAD && positive(latencyThreshold)) {
      violations.add("latency_threshold", "needs mode: tail (a trace's duration is only known once"
          + " all its spans were seen); set mode: tail or remove latency_threshold");
    }
    if (mode == Mode.HEAD && !alwaysKeepRequirements.isEmpty()) {
      violations.add("always_keep_requirements", "needs mode: tail (head sampling decides each"
          + " span alone, which would keep parts of traces); set mode: tail or remove"
          + " always_keep_requirements");
    }
    inRange(violations, "num_traces", numTraces, "the most traces held at once, such as 50000");
    inRange(violations, "max_spans", maxSpans, "the most spans held at once, such as 100000");
    inRange(violations, "error_cache_size", errorCacheSize,
        "how many error traces are remembered, such as 10000");
    if (!positive(errorCacheTtl)) {
      violations.add("error_cache_ttl", "must be positive, was " + Durations.format(errorCacheTtl)
          + ": how long an error trace is remembered, such as 1m");
    }
  }

  private static boolean positive(Duration duration) {
    return !duration.isNegative() && !duration.isZero();
  }

  private static void inRange(Violations violations, String key, int value, String meaning) {
    if (value < 1 || value > MAX_COUNT) {
      violations.add(key, "must be between 1 and " + MAX_COUNT + ", was " + value + ": " + meaning);
    }
  }
}
