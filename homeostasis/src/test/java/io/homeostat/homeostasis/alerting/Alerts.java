package io.homeostat.homeostasis.alerting;

import io.homeostat.core.req.Requirement;
import io.homeostat.homeostasis.model.Alert;
import io.homeostat.homeostasis.model.Evaluation;
import io.homeostat.homeostasis.model.Exemplar;
import io.homeostat.homeostasis.model.Operator;
import io.homeostat.homeostasis.model.TargetKey;
import io.homeostat.homeostasis.model.TargetState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Alerts for tests, starting from DESIGN.md's example. */
final class Alerts {

  static final Instant STARTS_AT = Instant.parse("2026-11-21T10:15:00Z");
  static final Requirement LOGIN_FAST = new Requirement("REQ-NFR-PERF-001", "Login is fast",
      "INT-100", "docs/requirements/auth.md#login-latency", List.of("ADR-001"),
      List.of("src/auth/login.py"), List.of("BR-001"), List.of("C-001"), "team-auth");

  private Alerts() {}

  /** DESIGN.md's example: p95 login latency 750 ms against a target of lt 500. */
  static Evaluation latency(Instant at) {
    return new Evaluation(new TargetKey("REQ-NFR-PERF-001", "login_latency_ms"),
        "login_latency_ms", 500, Operator.LT, 0.95, 750.0, 0.81, 1240, 50.0, "critical",
        Duration.ofMinutes(5), "95 % of logins finish within 500 ms",
        List.of(new Exemplar("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", 812.0)),
        TargetState.FIRING, at, null, false);
  }

  static Alert firing() {
    return new Alert("ALT-7f3a9c", "firing", latency(STARTS_AT), STARTS_AT, null, LOGIN_FAST,
        "INT-FB-0001");
  }

  static Alert resolved(Instant endsAt) {
    return new Alert("ALT-7f3a9c", "resolved", latency(endsAt), STARTS_AT, endsAt, LOGIN_FAST,
        "INT-FB-0001");
  }

  /** A firing alert of its own requirement and target, otherwise as the example. */
  static Alert firing(String id, String requirement, String target) {
    Evaluation e = latency(STARTS_AT);
    Evaluation other = new Evaluation(new TargetKey(requirement, target), target, e.target(),
        e.operator(), e.alertThreshold(), e.actual(), e.compliance(), e.samples(),
        e.deviationPercent(), e.severity(), e.window(), e.description(), e.exemplars(), e.state(),
        e.evaluatedAt(), null, false);
    return new Alert(id, "firing", other, STARTS_AT, null, Requirement.of(requirement), null);
  }
}
