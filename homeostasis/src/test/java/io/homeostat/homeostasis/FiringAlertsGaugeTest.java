package io.homeostat.homeostasis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.core.req.Requirement;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.model.Alert;
import io.homeostat.homeostasis.model.Evaluation;
import io.homeostat.homeostasis.model.Operator;
import io.homeostat.homeostasis.model.TargetKey;
import io.homeostat.homeostasis.model.TargetState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FiringAlertsGaugeTest {

  private static final Instant AT = Instant.parse("2026-11-21T10:15:00Z");

  private final MetricRegistry metrics = new MetricRegistry();
  private final FiringAlertsGauge gauge = new FiringAlertsGauge(metrics);

  private static Alert firing(String requirement, String target, String severity) {
    Evaluation evaluation = new Evaluation(new TargetKey(requirement, target), target, 500,
        Operator.LT, 0.95, 750.0, 0.81, 1240, 50.0, severity, Duration.ofMinutes(5), null,
        List.of(), TargetState.FIRING, AT, null, false);
    return new Alert("ALR-" + target, "firing", evaluation, AT, null, Requirement.of(requirement),
        null);
  }

  private double value(String requirement, String severity) {
    return metrics.value(FiringAlertsGauge.NAME, "requirement", requirement, "severity", severity);
  }

  @Test
  void countsFiringAlertsByRequirementAndSeverityAndKeepsResolvedSeriesAtZero() {
    Alert p95 = firing("REQ-NFR-PERF-001", "login_latency_ms", "critical");
    Alert p99 = firing("REQ-NFR-PERF-001", "login_latency_p99", "critical");
    Alert success = firing("REQ-F-AUTH-001", "login_success_rate", "warning");
    gauge.update(List.of(p95, p99, success));
    assertEquals(2, value("REQ-NFR-PERF-001", "critical"));
    assertEquals(1, value("REQ-F-AUTH-001", "warning"));

    gauge.update(List.of(p99));
    assertEquals(1, value("REQ-NFR-PERF-001", "critical"));
    assertEquals(0, value("REQ-F-AUTH-001", "warning"), "resolved: the series stays at 0");
  }
}
