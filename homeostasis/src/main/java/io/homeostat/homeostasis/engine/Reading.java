package io.homeostat.homeostasis.engine;

import io.homeostat.homeostasis.model.Operator;
import io.homeostat.homeostasis.target.TargetSpec;
import java.time.Duration;

/**
 * What a target's measure shows at one evaluation, before the alert state machine sees it.
 *
 * @param actual the measured value; NaN without data
 * @param compliance good / all observations, for measures that count them; NaN otherwise
 * @param samples observations the verdict rests on
 * @param verdict enough samples to judge at all
 * @param missed the target is missed (a single value on the wrong side of its target)
 * @param condition the alert condition holds
 * @param window the span the reading covers
 * @param severity what the measure says the severity is (SLO mode: page or ticket); null: by the
 *     deviation
 * @param errorBudgetRemaining SLO mode only, else null
 */
record Reading(double actual, double compliance, long samples, boolean verdict, boolean missed,
    boolean condition, Duration window, String severity, Double errorBudgetRemaining) {

  /**
   * A single value (a gauge's mean, a ratio, a rate): missed when {@code actual <op> target} is
   * false; the alert condition is the same test against {@code alert_threshold} when the target
   * has one, else against the target.
   */
  static Reading single(TargetSpec spec, double actual, double compliance, long samples) {
    Operator operator = spec.operator();
    boolean missed = !operator.holds(actual, spec.target());
    boolean condition = spec.alertThreshold() != null
        ? !operator.holds(actual, spec.alertThreshold()) : missed;
    return new Reading(actual, compliance, samples, samples >= spec.minSamples(), missed, condition,
        spec.window(), null, null);
  }
}
