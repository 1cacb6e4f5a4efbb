package io.homeostat.homeostasis.intents;

import io.homeostat.core.testing.ManualClock;
import static io.homeostat.homeostasis.testing.Fixtures.AUTH;
import static io.homeostat.homeostasis.testing.Fixtures.CATALOG;
import static io.homeostat.homeostasis.testing.Fixtures.PERF;
import static io.homeostat.homeostasis.testing.Fixtures.PERF_REQUIREMENT;
import static io.homeostat.homeostasis.testing.Fixtures.firing;
import static io.homeostat.homeostasis.testing.Fixtures.issue;
import static io.homeostat.homeostasis.testing.Fixtures.latency;
import static io.homeostat.homeostasis.testing.Fixtures.successRate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.model.FeedbackIntent;
import io.homeostat.homeostasis.model.TargetKey;
import io.homeostat.homeostasis.model.TargetState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackIntentsTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  final ManualClock clock = ManualClock.at("2026-11-21T10:15:00Z");
  final MetricRegistry metrics = new MetricRegistry();
  final List<FeedbackIntents> open = new ArrayList<>();

  FeedbackIntents intents(IntentsConfig sinks) {
    FeedbackConfig d = FeedbackConfig.defaults();
    FeedbackIntents intents = new FeedbackIntents(new FeedbackConfig(sinks, d.issueTtl(),
        d.maxOpenIssues(), d.criticalBurst(), d.criticalBurstWindow()), CATALOG::get, dir,
        dir.resolve("data"), metrics, clock);
    open.add(intents);
    return intents;
  }

  FeedbackIntents intents() {
    return intents(new IntentsConfig("out/intents.jsonl", List.of(), 100));
  }

  void restart(FeedbackIntents intents) {
    intents.close();
    open.remove(intents);
  }

  @AfterEach
  void closeAll() {
    open.forEach(FeedbackIntents::close);
  }

  List<JsonNode> fileLines() throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("out/intents.jsonl"))) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  @Test
  void anAlertThatFiresMakesOneIntentUntilItResolves() {
    FeedbackIntents intents = intents();
    FeedbackIntent first = intents.forAlert(firing(latency(TargetState.FIRING, clock.instant()),
        "ALERT-1", PERF_REQUIREMENT));
    assertEquals("INT-FB-20261121-0001", first.intentId());
    clock.advance(Duration.ofMinutes(5));
    assertSame(first, intents.forAlert(firing(latency(TargetState.FIRING, clock.instant()),
        "ALERT-1", PERF_REQUIREMENT)));

    intents.alertResolved(new TargetKey(PERF, "login_latency_ms"));
    FeedbackIntent second = intents.forAlert(firing(latency(TargetState.FIRING, clock.instant()),
        "ALERT-2", PERF_REQUIREMENT));
    assertEquals("INT-FB-20261121-0002", second.intentId());
    assertEquals("ALERT-2", second.source());
    assertEquals(List.of(second, first), intents.recent());
    assertEquals(2, metrics.value("homeostat_intents_total", "priority", "P0"));
    assertEquals(0, metrics.value("homeostat_intents_total", "priority", "P1"));
  }

  @Test
  void anAlertIntentSaysWhatHappenedWithTheAlertsNumbers() throws Exception {
    FeedbackIntent intent = intents().forAlert(firing(latency(TargetState.FIRING,
        clock.instant()), "ALERT-1", null));
    assertEquals(new FeedbackIntent("INT-FB-20261121-0001", "ALERT-1", "alert", PERF,
        "p95 of login_latency_ms is 750 ms against a target of < 500 ms: 81 % of 1240 samples "
            + "over 5m met it, where at least 95 % must (REQ-NFR-PERF-001). Target: p95 login "
            + "under 500 ms",
        "P0", clock.instant(), "INT-100", intent.evidence()), intent);
    assertEquals(JSON.readTree("""
        {"alert_id": "ALERT-1", "requirement": "REQ-NFR-PERF-001", "metric": "login_latency_ms",
         "target": 500, "operator": "lt", "actual": 750.0, "deviation_percent": 50.0,
         "severity": "critical", "window": "5m", "starts_at": "2026-11-21T10:15:00Z",
         "context": {"alert_threshold": 0.95, "compliance": 0.81, "samples": 1240,
                     "description": "p95 login under 500 ms"},
         "exemplars": [{"trace_id": "4bf92f3577b34da6a3ce929d0e0e4736",
                        "span_id": "00f067aa0ba902b7", "value": 812.0}]}
        """), JSON.valueToTree(intent.evidence()));
  }

  @Test
  void aSingleValueAlertIsDescribedWithItsThresholdAndIsP1WhenNotCritical() {
    FeedbackIntent intent = intents().forAlert(firing(successRate(TargetState.FIRING,
        clock.instant()), "ALERT-9", null));
    assertEquals("login_success_rate is 0.97 against a target of >= 0.99, alerting at 0.98, over "
        + "5m (1200 samples) (REQ-F-AUTH-001).", intent.description());
    assertEquals("P1", intent.priority());
    assertEquals("INT-101", intent.parentIntent());
    assertEquals(null, ((Map<?, ?>) intent.evidence().get("context")).get("compliance"),
        "a single value has no compliance");
  }

  @Test
  void anIssueMakesOneIntentWhileOpen() throws Exception {
    FeedbackIntents intents = intents();
    FeedbackIntent first = intents.forIssue(issue("ISS-20261121-0001", "high"));
    assertSame(first, intents.forIssue(issue("ISS-20261121-0001", "critical")));
    assertEquals(new FeedbackIntent("INT-FB-20261121-0001", "ISS-20261121-0001", "issue", AUTH,
        "com.acme.TimeoutException in REQ-F-AUTH-001: \"gateway timed out after 30s\" — 42 "
            + "occurrences in 7 traces, 3 users, since 2026-11-21T10:15:00Z.",
        "P1", clock.instant(), "INT-101", first.evidence()), first);
    assertEquals(JSON.readTree("""
        {"issue_id": "ISS-20261121-0001", "requirement": "REQ-F-AUTH-001",
         "error_type": "com.acme.TimeoutException", "fingerprint": "0123456789abcdef",
         "error_message": "gateway timed out after 30s",
         "stack_trace": "com.acme.TimeoutException: gateway timed out\\n\\tat Gw.call",
         "business_rules": ["BR-002"], "first_seen": "2026-11-21T10:15:00Z",
         "last_seen": "2026-11-21T10:16:30Z", "count": 42, "severity": "high",
         "impact": {"traces": 7, "users": 3},
         "sample_trace_ids": ["4bf92f3577b34da6a3ce929d0e0e4736"]}
        """), JSON.valueToTree(first.evidence()));

    FeedbackIntent critical = intents.forIssue(issue("ISS-20261121-0002", "critical"));
    assertEquals("P0", critical.priority());
    intents.issueClosed("ISS-20261121-0001");
    assertNotEquals(first.intentId(), intents.forIssue(issue("ISS-20261121-0001", "high")).intentId());
  }

  @Test
  void eachIntentIsOneLineOfTheJsonLinesFile() throws Exception {
    FeedbackIntents intents = intents();
    FeedbackIntent alert = intents.forAlert(firing(latency(TargetState.FIRING, clock.instant()),
        "ALERT-1", PERF_REQUIREMENT));
    intents.forAlert(firing(latency(TargetState.FIRING, clock.instant()), "ALERT-1",
        PERF_REQUIREMENT));
    FeedbackIntent issue = intents.forIssue(issue("ISS-20261121-0001", "high"));
    restart(intents);

    assertEquals(List.of(IntentJson.node(alert), IntentJson.node(issue)), fileLines());
    assertEquals("{\"intent_id\":\"INT-FB-20261121-0002\",\"source\":\"ISS-20261121-0001\","
        + "\"source_kind\":\"issue\",\"requirement\":\"REQ-F-AUTH-001\",\"parent_intent\":"
        + "\"INT-101\",\"priority\":\"P1\",\"created_at\":\"2026-11-21T10:15:00Z\","
        + "\"description\":\"com.acme.TimeoutException in REQ-F-AUTH-001: \\\"gateway timed out "
        + "after 30s\\\" — 42 occurrences in 7 traces, 3 users, since 2026-11-21T10:15:00Z.\","
        + "\"evidence\":{\"business_rules\":[\"BR-002\"],\"count\":42,\"error_message\":"
        + "\"gateway timed out after 30s\",\"error_type\":\"com.acme.TimeoutException\","
        + "\"fingerprint\":\"0123456789abcdef\",\"first_seen\":\"2026-11-21T10:15:00Z\","
        + "\"impact\":{\"traces\":7,\"users\":3},\"issue_id\":\"ISS-20261121-0001\","
        + "\"last_seen\":\"2026-11-21T10:16:30Z\",\"requirement\":\"REQ-F-AUTH-001\","
        + "\"sample_trace_ids\":[\"4bf92f3577b34da6a3ce929d0e0e4736\"],\"severity\":\"high\","
        + "\"stack_trace\":\"com.acme.TimeoutException: gateway timed out\\n\\tat Gw.call\"}}",
        Files.readAllLines(dir.resolve("out/intents.jsonl")).get(1));
  }

  @Test
  void aRestartNeitherRemakesNorForgetsIntents() throws Exception {
    FeedbackIntents before = intents();
    FeedbackIntent alert = before.forAlert(firing(latency(TargetState.FIRING, clock.instant()),
        "ALERT-1", PERF_REQUIREMENT));
    FeedbackIntent issue = before.forIssue(issue("ISS-20261121-0001", "critical"));
    FeedbackIntent resolved = before.forAlert(firing(successRate(TargetState.FIRING,
        clock.instant()), "ALERT-2", null));
    before.alertResolved(new TargetKey(AUTH, "login_success_rate"));
    restart(before);

    FeedbackIntents after = intents();
    assertEquals(List.of(resolved, issue, alert), after.recent());
    assertEquals(alert, after.forAlert(firing(latency(TargetState.FIRING, clock.instant()),
        "ALERT-1", PERF_REQUIREMENT)));
    assertEquals(issue, after.forIssue(issue("ISS-20261121-0001", "critical")));
    FeedbackIntent again = after.forAlert(firing(successRate(TargetState.FIRING, clock.instant()),
        "ALERT-3", null));
    assertEquals("INT-FB-20261121-0004", again.intentId());
    restart(after);

    assertEquals(List.of("INT-FB-20261121-0001", "INT-FB-20261121-0002", "INT-FB-20261121-0003",
        "INT-FB-20261121-0004"), fileLines().stream().map(n -> n.get("intent_id").asText()).toList());
  }

  @Test
  void theRecentListIsCapped() {
    FeedbackIntents intents = intents(new IntentsConfig(null, List.of(), 2));
    for (int i = 1; i <= 3; i++) {
      intents.forIssue(issue("ISS-20261121-000" + i, "high"));
    }
    assertEquals(List.of("ISS-20261121-0003", "ISS-20261121-0002"),
        intents.recent().stream().map(FeedbackIntent::source).toList());
    assertEquals(false, Files.exists(dir.resolve("out")), "no file sink configured");
  }

  @Test
  void aFileThatCannotBeWrittenIsCountedAndTheIntentStillMade() throws Exception {
    Files.createDirectories(dir.resolve("out"));
    Files.createDirectories(dir.resolve("out/intents.jsonl"));
    FeedbackIntents intents = intents();
    FeedbackIntent intent = intents.forIssue(issue("ISS-20261121-0001", "high"));
    restart(intents);
    assertEquals(List.of(intent), intents.recent());
    assertEquals(1, metrics.value("homeostat_intents_file_failed_total"));
  }
}
