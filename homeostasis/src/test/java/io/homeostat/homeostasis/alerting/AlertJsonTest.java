package io.homeostat.homeostasis.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.homeostasis.model.Alert;
import io.homeostat.homeostasis.model.Evaluation;
import io.homeostat.homeostasis.model.Operator;
import io.homeostat.homeostasis.model.TargetKey;
import io.homeostat.homeostasis.model.TargetState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertJsonTest {

  @Test
  void designExampleRendersKeyForKeyWithNumbersAsNumbers() {
    assertEquals("{\"alert_id\":\"ALT-7f3a9c\",\"status\":\"firing\","
        + "\"requirement\":\"REQ-NFR-PERF-001\",\"metric\":\"login_latency_ms\",\"target\":500,"
        + "\"operator\":\"lt\",\"actual\":750.0,\"deviation_percent\":50.0,"
        + "\"severity\":\"critical\",\"window\":\"5m\",\"starts_at\":\"2026-11-21T10:15:00Z\","
        + "\"ends_at\":null,"
        + "\"context\":{\"alert_threshold\":0.95,\"compliance\":0.81,\"samples\":1240,"
        + "\"description\":\"95 % of logins finish within 500 ms\"},"
        + "\"traceability\":{\"title\":\"Login is fast\",\"intent\":\"INT-100\","
        + "\"doc\":\"docs/requirements/auth.md#login-latency\",\"design\":[\"ADR-001\"],"
        + "\"code\":[\"src/auth/login.py\"],\"business_rules\":[\"BR-001\"],"
        + "\"constraints\":[\"C-001\"]},"
        + "\"exemplars\":[{\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\","
        + "\"span_id\":\"00f067aa0ba902b7\",\"value\":812.0}],\"intent_id\":\"INT-FB-0001\"}",
        render(Alerts.firing()));
  }

  @Test
  void aResolvedAlertCarriesItsEnd() {
    String json = render(Alerts.resolved(Instant.parse("2026-11-21T10:42:30Z")));
    assertEquals(true, json.contains("\"status\":\"resolved\""), json);
    assertEquals(true, json.contains("\"starts_at\":\"2026-11-21T10:15:00Z\","
        + "\"ends_at\":\"2026-11-21T10:42:30Z\""), json);
  }

  @Test
  void whatIsNotKnownIsNullAndNoDataAndErrorBudgetJoinTheContext() {
    Evaluation noData = new Evaluation(new TargetKey("REQ-F-AUTH-001", "login_success_rate"),
        "login_success_rate", 0.99, Operator.GTE, null, Double.NaN, Double.NaN, 0, Double.NaN,
        "warning", Duration.ofMinutes(5), null, List.of(), TargetState.FIRING,
        Alerts.STARTS_AT, 0.25, true);
    Alert alert = new Alert("ALT-1", "firing", noData, Alerts.STARTS_AT, null, null, null);
    assertEquals("{\"alert_id\":\"ALT-1\",\"status\":\"firing\","
        + "\"requirement\":\"REQ-F-AUTH-001\",\"metric\":\"login_success_rate\","
        + "\"target\":0.99,\"operator\":\"gte\",\"actual\":null,\"deviation_percent\":null,"
        + "\"severity\":\"warning\",\"window\":\"5m\",\"starts_at\":\"2026-11-21T10:15:00Z\","
        + "\"ends_at\":null,\"context\":{\"alert_threshold\":null,\"compliance\":null,"
        + "\"samples\":0,\"description\":null,\"error_budget_remaining\":0.25,\"no_data\":true},"
        + "\"traceability\":null,\"exemplars\":[],\"intent_id\":null}", render(alert));
  }

  private static String render(Alert alert) {
    return new String(AlertJson.render(alert), StandardCharsets.UTF_8);
  }
}
