package io.homeostat.homeostasis.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.homeostasis.alerting.AlertmanagerJson.Labeled;
import io.homeostat.homeostasis.model.Alert;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertmanagerJsonTest {

  private static final String LABELS = "{\"alertname\":\"HomeostasisTargetMissed\","
      + "\"requirement\":\"REQ-NFR-PERF-001\",\"target\":\"login_latency_ms\","
      + "\"severity\":\"critical\"}";
  private static final String ANNOTATIONS = "{\"summary\":\"REQ-NFR-PERF-001 (Login is fast): "
      + "login_latency_ms is 750, target < 500 (50% off)\","
      + "\"description\":\"95 % of logins finish within 500 ms\",\"alert_id\":\"ALT-7f3a9c\","
      + "\"metric\":\"login_latency_ms\",\"operator\":\"lt\",\"target\":\"500\","
      + "\"actual\":\"750\",\"deviation_percent\":\"50\",\"alert_threshold\":\"0.95\","
      + "\"compliance\":\"0.81\",\"samples\":\"1240\",\"window\":\"5m\","
      + "\"trace_ids\":\"4bf92f3577b34da6a3ce929d0e0e4736\","
      + "\"requirement_title\":\"Login is fast\",\"requirement_intent\":\"INT-100\","
      + "\"intent_id\":\"INT-FB-0001\"}";

  @Test
  void theWebhookPayloadIsVersion4WithTheRequirementAsGroup() {
    Alert alert = Alerts.firing();
    Labeled labeled = Labeled.of(alert, null);
    assertEquals("{\"version\":\"4\",\"groupKey\":\"{}:{requirement=\\\"REQ-NFR-PERF-001\\\"}\","
        + "\"truncatedAlerts\":0,\"status\":\"firing\",\"receiver\":\"homeostat\","
        + "\"groupLabels\":{\"requirement\":\"REQ-NFR-PERF-001\"},\"commonLabels\":" + LABELS
        + ",\"commonAnnotations\":" + ANNOTATIONS + ",\"externalURL\":\"http://homeostat:8888\","
        + "\"alerts\":[{\"status\":\"firing\",\"labels\":" + LABELS + ",\"annotations\":"
        + ANNOTATIONS + ",\"startsAt\":\"2026-11-21T10:15:00Z\","
        + "\"endsAt\":\"0001-01-01T00:00:00Z\","
        + "\"generatorURL\":\"http://homeostat:8888/api/v1/requirements/REQ-NFR-PERF-001\","
        + "\"fingerprint\":\"" + AlertmanagerJson.fingerprint(labeled.labels()) + "\"}]}",
        text(AlertmanagerJson.webhook("REQ-NFR-PERF-001", List.of(labeled),
            "http://homeostat:8888/")));
  }

  @Test
  void commonLabelsAndAnnotationsAreWhatAllAlertsShare() {
    Alert latency = Alerts.firing();
    Alert other = Alerts.firing("ALT-2", "REQ-NFR-PERF-001", "login_errors");
    String json = text(AlertmanagerJson.webhook("REQ-NFR-PERF-001",
        List.of(Labeled.of(latency, null), Labeled.of(other, null)), null));
    assertEquals(true, json.contains("\"commonLabels\":{\"alertname\":\"HomeostasisTargetMissed\","
        + "\"requirement\":\"REQ-NFR-PERF-001\",\"severity\":\"critical\"}"), json);
    assertEquals(true, json.contains("\"commonAnnotations\":{\"description\":\"95 % of logins "
        + "finish within 500 ms\",\"operator\":\"lt\",\"target\":\"500\",\"actual\":\"750\","),
        json);
    assertEquals(true, json.contains("\"externalURL\":\"\""), json);
    assertEquals(true, json.contains("\"generatorURL\":\"\""), json);
  }

  @Test
  void aResolvedGroupSaysSoAndEachAlertCarriesItsEnd() {
    Alert resolved = Alerts.resolved(Instant.parse("2026-11-21T10:42:30Z"));
    String json = text(AlertmanagerJson.webhook("REQ-NFR-PERF-001",
        List.of(Labeled.of(resolved, null)), null));
    assertEquals(true, json.contains("\"truncatedAlerts\":0,\"status\":\"resolved\""), json);
    assertEquals(true, json.contains("\"startsAt\":\"2026-11-21T10:15:00Z\","
        + "\"endsAt\":\"2026-11-21T10:42:30Z\""), json);
  }

  @Test
  void thePushBodyListsAlertsWithEndsAtAheadWhileFiring() {
    Alert alert = Alerts.firing();
    assertEquals("[{\"labels\":" + LABELS + ",\"annotations\":" + ANNOTATIONS
        + ",\"startsAt\":\"2026-11-21T10:15:00Z\",\"endsAt\":\"2026-11-21T10:19:00Z\","
        + "\"generatorURL\":\"http://homeostat:8888/api/v1/requirements/REQ-NFR-PERF-001\"}]",
        text(AlertmanagerJson.push(List.of(Labeled.of(alert, null)),
            Instant.parse("2026-11-21T10:19:00Z"), "http://homeostat:8888")));
  }

  @Test
  void withoutAnExternalUrlThePushHasNoGeneratorUrl() {
    Alert resolved = Alerts.resolved(Instant.parse("2026-11-21T10:42:30Z"));
    String json = text(AlertmanagerJson.push(List.of(Labeled.of(resolved, null)),
        Instant.parse("2026-11-21T11:00:00Z"), null));
    assertEquals(true, json.endsWith("\"startsAt\":\"2026-11-21T10:15:00Z\","
        + "\"endsAt\":\"2026-11-21T10:42:30Z\"}]"), json);
  }

  @Test
  void aLaterSeverityDoesNotChangeTheLabelsAnAlertWasFirstSeenWith() {
    Labeled first = Labeled.of(Alerts.firing(), null);
    Alert milder = Alerts.firing("ALT-7f3a9c", "REQ-NFR-PERF-001", "login_latency_ms");
    assertEquals(first.labels(), Labeled.of(milder, first).labels());
  }

  @Test
  void theFingerprintIsPrometheusLabelSetHash() {
    // FNV-1a 64 of "a" 0xff "b" 0xff, as Go's model.LabelSet{"a": "b"}.Fingerprint() computes it.
    long hash = 0xcbf29ce484222325L;
    for (int b : new int[] {'a', 0xff, 'b', 0xff}) {
      hash = (hash ^ b) * 0x100000001b3L;
    }
    assertEquals(String.format("%016x", hash), AlertmanagerJson.fingerprint(Map.of("a", "b")));
    Map<String, String> reversed = new LinkedHashMap<>();
    reversed.put("severity", "critical");
    reversed.put("alertname", "X");
    Map<String, String> sorted = new LinkedHashMap<>();
    sorted.put("alertname", "X");
    sorted.put("severity", "critical");
    assertEquals(AlertmanagerJson.fingerprint(sorted), AlertmanagerJson.fingerprint(reversed));
  }

  @Test
  void annotationNumbersAreWrittenPlain() {
    assertEquals("0.0001", AlertmanagerJson.plain(1e-4));
    assertEquals("12345678", AlertmanagerJson.plain(12_345_678.0));
    assertEquals("0.99", AlertmanagerJson.plain(0.99));
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
