package io.homeostat.homeostasis.target;

import java.time.Duration;

/**
 * SLO mode: {@code objective} percent of events must be good over {@code period}. Alerts come from
 * how fast the error budget burns (multi-window, multi-burn-rate), not from the target's window.
 *
 * @param objective such as 99.9
 * @param period such as 30 days
 */
public record Slo(double objective, Duration period) {

  /** The fraction of events allowed to be bad: {@code 1 - objective / 100}. */
  public double errorBudget() {
    return 1 - objective / 100;
  }
}
