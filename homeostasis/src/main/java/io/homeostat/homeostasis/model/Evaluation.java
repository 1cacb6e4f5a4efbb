package io.homeostat.homeostasis.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One target evaluated at one instant: what DESIGN.md's alert payload and the admin API report.
 *
 * @param metric what is measured, as the target names it (a metric, {@code span: NAME}, ...)
 * @param alertThreshold for distributions, the fraction of good events below which it alerts; for
 *     single values, the value it alerts at; null when the target itself is the threshold
 * @param actual the observed value (for distributions, the quantile at {@code alertThreshold});
 *     NaN when there is no data
 * @param compliance good events / all events in the window; NaN for single values
 * @param samples observations in the window
 * @param deviationPercent {@code |actual - target| / |target| * 100}
 * @param severity {@code critical} or {@code warning}, or what the target names
 * @param exemplars up to 5 records that violated the target
 * @param errorBudgetRemaining in SLO mode, the fraction of the period's error budget left; null otherwise
 * @param noData true when the target's telemetry stopped (and it notifies on that)
 */
public record Evaluation(
    TargetKey key,
    String metric,
    double target,
    Operator operator,
    Double alertThreshold,
    double actual,
    double compliance,
    long samples,
    double deviationPercent,
    String severity,
    Duration window,
    String description,
    List<Exemplar> exemplars,
    TargetState state,
    Instant evaluatedAt,
    Double errorBudgetRemaining,
    boolean noData) {

  public Evaluation {
    exemplars = List.copyOf(exemplars);
  }
}
