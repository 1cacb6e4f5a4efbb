package io.homeostat.homeostasis.intents;

import io.homeostat.core.config.Durations;
import io.homeostat.homeostasis.model.Evaluation;
import io.homeostat.homeostasis.model.ProductionIssue;

/** What an intent says happened, in words a person acts on. */
final class Descriptions {

  private Descriptions() {}

  /**
   * For a distribution: {@code p95 of login_latency_ms is 750 ms against a target of < 500 ms:
   * 81 % of 1240 samples over 5m met it, where at least 95 % must (REQ-NFR-PERF-001).}
   * For a single value: {@code login_success_rate is 0.97 against a target of >= 0.99, alerting
   * at 0.98, over 5m (1200 samples) (REQ-F-AUTH-001).}
   */
  static String of(Evaluation e) {
    String unit = Numbers.unitOf(e.metric());
    String window = Durations.format(e.window());
    String target = e.operator().symbol() + " " + Numbers.format(e.target()) + unit;
    StringBuilder text = new StringBuilder();
    if (e.noData()) {
      text.append("no telemetry for ").append(e.metric()).append(" over the last ").append(window)
          .append(": the target of ").append(target).append(" cannot be checked");
    } else if (!Double.isNaN(e.compliance())) {
      String quantile = e.alertThreshold() == null ? ""
          : "p" + Numbers.format(e.alertThreshold() * 100) + " of ";
      text.append(quantile).append(e.metric()).append(" is ").append(Numbers.format(e.actual()))
          .append(unit).append(" against a target of ").append(target).append(": ")
          .append(Numbers.percent(e.compliance())).append(" of ").append(e.samples())
          .append(" samples over ").append(window).append(" met it");
      if (e.alertThreshold() != null) {
        text.append(", where at least ").append(Numbers.percent(e.alertThreshold())).append(" must");
      }
    } else {
      text.append(e.metric()).append(" is ").append(Numbers.format(e.actual())).append(unit)
          .append(" against a target of ").append(target);
      if (e.alertThreshold() != null) {
        text.append(", alerting at ").append(Numbers.format(e.alertThreshold())).append(unit);
      }
      text.append(", over ").append(window).append(" (").append(e.samples()).append(" samples)");
    }
    text.append(" (").append(e.key().requirement()).append(").");
    if (e.errorBudgetRemaining() != null) {
      text.append(" Error budget left: ").append(Numbers.percent(e.errorBudgetRemaining()))
          .append('.');
    }
    if (e.description() != null && !e.description().isBlank()) {
      text.append(" Target: ").append(e.description().strip());
    }
    return text.toString();
  }

  /**
   * {@code com.acme.TimeoutException in REQ-F-AUTH-001: "gateway timed out after 30s" — 42
   * occurrences in 7 traces, 3 users, since 2026-11-21T10:15:00Z.}
   */
  static String of(ProductionIssue issue) {
    return issue.errorType() + " in " + issue.requirement() + ": \"" + issue.errorMessage()
        + "\" — " + issue.count() + (issue.count() == 1 ? " occurrence" : " occurrences") + " in "
        + issue.traces() + (issue.traces() == 1 ? " trace" : " traces") + ", " + issue.users()
        + (issue.users() == 1 ? " user" : " users") + ", since " + issue.firstSeen() + ".";
  }
}
