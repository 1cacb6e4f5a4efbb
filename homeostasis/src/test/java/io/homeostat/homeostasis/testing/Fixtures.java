package io.homeostat.homeostasis.testing;

import io.homeostat.core.req.Requirement;
import io.homeostat.homeostasis.model.Alert;
import io.homeostat.homeostasis.model.Evaluation;
import io.homeostat.homeostasis.model.Exemplar;
import io.homeostat.homeostasis.model.Operator;
import io.homeostat.homeostasis.model.ProductionIssue;
import io.homeostat.homeostasis.model.TargetKey;
import io.homeostat.homeostasis.model.TargetState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The requirements, evaluations, alerts and issues of DESIGN.md's examples. */
public final class Fixtures {

  public static final String PERF = "REQ-NFR-PERF-001";
  public static final String AUTH = "REQ-F-AUTH-001";
  public static final Instant T0 = Instant.parse("2026-11-21T10:15:00Z");

  public static final Requirement PERF_REQUIREMENT = new Requirement(PERF, "Login is fast",
      "INT-100", "docs/perf.md", List.of("ADR-001"), List.of("src/auth/login.ts"),
      List.of("BR-001"), List.of("C-001"), "auth-team");
  public static final Requirement AUTH_REQUIREMENT = new Requirement(AUTH, "Users log in",
      "INT-101", null, null, null, List.of("BR-002"), null, "auth-team");
  public static final Map<String, Requirement> CATALOG =
      Map.of(PERF, PERF_REQUIREMENT, AUTH, AUTH_REQUIREMENT);

  private Fixtures() {}

  /** p95 of login latency at 750 ms against < 500 ms: a distribution target, firing. */
  public static Evaluation latency(TargetState state, Instant at) {
    return new Evaluation(new TargetKey(PERF, "login_latency_ms"), "login_latency_ms", 500,
        Operator.LT, 0.95, 750.0, 0.81, 1240, 50.0, "critical", Duration.ofMinutes(5),
        "p95 login under 500 ms", List.of(new Exemplar("4bf92f3577b34da6a3ce929d0e0e4736",
            "00f067aa0ba902b7", 812.0)), state, at, null, false);
  }

  /** Login success at 0.97 against >= 0.99, alerting at 0.98: a single value, firing. */
  public static Evaluation successRate(TargetState state, Instant at) {
    return new Evaluation(new TargetKey(AUTH, "login_success_rate"), "login_success_rate", 0.99,
        Operator.GTE, 0.98, 0.97, Double.NaN, 1200, 2.0202, "warning", Duration.ofMinutes(5),
        null, List.of(), state, at, null, false);
  }

  public static Alert firing(Evaluation evaluation, String alertId, Requirement requirement) {
    return new Alert(alertId, "firing", evaluation, evaluation.evaluatedAt(), null, requirement,
        null);
  }

  public static ProductionIssue issue(String id, String severity) {
    return new ProductionIssue(id, AUTH, "com.acme.TimeoutException", "0123456789abcdef",
        "gateway timed out after 30s", "com.acme.TimeoutException: gateway timed out\n\tat Gw.call",
        List.of("BR-002"), T0, T0.plusSeconds(90), 42, severity, 7, 3,
        List.of("4bf92f3577b34da6a3ce929d0e0e4736"));
  }
}
