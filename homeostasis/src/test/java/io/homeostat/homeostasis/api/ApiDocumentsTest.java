package io.homeostat.homeostasis.api;

import static io.homeostat.homeostasis.testing.Fixtures.AUTH_REQUIREMENT;
import static io.homeostat.homeostasis.testing.Fixtures.PERF_REQUIREMENT;
import static io.homeostat.homeostasis.testing.Fixtures.T0;
import static io.homeostat.homeostasis.testing.Fixtures.issue;
import static io.homeostat.homeostasis.testing.Fixtures.latency;
import static io.homeostat.homeostasis.testing.Fixtures.successRate;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeostat.core.req.Catalog;
import io.homeostat.core.req.Requirement;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.model.Alert;
import io.homeostat.homeostasis.model.FeedbackIntent;
import io.homeostat.homeostasis.model.ProductionIssue;
import io.homeostat.homeostasis.model.TargetState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiDocumentsTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static final Requirement PAY = new Requirement("REQ-F-PAY-003", "Payments settle", "INT-102",
      null, null, null, null, null, "payments-team");
  static final Catalog CATALOG = new Catalog(null, Map.of(PERF_REQUIREMENT.id(), PERF_REQUIREMENT,
      AUTH_REQUIREMENT.id(), AUTH_REQUIREMENT, PAY.id(), PAY), Map.of(), List.of(), Map.of(), null);
  static final Alert FIRING = new Alert("ALERT-REQ-NFR-PERF-001-login_latency_ms-1", "firing",
      latency(TargetState.FIRING, T0), T0, null, PERF_REQUIREMENT, "INT-FB-20261121-0001");
  static final Alert RESOLVED = new Alert("ALERT-REQ-F-AUTH-001-login_success_rate-1", "resolved",
      successRate(TargetState.OK, T0), T0.minusSeconds(600), T0, AUTH_REQUIREMENT, null);
  static final ProductionIssue ISSUE = issue("ISS-20261121-0001", "high");
  static final ProductionIssue UNKNOWN = new ProductionIssue("ISS-20261121-0002", "REQ-F-ORD-002",
      "error", "fedcba9876543210", "order failed", null, List.of(), T0, T0, 1, "high", 0, 0,
      List.of());
  static final FeedbackIntent INTENT = new FeedbackIntent("INT-FB-20261121-0001",
      FIRING.alertId(), "alert", "REQ-NFR-PERF-001", "p95 of login_latency_ms is 750 ms ...", "P0",
      T0, "INT-100", Map.of("window", "5m", "samples", 1240));

  final MetricRegistry metrics = new MetricRegistry();

  ApiDocuments api() {
    metrics.gauge("homeostat_req_tagging_coverage", "coverage", () -> 1.0,
        "signal", "logs", "service", "auth-service");
    metrics.gauge("homeostat_req_tagging_coverage", "coverage", () -> 0.975,
        "signal", "traces", "service", "auth-service");
    return new ApiDocuments(() -> CATALOG, () -> List.of(successRate(TargetState.OK, T0),
        latency(TargetState.FIRING, T0)), () -> List.of(FIRING, RESOLVED),
        () -> List.of(ISSUE, UNKNOWN), () -> List.of(INTENT), metrics);
  }

  /** Compact JSON of {@code expected}, written readably in the test. */
  static String json(String expected) throws Exception {
    return JSON.writeValueAsString(JSON.readTree(expected));
  }

  static String text(JsonNode document) {
    return new String(ApiDocuments.toBytes(document), StandardCharsets.UTF_8);
  }

  static final String PERF_DOCUMENT = """
      {"id": "REQ-NFR-PERF-001", "title": "Login is fast", "intent": "INT-100",
       "owner": "auth-team", "in_catalog": true, "state": "firing",
       "targets": [{"name": "login_latency_ms", "metric": "login_latency_ms", "state": "firing",
                    "actual": 750.0, "target": 500, "operator": "lt", "alert_threshold": 0.95,
                    "compliance": 0.81, "samples": 1240, "deviation_percent": 50.0,
                    "severity": "critical", "window": "5m",
                    "description": "p95 login under 500 ms", "error_budget_remaining": null,
                    "no_data": false, "evaluated_at": "2026-11-21T10:15:00Z"}],
       "alerts": [{"alert_id": "ALERT-REQ-NFR-PERF-001-login_latency_ms-1", "status": "firing",
                   "requirement": "REQ-NFR-PERF-001", "metric": "login_latency_ms",
                   "target": 500, "operator": "lt", "actual": 750.0, "deviation_percent": 50.0,
                   "severity": "critical", "window": "5m", "starts_at": "2026-11-21T10:15:00Z",
                   "ends_at": null,
                   "context": {"alert_threshold": 0.95, "compliance": 0.81, "samples": 1240,
                               "description": "p95 login under 500 ms"},
                   "traceability": {"title": "Login is fast", "intent": "INT-100",
                                    "doc": "docs/perf.md", "design": ["ADR-001"],
                                    "code": ["src/auth/login.ts"], "business_rules": ["BR-001"],
                                    "constraints": ["C-001"]},
                   "exemplars": [{"trace_id": "4bf92f3577b34da6a3ce929d0e0e4736",
                                  "span_id": "00f067aa0ba902b7", "value": 812.0}],
                   "intent_id": "INT-FB-20261121-0001"}],
       "issues": []}
      """;

  @Test
  void theRequirementsListHasEveryRequirementWithItsTargetsAlertsIssuesAndTheCoverage()
      throws Exception {
    assertEquals(json("""
        {"requirements": [
          {"id": "REQ-F-AUTH-001", "title": "Users log in", "intent": "INT-101",
           "owner": "auth-team", "in_catalog": true, "state": "ok",
           "targets": [{"name": "login_success_rate", "metric": "login_success_rate",
                        "state": "ok", "actual": 0.97, "target": 0.99, "operator": "gte",
                        "alert_threshold": 0.98, "compliance": null, "samples": 1200,
                        "deviation_percent": 2.0202, "severity": "warning", "window": "5m",
                        "description": null, "error_budget_remaining": null, "no_data": false,
                        "evaluated_at": "2026-11-21T10:15:00Z"}],
           "alerts": [],
           "issues": [{"issue_id": "ISS-20261121-0001", "requirement": "REQ-F-AUTH-001",
                       "error_type": "com.acme.TimeoutException",
                       "fingerprint": "0123456789abcdef",
                       "error_message": "gateway timed out after 30s",
                       "stack_trace": "com.acme.TimeoutException: gateway timed out\\n\\tat Gw.call",
                       "business_rules": ["BR-002"], "first_seen": "2026-11-21T10:15:00Z",
                       "last_seen": "2026-11-21T10:16:30Z", "count": 42, "severity": "high",
                       "impact": {"traces": 7, "users": 3},
                       "sample_trace_ids": ["4bf92f3577b34da6a3ce929d0e0e4736"]}]},
          {"id": "REQ-F-ORD-002", "title": null, "intent": null, "owner": null,
           "in_catalog": false, "state": null, "targets": [], "alerts": [],
           "issues": [{"issue_id": "ISS-20261121-0002", "requirement": "REQ-F-ORD-002",
                       "error_type": "error", "fingerprint": "fedcba9876543210",
                       "error_message": "order failed", "stack_trace": null,
                       "business_rules": [], "first_seen": "2026-11-21T10:15:00Z",
                       "last_seen": "2026-11-21T10:15:00Z", "count": 1, "severity": "high",
                       "impact": {"traces": 0, "users": 0}, "sample_trace_ids": []}]},
          {"id": "REQ-F-PAY-003", "title": "Payments settle", "intent": "INT-102",
           "owner": "payments-team", "in_catalog": true, "state": null, "targets": [],
           "alerts": [], "issues": []},
        """ + PERF_DOCUMENT + """
        ],
         "tagging_coverage": [
          {"signal": "logs", "service": "auth-service", "coverage": 1.0},
          {"signal": "traces", "service": "auth-service", "coverage": 0.975}]}
        """), text(api().requirements()));
  }

  @Test
  void oneRequirementIsItsEntryOfTheList() throws Exception {
    assertEquals(json(PERF_DOCUMENT), text(api().requirement("REQ-NFR-PERF-001").orElseThrow()));
    assertEquals(Optional.empty(), api().requirement("REQ-NOPE-001"));
  }

  @Test
  void alertsIssuesAndIntentsAreListedWhole() throws Exception {
    ApiDocuments api = api();
    assertEquals(List.of(FIRING.alertId(), RESOLVED.alertId()),
        JSON.readTree(text(api.alerts())).get("alerts").findValuesAsText("alert_id"));
    assertEquals("resolved", api.alerts().get("alerts").get(1).get("status").asText());
    assertEquals(List.of("ISS-20261121-0001", "ISS-20261121-0002"),
        api.issues().get("issues").findValuesAsText("issue_id"));
    assertEquals(json("""
        {"intents": [{"intent_id": "INT-FB-20261121-0001",
                      "source": "ALERT-REQ-NFR-PERF-001-login_latency_ms-1",
                      "source_kind": "alert", "requirement": "REQ-NFR-PERF-001",
                      "parent_intent": "INT-100", "priority": "P0",
                      "created_at": "2026-11-21T10:15:00Z",
                      "description": "p95 of login_latency_ms is 750 ms ...",
                      "evidence": {"samples": 1240, "window": "5m"}}]}
        """), text(api.intents()));
  }

  @Test
  void withoutCatalogOrCoverageTheListHoldsWhatTargetsName() throws Exception {
    ApiDocuments api = new ApiDocuments(() -> Catalog.EMPTY,
        () -> List.of(successRate(TargetState.DEVIATING, T0)), List::of, List::of, List::of,
        new MetricRegistry());
    JsonNode document = api.requirements();
    assertEquals(List.of("REQ-F-AUTH-001"), document.get("requirements").findValuesAsText("id"));
    assertEquals("deviating", document.get("requirements").get(0).get("state").asText());
    assertEquals(0, document.get("tagging_coverage").size());
    assertEquals("{\"error\":\"no such thing\"}", text(ApiDocuments.error("no such thing")));
  }
}
