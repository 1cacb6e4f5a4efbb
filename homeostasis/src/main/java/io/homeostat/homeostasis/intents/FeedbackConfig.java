package io.homeostat.homeostasis.intents;

import io.homeostat.core.config.Durations;
import io.homeostat.core.config.Validatable;
import java.time.Duration;

/**
 * The top-level {@code feedback:} section: how errors are grouped into production issues, and
 * where the feedback intents made from issues and alerts go (docs/homeostasis/feedback.md).
 *
 * @param intents the intents' sinks
 * @param issueTtl an issue closes after this long without an occurrence
 * @param maxOpenIssues the most issues open at once; errors of a new kind past it are counted,
 *     not tracked
 * @param criticalBurst more occurrences than this within {@code criticalBurstWindow} make an
 *     issue critical; 0 turns the rule off
 * @param criticalBurstWindow the window of {@code criticalBurst}
 */
public record FeedbackConfig(IntentsConfig intents, Duration issueTtl, int maxOpenIssues,
    int criticalBurst, Duration criticalBurstWindow) implements Validatable {

  public static FeedbackConfig defaults() {
    return new FeedbackConfig(IntentsConfig.defaults(), Duration.ofHours(24), 1000, 100,
        Duration.ofMinutes(1));
  }

  @Override
  public void validate(Violations violations) {
    if (!positive(issueTtl)) {
      violations.add("issue_ttl", "must be positive, was " + Durations.format(issueTtl)
          + ": an issue closes after this long without an occurrence, such as 24h");
    }
    if (maxOpenIssues < 1) {
      violations.add("max_open_issues", "must be at least 1, was " + maxOpenIssues
          + ": the most issues tracked at once, such as 1000");
    }
    if (criticalBurst < 0) {
      violations.add("critical_burst", "must not be negative, was " + criticalBurst
          + ": write 0 to turn the rule off, or a count such as 100");
    }
    if (!positive(criticalBurstWindow)) {
      violations.add("critical_burst_window", "must be positive, was "
          + Durations.format(criticalBurstWindow) + ": such as 1m");
    }
  }

  static boolean positive(Duration duration) {
    return !duration.isNegative() && !duration.isZero();
  }
}
